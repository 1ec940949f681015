// From "something about this account changed" to its new risk score and the rules that fire: re-scores only the
// accounts touched (debounced, one at a time, off the request path), sweeps now and then for windows that moved
// on with time, and writes each firing (trigger, outbox rows, cooldowns, tip targets, routes) in one transaction.
import type { HandoffSummary, OutboxRecord, TriggerRecord } from '../actions/types';
import type { MessageAnalysis } from '../ai/types';
import { buildHandoffSummary } from '../actions/summary';
import { buildOutboxPayload, newIdempotencyKey } from '../delivery/payload';
import type { Clock, Logger } from '../http/context';
import { randomId } from '../keys';
import { assessAccount } from '../risk/score';
import { resolveRiskThresholds, type RiskThresholds } from '../risk/thresholds';
import { RISK_LOOKBACK_DAYS, type AccountFacts, type RiskAssessment } from '../risk/types';
import { cooldownKey, evaluateRule } from '../rules/evaluate';
import { windowMs, type Rule, type RuleAction } from '../rules/schema';
import type { Store, TriggerFiring } from '../store';

/** Changes to one account arriving together (a batch of events, a ticket and its messages) are scored once. */
export const DEFAULT_DEBOUNCE_MS = 250;
/**
 * A busy account (hundreds of events a second during an incident) is re-scored at most every 5 s: a score that
 * trails by seconds loses nothing, and scoring the same account back to back would starve ingest of the CPU.
 */
export const DEFAULT_MIN_INTERVAL_MS = 5_000;
/** Windows move on with time (a ticket ages out of "5 days", usage of last week becomes the week before): re-score hourly. */
export const DEFAULT_SWEEP_MS = 60 * 60_000;
/** Customer messages a model re-reads per evaluation: the newest matter most, and the rest wait for the next one. */
export const REFINE_PER_EVALUATION = 20;
/** A show_tip target lives this long without a cooldown to bound it: long enough for the user's next visit. */
export const TIP_TARGET_MS = 7 * 86_400_000;

export interface PipelineDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Rewrites summaries' prose when a model is configured; the template stands otherwise. */
  ai?: { readonly modelId: string | null; summarize(template: HandoffSummary): Promise<HandoffSummary>; analyzeMessage(text: string): Promise<MessageAnalysis> };
  /** Told when a firing wrote outbox rows: the dispatcher should look now rather than at its next tick. */
  onOutbox?: () => void;
  /** The console's origin, for "open in Forestall" links in outreach. */
  consoleUrl?: string;
  debounceMs?: number;
  /** One account is scored at most this often, however fast its events arrive. */
  minIntervalMs?: number;
}

export interface EvaluationResult {
  assessment: RiskAssessment;
  fired: TriggerRecord[];
}

export interface RiskPipeline {
  /** These accounts changed: re-score them soon. Never throws, never waits. */
  touch(workspaceId: string, accountIds: Iterable<string | null | undefined>): void;
  /** These tickets changed: re-score their accounts (resolved from the store, as a ticket may name only its requester). */
  touchTickets(workspaceId: string, ticketIds: string[]): void;
  /** Re-scores one account now and fires its rules. */
  evaluate(workspaceId: string, accountId: string): Promise<EvaluationResult>;
  /** Re-scores every account that may have changed since `since` (default: the lookback), in every workspace. */
  sweep(since?: number): Promise<number>;
  /** The same for one workspace (its rules or thresholds changed). */
  sweepWorkspace(workspaceId: string, since?: number): Promise<number>;
  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void>;
  /** Sweeps at start (catching up on what a crash left unscored) and every `everyMs`. */
  start(everyMs?: number): void;
  stop(): Promise<void>;
}

const key = (workspaceId: string, accountId: string) => `${workspaceId}\u0000${accountId}`;

