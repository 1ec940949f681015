// The tips chunk, loaded the first time friction happens: checks the config's tips and picks the one to show.
import type { FrictionSignal, RemoteConfig, Tip } from '../wire';
import { parseConfig } from './parse';
import { matchTip, pushedTip, type TipDecision, type TipState, type TipUser } from './match';

// One parse per config object: the core hands over the same object until a new config arrives.
const parsed = new WeakMap<object, RemoteConfig | null>();
const check = (raw: RemoteConfig): RemoteConfig | null => {
  let cfg = parsed.get(raw);
  if (cfg === undefined) parsed.set(raw, (cfg = parseConfig(raw)));
  return cfg;
};

/** Which tip (if any) a signal should show or hold out, under the config's limits and holdout. */
export function decide(signal: FrictionSignal, raw: RemoteConfig, user: TipUser, state: TipState, now: number): TipDecision {
  const cfg = check(raw);
  return cfg
    ? matchTip(signal, cfg.tips, user, state, { ...cfg.limits, holdoutPercent: cfg.holdoutPercent }, now)
    : null;
}

/** Which of the tips rules pushed to the user's account (if any) to show or hold out now. */
export function decidePush(raw: RemoteConfig, user: TipUser, state: TipState, now: number): TipDecision {
  const cfg = check(raw);
  return cfg && raw.push ? pushedTip(raw.push, cfg.tips, user, state, { ...cfg.limits, holdoutPercent: cfg.holdoutPercent }, now) : null;
}

/** A checked tip by id, for `showTip(id)`. */
export function findTip(raw: RemoteConfig, id: string): Tip | undefined {
  const cfg = check(raw);
  return cfg ? cfg.tips.find((t) => t.id === id) : undefined;
}
