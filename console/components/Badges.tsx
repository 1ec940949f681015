// The small labels every page shares: risk score and level, reason chips, delivery states.
import type { RiskLevel, Reason } from '../../edge/risk/types';
import type { TriggerRecord } from '../../edge/actions/types';
import { humanize, LEVEL_NAMES, patternName } from '../format';

export function ScoreBadge({ score, level }: { score: number; level: RiskLevel }) {
  return (
    <span class={`score level-${level}`}>
      <span class="score-n">{score}</span>
      <span class="score-l">{LEVEL_NAMES[level]}</span>
    </span>
  );
}

/** A reason's pattern as a chip; context (renewal soon, VIP) is drawn outlined: it is about the account, not what happened. */
export function ReasonChip({ reason }: { reason: Pick<Reason, 'id' | 'kind' | 'points' | 'sentence'> }) {
  return (
    <span class={`chip ${reason.kind === 'context' ? 'chip-context' : reason.id === 'guardrail' ? 'chip-guardrail' : ''}`} title={reason.sentence}>
      {patternName(reason.id)}
    </span>
  );
}

export const DELIVERY_WORDS: Record<TriggerRecord['delivery'], string> = {
  none: 'Nothing to send',
  pending: 'Sending',
  delivered: 'Delivered',
  failed: 'Retrying',
  dead: 'Gave up',
};

export function DeliveryBadge({ state }: { state: TriggerRecord['delivery'] | 'pending' | 'delivered' | 'failed' | 'dead' }) {
  return <span class={`badge delivery-${state}`}>{DELIVERY_WORDS[state] ?? humanize(state)}</span>;
}