export function createRiskPipeline(deps: PipelineDeps): RiskPipeline {
  const { store, clock, logger } = deps;
  const debounceMs = deps.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const minIntervalMs = deps.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  const dirty = new Map<string, { workspaceId: string; accountId: string }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const waiters: Array<() => void> = [];

  /** Ticket-to-account lookups under way: their accounts are not dirty yet, but will be. */
  let lookups = 0;
  const settleWaiters = () => {
    if (dirty.size || running || timer || lookups) return;
    for (const w of waiters.splice(0)) w();
  };

  /** When each account was last scored: a busy account is scored at most once per minIntervalMs. */
  const lastRun = new Map<string, number>();
  /** When the account may be scored again. */
  const eligibleAt = (k: string) => (lastRun.get(k) ?? -Infinity) + minIntervalMs;

  const drain = async () => {
    for (;;) {
      if (stopped) return;
      const now = clock.now();
      // A plain walk, stopping at the first eligible account: copying the map per account is quadratic over a sweep.
      let next: [string, { workspaceId: string; accountId: string }] | undefined;
      for (const entry of dirty) {
        if (eligibleAt(entry[0]) <= now) {
          next = entry;
          break;
        }
      }
      if (!next) return;
      const [k, job] = next;
      dirty.delete(k);
      lastRun.set(k, now);
      try {
        await evaluate(job.workspaceId, job.accountId);
      } catch (e) {
        logger.error({ msg: 'risk evaluation failed', workspaceId: job.workspaceId, accountId: job.accountId, error: e instanceof Error ? e.message : String(e) });
      }
      // Scoring is synchronous SQLite work: let requests waiting on this process in between accounts.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const schedule = () => {
    if (timer || stopped) return;
    const now = clock.now();
    // The next account to become eligible sets the wait; forget accounts last scored long ago.
    for (const [k, t] of lastRun) if (t + minIntervalMs <= now && !dirty.has(k)) lastRun.delete(k);
    // A loop, not Math.min(...keys): spreading a sweep's hundreds of thousands of keys overflows the stack.
    let soonest = Infinity;
    for (const k of dirty.keys()) soonest = Math.min(soonest, eligibleAt(k));
    timer = setTimeout(
      () => {
        timer = undefined;
        if (running) return void running.then(schedule);
        running = drain().finally(() => {
          running = undefined;
          if (dirty.size) schedule();
          settleWaiters();
        });
      },
      Math.max(debounceMs, soonest - now),
    );
  };

  const thresholdsOf = async (workspaceId: string): Promise<RiskThresholds> => resolveRiskThresholds((await store.getSettings(workspaceId))?.risk);

  /** The outbox rows of one action, or a reason it goes nowhere (logged; the trigger still records it). */
  const outboxFor = async (
    workspaceId: string,
    trigger: TriggerRecord,
    action: RuleAction,
    facts: AccountFacts,
  ): Promise<OutboxRecord[]> => {
    const now = clock.now();
    const destinations = await store.listDestinations(workspaceId);
    const find = (ref: string) => destinations.find((d) => d.id === ref || d.name === ref);
    let target = undefined as (typeof destinations)[number] | undefined;
    if (action.type === 'outreach') target = find(action.destination);
    else if (action.type === 'route_ticket' && action.destination) target = find(action.destination);
    else if (action.type === 'notify_owner') {
      target = destinations.find((d) => d.enabled && d.config.kind === 'email') ?? destinations.find((d) => d.enabled && d.config.kind === 'local_inbox');
    }
    if (!target) {
      if (action.type === 'outreach' || action.type === 'notify_owner' || (action.type === 'route_ticket' && action.destination)) {
        logger.error({ msg: 'rule action has no destination', workspaceId, ruleId: trigger.ruleId, action: action.type });
      }
      return [];
    }
    const owner = facts.account?.owner ?? facts.account?.csm ?? undefined;
    const built = buildOutboxPayload(action, target, trigger, {
      ...(owner ? { ownerEmail: owner } : {}),
      ...(deps.consoleUrl ? { consoleUrl: `${deps.consoleUrl}/console/accounts/${encodeURIComponent(trigger.accountId)}` } : {}),
    });
    if (!built.ok) {
      logger.error({ msg: 'rule action cannot be delivered', workspaceId, ruleId: trigger.ruleId, action: action.type, error: built.error });
      return [];
    }
    return [
      {
        id: randomId('out'),
        workspaceId,
        triggerId: trigger.id,
        destinationId: target.id,
        action: action.type,
        payload: built.payload,
        idempotencyKey: newIdempotencyKey(),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastStatus: null,
        lastError: null,
        deliveredAt: null,
        createdAt: now,
      },
    ];
  };

  const fire = async (workspaceId: string, rule: Rule, facts: AccountFacts, assessment: RiskAssessment, thresholds: RiskThresholds): Promise<TriggerRecord | null> => {
    const now = clock.now();
    const result = evaluateRule(rule, { facts, assessment, thresholds }, now);
    if (!result.matched || !result.cooldownKeys.length) return null;
    const cooling = await store.coolingKeys(workspaceId, rule.id, result.cooldownKeys, now);
    const keys = result.cooldownKeys.filter((k) => !cooling.has(k));
    if (!keys.length) return null;
    // Ticket rules act on the tickets whose own cooldown is over; account rules on the account.
    const ticketIds = result.ticketIds.filter((t) => !cooling.has(cooldownKey(rule.id, facts.accountId, t)));
    let summary = buildHandoffSummary({ facts, assessment, rule: { name: rule.name, actions: rule.actions, ticketIds, explanations: result.explanations } }, now);
    if (deps.ai) summary = await deps.ai.summarize(summary);
    const trigger: TriggerRecord = {
      id: randomId('trg'),
      workspaceId,
      ruleId: rule.id,
      ruleName: rule.name,
      accountId: facts.accountId,
      ticketIds,
      actions: rule.actions,
      riskScore: assessment.score,
      reasons: assessment.reasons,
      summary,
      firedAt: now,
      ackedAt: null,
      ackedBy: null,
      delivery: 'none',
    };
    const firing: TriggerFiring = { trigger, outbox: [], cooldowns: keys.map((k) => ({ key: k, until: now + windowMs(rule.cooldown) })), tipTargets: [], routes: [] };
    for (const action of rule.actions) {
      if (action.type === 'show_tip') firing.tipTargets.push({ tipId: action.tipId, until: now + Math.max(TIP_TARGET_MS, windowMs(rule.cooldown)) });
      if (action.type === 'route_ticket') {
        // Without a matched ticket, the account's newest unresolved one is routed.
        const open = facts.tickets.filter((t) => t.status !== 'solved' && t.status !== 'closed');
        const targets = ticketIds.length ? ticketIds : open.length ? [open[open.length - 1]!.id] : [];
        for (const ticketId of targets) firing.routes.push({ ticketId, queue: action.queue, priority: action.priority ?? null });
        if (!ticketIds.length && targets.length) trigger.ticketIds = targets;
      }
      firing.outbox.push(...(await outboxFor(workspaceId, trigger, action, facts)));
    }
    const fired = await store.fireTrigger(workspaceId, firing, now);
    if (!fired) return null;
    logger.info({ msg: 'rule fired', workspaceId, ruleId: rule.id, accountId: facts.accountId, triggerId: trigger.id, deliveries: firing.outbox.length });
    if (firing.outbox.length) deps.onOutbox?.();
    return { ...trigger, delivery: firing.outbox.length ? 'pending' : 'none' };
  };

  /** With a model configured, its reading of the account's recent customer messages replaces the offline one. */
  const refineMessages = async (workspaceId: string, accountId: string, now: number) => {
    const ai = deps.ai;
    if (!ai || !ai.modelId) return;
    let failures = 0;
    for (const m of await store.messagesToRefine(workspaceId, accountId, now - RISK_LOOKBACK_DAYS * 86_400_000, REFINE_PER_EVALUATION)) {
      const analysis = await ai.analyzeMessage(m.text);
      // A fallback answer (the model timed out or failed) changes nothing: the message is tried again later.
      if (analysis.source === 'model') await store.updateMessageAnalysis(workspaceId, m.ticketId, m.messageId, analysis);
      // A second failure means the model is failing (or gone), not this one message: the rest wait for the next
      // evaluation rather than each waiting out its timeout. (One failure alone may be the message's own.)
      else if (++failures >= 2) return;
    }
  };

  const evaluate = async (workspaceId: string, accountId: string): Promise<EvaluationResult> => {
    const now = clock.now();
    await refineMessages(workspaceId, accountId, now);
    const thresholds = await thresholdsOf(workspaceId);
    const facts = await store.loadAccountFacts(workspaceId, accountId, now);
    const assessment = assessAccount(facts, thresholds, now);
    await store.saveAssessment(workspaceId, assessment);
    const fired: TriggerRecord[] = [];
    for (const { rule } of await store.listRules(workspaceId)) {
      if (!rule.enabled) continue;
      try {
        const t = await fire(workspaceId, rule, facts, assessment, thresholds);
        if (t) fired.push(t);
      } catch (e) {
        // One broken rule must not keep the others from firing.
        logger.error({ msg: 'rule failed', workspaceId, ruleId: rule.id, accountId, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return { assessment, fired };
  };

  const sweepWorkspace = async (workspaceId: string, since?: number) => {
    const ids = await store.accountsToSweep(workspaceId, since ?? clock.now() - RISK_LOOKBACK_DAYS * 86_400_000);
    touch(workspaceId, ids);
    return ids.length;
  };

  const touch = (workspaceId: string, accountIds: Iterable<string | null | undefined>) => {
    if (stopped) return;
    for (const a of accountIds) if (a) dirty.set(key(workspaceId, a), { workspaceId, accountId: a });
    if (dirty.size) schedule();
  };

  return {
    touch,
    touchTickets(workspaceId, ticketIds) {
      if (!ticketIds.length || stopped) return;
      lookups++;
      store
        .ticketAccounts(workspaceId, ticketIds)
        .then(
          (ids) => touch(workspaceId, ids),
          (e) => logger.error({ msg: 'ticket accounts lookup failed', workspaceId, error: e instanceof Error ? e.message : String(e) }),
        )
        .finally(() => {
          lookups--;
          settleWaiters();
        });
    },
    evaluate,
    async sweep(since) {
      let n = 0;
      for (const ws of await store.listWorkspaceIds()) n += await sweepWorkspace(ws, since);
      return n;
    },
    sweepWorkspace,
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleWaiters();
      });
    },
    start(everyMs = DEFAULT_SWEEP_MS) {
      const sweep = () =>
        void this.sweep().catch((e: unknown) => logger.error({ msg: 'risk sweep failed', error: e instanceof Error ? e.message : String(e) }));
      sweep();
      sweepTimer = setInterval(sweep, everyMs);
      sweepTimer.unref?.();
    },
    async stop() {
      stopped = true;
      clearInterval(sweepTimer);
      clearTimeout(timer);
      timer = undefined;
      dirty.clear();
      await running;
      settleWaiters();
    },
  };
}
