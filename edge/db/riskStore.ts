// The risk, rules and actions half of the SQLite store: account facts for the engine, assessments and their trend,
// rules and cooldowns, triggers with their outbox rows, destinations, the local inbox, and the analytics queries.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DestinationRecord, InboxItem, OutboxPort, OutboxRecord, TriggerRecord } from '../actions/types';
import type { GuardrailHit } from '../ai/types';
import { RISK_LOOKBACK_DAYS, type AccountFacts, type FactTicket, type RiskAssessment } from '../risk/types';
import type { Rule } from '../rules/schema';
import type { AtRiskRow, RiskStore, StoredRule, TriggerDetail } from '../store';
import {
  accountRisk,
  accountRiskDaily,
  accounts,
  aiCache,
  cases,
  destinations,
  events,
  inbox,
  outbox,
  ruleCooldowns,
  rules,
  ticketEvents,
  ticketMessages,
  tickets,
  tipTargets,
  triggers,
  users,
  workspaces,
} from './schema';
import type { EdgeDatabase } from './sqlite';

const DAY_MS = 86_400_000;
/** Inlined, not bound: a bound JS number is a REAL in SQLite, and `at / day` must be integer division. */
const DAY = sql.raw(String(DAY_MS));
/** SQLite binds at most 32,766 variables; ticket id lists are chunked well below that. */
const IN_CHUNK = 500;
const TIP_OUTCOMES = { tip_shown: 'shown', tip_held_out: 'held_out', tip_clicked: 'clicked', tip_helpful: 'helpful', tip_unhelpful: 'unhelpful', tip_dismissed: 'dismissed' } as const;
/** A trigger's delivery state is the worst of its rows': one dead delivery is what a person must see. */
const DELIVERY_RANK = { delivered: 0, pending: 1, failed: 2, dead: 3 } as const;

const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

function chunks<T>(list: T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function triggerFromRow(r: typeof triggers.$inferSelect): TriggerRecord {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    accountId: r.accountId,
    ticketIds: r.ticketIds,
    actions: r.actions,
    riskScore: r.riskScore,
    reasons: r.reasons,
    summary: r.summary,
    firedAt: r.firedAt,
    ackedAt: r.ackedAt,
    ackedBy: r.ackedBy,
    delivery: r.delivery,
  };
}

function destinationFromRow(r: typeof destinations.$inferSelect): DestinationRecord {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    name: r.name,
    config: r.config,
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function outboxFromRow(r: typeof outbox.$inferSelect): OutboxRecord {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    triggerId: r.triggerId,
    destinationId: r.destinationId,
    action: r.action as OutboxRecord['action'],
    payload: r.payload,
    idempotencyKey: r.idempotencyKey,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    deliveredAt: r.deliveredAt,
    createdAt: r.createdAt,
  };
}

export function createRiskStore(db: EdgeDatabase): RiskStore & OutboxPort {
  const trendOf = (workspaceId: string, accountIds: string[], since: number): Map<string, Array<{ day: number; score: number }>> => {
    const out = new Map<string, Array<{ day: number; score: number }>>();
    for (const ids of chunks(accountIds)) {
      const rows = db
        .select()
        .from(accountRiskDaily)
        .where(and(eq(accountRiskDaily.workspaceId, workspaceId), inArray(accountRiskDaily.accountId, ids), gte(accountRiskDaily.day, since)))
        .orderBy(asc(accountRiskDaily.day))
        .all();
      for (const r of rows) {
        const list = out.get(r.accountId) ?? [];
        list.push({ day: r.day, score: r.score });
        out.set(r.accountId, list);
      }
    }
    return out;
  };

  const atRiskColumns = {
    accountId: accountRisk.accountId,
    score: accountRisk.score,
    level: accountRisk.level,
    reasons: accountRisk.reasons,
    requiresHuman: accountRisk.requiresHuman,
    evaluatedAt: accountRisk.evaluatedAt,
    name: accounts.name,
    tier: accounts.tier,
    arr: accounts.arr,
    renewalAt: accounts.renewalAt,
    owner: accounts.owner,
    csm: accounts.csm,
  };
  const accountJoin = and(eq(accounts.workspaceId, accountRisk.workspaceId), eq(accounts.id, accountRisk.accountId));

  /** The trigger's delivery state from its rows, written back on the trigger. */
  const refreshDelivery = (triggerId: string) => {
    const states = db.select({ state: outbox.state }).from(outbox).where(eq(outbox.triggerId, triggerId)).all();
    if (!states.length) return;
    const worst = states.reduce<keyof typeof DELIVERY_RANK>((w, s) => (DELIVERY_RANK[s.state] > DELIVERY_RANK[w] ? s.state : w), 'delivered');
    db.update(triggers).set({ delivery: worst }).where(eq(triggers.id, triggerId)).run();
  };

  return {
    async loadAccountFacts(workspaceId, accountId, now) {
      const since = now - RISK_LOOKBACK_DAYS * DAY_MS;
      const a = db.select().from(accounts).where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId))).get();
      const userRows = db.select().from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.accountId, accountId))).all();

      // Tickets that can matter now: recent ones, and older ones still open (an unresolved stack does not age out).
      const ticketRows = db
        .select()
        .from(tickets)
        .where(
          and(
            eq(tickets.workspaceId, workspaceId),
            eq(tickets.accountId, accountId),
            or(gte(tickets.createdAt, since), gte(tickets.solvedAt, since), gte(tickets.updatedAt, since), notInArray(tickets.status, ['solved', 'closed'])),
          ),
        )
        .orderBy(asc(tickets.createdAt), asc(tickets.id))
        .all();
      const byTicket = new Map<string, FactTicket>();
      for (const t of ticketRows) {
        byTicket.set(t.id, {
          id: t.id,
          status: t.status,
          priority: t.priority,
          requesterId: t.requesterId,
          requesterEmail: t.requesterEmail,
          subject: t.subject,
          tags: t.tags ?? [],
          topic: t.topic,
          createdAt: t.createdAt,
          solvedAt: t.solvedAt,
          csat: t.csatScore === null ? null : { score: t.csatScore, negative: t.csatNegative ?? false, comment: t.csatComment, at: t.csatAt },
          messages: [],
          history: [],
        });
      }
      for (const ids of chunks([...byTicket.keys()])) {
        const messages = db
          .select({
            ticketId: ticketMessages.ticketId,
            id: ticketMessages.id,
            author: ticketMessages.author,
            at: ticketMessages.at,
            body: ticketMessages.body,
            tone: ticketMessages.tone,
            guardrails: ticketMessages.guardrails,
          })
          .from(ticketMessages)
          // Agents-only notes are the agents' own talk, not what the customer went through.
          .where(and(eq(ticketMessages.workspaceId, workspaceId), inArray(ticketMessages.ticketId, ids), eq(ticketMessages.public, true)))
          .orderBy(asc(ticketMessages.at), asc(ticketMessages.id))
          .all();
        for (const m of messages) {
          byTicket.get(m.ticketId)!.messages.push({ id: m.id, author: m.author, at: m.at, text: m.body, tone: m.tone, guardrails: (m.guardrails ?? []) as GuardrailHit[] });
        }
        const history = db
          .select({ ticketId: ticketEvents.ticketId, type: ticketEvents.type, toStatus: ticketEvents.toStatus, at: ticketEvents.at })
          .from(ticketEvents)
          .where(and(eq(ticketEvents.workspaceId, workspaceId), inArray(ticketEvents.ticketId, ids)))
          .orderBy(asc(ticketEvents.at), asc(ticketEvents.id))
          .all();
        for (const h of history) byTicket.get(h.ticketId)!.history.push({ type: h.type, toStatus: h.toStatus, at: h.at });
      }

      // The SDK's events: signals, help opens and tips individually; everything else only as daily counts.
      const inWindow = and(eq(events.workspaceId, workspaceId), eq(events.accountId, accountId), gte(events.at, since), lte(events.at, now));
      const detail = db
        .select({
          id: events.id,
          type: events.type,
          userId: events.userId,
          screen: events.screen,
          at: events.at,
          signalType: sql<string | null>`json_extract(${events.payload}, '$.signal.type')`,
          articleId: sql<string | null>`json_extract(${events.payload}, '$.props.articleId')`,
          tipId: sql<string | null>`json_extract(${events.payload}, '$.tipId')`,
        })
        .from(events)
        .where(and(inWindow, inArray(events.type, ['friction', 'help_opened', ...Object.keys(TIP_OUTCOMES)])))
        .orderBy(asc(events.at), asc(events.id))
        .all();
      const facts: AccountFacts = {
        accountId,
        account: a
          ? {
              id: a.id,
              name: a.name,
              tier: a.tier,
              arr: a.arr,
              renewalAt: a.renewalAt,
              plan: a.plan,
              health: a.health,
              healthScore: a.healthScore,
              owner: a.owner,
              csm: a.csm,
              traits: a.traits ?? {},
            }
          : null,
        users: userRows.map((u) => ({ id: u.id, role: u.role, createdAt: u.createdAt, lastSeenAt: u.lastSeenAt })),
        tickets: [...byTicket.values()],
        signals: [],
        helpOpens: [],
        activity: [],
        tips: [],
        cases: [],
      };
      for (const e of detail) {
        if (e.type === 'friction' && e.signalType) {
          facts.signals.push({ id: e.id, type: e.signalType as AccountFacts['signals'][number]['type'], userId: e.userId, screen: e.screen, at: e.at });
        } else if (e.type === 'help_opened') {
          facts.helpOpens.push({ id: e.id, userId: e.userId, articleId: e.articleId ?? 'unknown', at: e.at });
        } else if (e.type in TIP_OUTCOMES && e.tipId) {
          facts.tips.push({ tipId: e.tipId, outcome: TIP_OUTCOMES[e.type as keyof typeof TIP_OUTCOMES], userId: e.userId, at: e.at });
        }
      }
      facts.activity = db
        .select({
          day: sql<number>`(${events.at} / ${DAY}) * ${DAY}`,
          events: sql<number>`count(*)`,
          users: sql<number>`count(distinct ${events.userId})`,
        })
        .from(events)
        .where(inWindow)
        .groupBy(sql`${events.at} / ${DAY}`)
        .orderBy(sql`1`)
        .all();
      facts.cases = db
        .select({ id: cases.id, reference: cases.reference, userId: cases.userId, createdAt: cases.createdAt })
        .from(cases)
        .where(and(eq(cases.workspaceId, workspaceId), eq(cases.accountId, accountId), gte(cases.createdAt, since)))
        .orderBy(asc(cases.createdAt))
        .all();
      return facts;
    },

    async saveAssessment(workspaceId, a: RiskAssessment) {
      const patterns = ' ' + a.reasons.map((r) => r.id).join(' ') + ' ';
      const values = { score: a.score, level: a.level, reasons: a.reasons, patterns, requiresHuman: a.requiresHuman, evaluatedAt: a.evaluatedAt };
      db.transaction((tx) => {
        tx.insert(accountRisk)
          .values({ workspaceId, accountId: a.accountId, ...values })
          .onConflictDoUpdate({ target: [accountRisk.workspaceId, accountRisk.accountId], set: values })
          .run();
        tx.insert(accountRiskDaily)
          .values({ workspaceId, accountId: a.accountId, day: dayOf(a.evaluatedAt), score: a.score })
          .onConflictDoUpdate({ target: [accountRiskDaily.workspaceId, accountRiskDaily.accountId, accountRiskDaily.day], set: { score: a.score } })
          .run();
      });
    },

    async getAssessment(workspaceId, accountId, trendDays) {
      const row = db
        .select(atRiskColumns)
        .from(accountRisk)
        .leftJoin(accounts, accountJoin)
        .where(and(eq(accountRisk.workspaceId, workspaceId), eq(accountRisk.accountId, accountId)))
        .get();
      if (!row) return null;
      const trend = trendOf(workspaceId, [accountId], dayOf(row.evaluatedAt) - trendDays * DAY_MS).get(accountId) ?? [];
      return { ...row, trend };
    },

    async listAtRisk(workspaceId, f) {
      const where: SQL[] = [eq(accountRisk.workspaceId, workspaceId), gte(accountRisk.score, f.minScore)];
      if (f.tier) where.push(eq(accounts.tier, f.tier));
      if (f.owner) where.push(or(eq(accounts.owner, f.owner), eq(accounts.csm, f.owner))!);
      if (f.reason) where.push(sql`instr(${accountRisk.patterns}, ${' ' + f.reason + ' '}) > 0`);
      const filter = and(...where);
      const total = db.select({ n: sql<number>`count(*)` }).from(accountRisk).leftJoin(accounts, accountJoin).where(filter).get()?.n ?? 0;
      const rows = db
        .select(atRiskColumns)
        .from(accountRisk)
        .leftJoin(accounts, accountJoin)
        .where(filter)
        .orderBy(desc(accountRisk.score), desc(accountRisk.evaluatedAt), asc(accountRisk.accountId))
        .limit(f.limit)
        .offset(f.offset)
        .all();
      const newest = rows.reduce((m, r) => Math.max(m, r.evaluatedAt), 0);
      const trends = trendOf(
        workspaceId,
        rows.map((r) => r.accountId),
        dayOf(newest) - f.trendDays * DAY_MS,
      );
      const list: AtRiskRow[] = rows.map((r) => ({ ...r, trend: trends.get(r.accountId) ?? [] }));
      return { accounts: list, total };
    },

    async accountsToSweep(workspaceId, since) {
      const found = new Set<string>();
      const add = (rows: Array<{ id: string | null }>) => rows.forEach((r) => r.id && found.add(r.id));
      add(db.selectDistinct({ id: events.accountId }).from(events).where(and(eq(events.workspaceId, workspaceId), gte(events.at, since))).all());
      add(db.selectDistinct({ id: tickets.accountId }).from(tickets).where(and(eq(tickets.workspaceId, workspaceId), or(gte(tickets.updatedAt, since), notInArray(tickets.status, ['solved', 'closed'])))).all());
      add(db.selectDistinct({ id: accountRisk.accountId }).from(accountRisk).where(and(eq(accountRisk.workspaceId, workspaceId), gt(accountRisk.score, 0))).all());
      return [...found].sort();
    },

    async ticketAccounts(workspaceId, ticketIds) {
      const found = new Set<string>();
      for (const ids of chunks([...new Set(ticketIds)])) {
        for (const r of db.selectDistinct({ id: tickets.accountId }).from(tickets).where(and(eq(tickets.workspaceId, workspaceId), inArray(tickets.id, ids))).all()) {
          if (r.id) found.add(r.id);
        }
      }
      return [...found];
    },

    async listWorkspaceIds() {
      return db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).all().map((w) => w.id);
    },

    async listRules(workspaceId) {
      return db
        .select()
        .from(rules)
        .where(eq(rules.workspaceId, workspaceId))
        .orderBy(asc(rules.createdAt), asc(rules.id))
        .all()
        .map((r): StoredRule => ({ rule: r.rule as Rule, createdAt: r.createdAt, updatedAt: r.updatedAt }));
    },

    async getRule(workspaceId, id) {
      const r = db.select().from(rules).where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id))).get();
      return r ? { rule: r.rule as Rule, createdAt: r.createdAt, updatedAt: r.updatedAt } : null;
    },

    async putRule(workspaceId, rule, now) {
      return db.transaction((tx) => {
        const existed = tx.select({ id: rules.id }).from(rules).where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, rule.id))).get() !== undefined;
        tx.insert(rules)
          .values({ workspaceId, id: rule.id, rule, enabled: rule.enabled, createdAt: now, updatedAt: now })
          .onConflictDoUpdate({ target: [rules.workspaceId, rules.id], set: { rule, enabled: rule.enabled, updatedAt: now } })
          .run();
        return !existed;
      });
    },

    async deleteRule(workspaceId, id) {
      return db.transaction((tx) => {
        const gone = tx.delete(rules).where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id))).run().changes > 0;
        // A rule made again under the same id starts without the old one's cooldowns.
        if (gone) tx.delete(ruleCooldowns).where(and(eq(ruleCooldowns.workspaceId, workspaceId), eq(ruleCooldowns.ruleId, id))).run();
        return gone;
      });
    },

    async coolingKeys(workspaceId, ruleId, keys, now) {
      const cooling = new Set<string>();
      for (const list of chunks(keys)) {
        db.select({ key: ruleCooldowns.key })
          .from(ruleCooldowns)
          .where(and(eq(ruleCooldowns.workspaceId, workspaceId), eq(ruleCooldowns.ruleId, ruleId), inArray(ruleCooldowns.key, list), gt(ruleCooldowns.until, now)))
          .all()
          .forEach((r) => cooling.add(r.key));
      }
      return cooling;
    },

    async fireTrigger(workspaceId, firing, now) {
      const t = firing.trigger;
      return db.transaction((tx) => {
        // Checked again inside the transaction: two evaluations of one account racing must not both fire.
        for (const c of firing.cooldowns) {
          const active = tx
            .select({ until: ruleCooldowns.until })
            .from(ruleCooldowns)
            .where(and(eq(ruleCooldowns.workspaceId, workspaceId), eq(ruleCooldowns.ruleId, t.ruleId), eq(ruleCooldowns.key, c.key), gt(ruleCooldowns.until, now)))
            .get();
          if (active) return false;
        }
        tx.insert(triggers)
          .values({
            id: t.id,
            workspaceId,
            ruleId: t.ruleId,
            ruleName: t.ruleName,
            accountId: t.accountId,
            ticketIds: t.ticketIds,
            actions: t.actions,
            riskScore: t.riskScore,
            reasons: t.reasons,
            summary: t.summary,
            firedAt: t.firedAt,
            ackedAt: null,
            ackedBy: null,
            delivery: firing.outbox.length ? 'pending' : 'none',
          })
          .run();
        for (const o of firing.outbox) {
          tx.insert(outbox)
            .values({ ...o, workspaceId, payload: o.payload as object })
            .run();
        }
        for (const c of firing.cooldowns) {
          tx.insert(ruleCooldowns)
            .values({ workspaceId, ruleId: t.ruleId, key: c.key, until: c.until })
            .onConflictDoUpdate({ target: [ruleCooldowns.workspaceId, ruleCooldowns.ruleId, ruleCooldowns.key], set: { until: c.until } })
            .run();
        }
        for (const tip of firing.tipTargets) {
          tx.insert(tipTargets)
            .values({ workspaceId, accountId: t.accountId, tipId: tip.tipId, triggerId: t.id, until: tip.until })
            .onConflictDoUpdate({ target: [tipTargets.workspaceId, tipTargets.accountId, tipTargets.tipId], set: { triggerId: t.id, until: tip.until } })
            .run();
        }
        for (const r of firing.routes) {
          tx.update(tickets)
            .set({ queue: r.queue, routedAt: now, ...(r.priority ? { priority: r.priority } : {}) })
            .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, r.ticketId)))
            .run();
        }
        return true;
      });
    },

    async listTriggers(workspaceId, f) {
      const where: SQL[] = [eq(triggers.workspaceId, workspaceId)];
      if (f.accountId) where.push(eq(triggers.accountId, f.accountId));
      if (f.ruleId) where.push(eq(triggers.ruleId, f.ruleId));
      if (f.delivery) where.push(eq(triggers.delivery, f.delivery));
      if (f.acked === true) where.push(sql`${triggers.ackedAt} is not null`);
      if (f.acked === false) where.push(isNull(triggers.ackedAt));
      if (f.before !== undefined) where.push(lt(triggers.firedAt, f.before));
      return db
        .select()
        .from(triggers)
        .where(and(...where))
        .orderBy(desc(triggers.firedAt), desc(triggers.id))
        .limit(f.limit)
        .all()
        .map(triggerFromRow);
    },

    async getTrigger(workspaceId, id) {
      const row = db.select().from(triggers).where(and(eq(triggers.workspaceId, workspaceId), eq(triggers.id, id))).get();
      if (!row) return null;
      const deliveries = db
        .select({ row: outbox, destinationName: destinations.name, destinationKind: destinations.kind })
        .from(outbox)
        .leftJoin(destinations, eq(destinations.id, outbox.destinationId))
        .where(eq(outbox.triggerId, id))
        .orderBy(asc(outbox.createdAt), asc(outbox.id))
        .all()
        .map(({ row: o, destinationName, destinationKind }) => {
          const { payload: _payload, ...rest } = outboxFromRow(o);
          return { ...rest, destinationName: destinationName ?? '(deleted)', destinationKind: destinationKind ?? 'unknown' };
        });
      const detail: TriggerDetail = { ...triggerFromRow(row), deliveries };
      return detail;
    },

    async ackTrigger(workspaceId, id, by, now) {
      return db.transaction((tx) => {
        const where = and(eq(triggers.workspaceId, workspaceId), eq(triggers.id, id));
        // Acknowledging twice keeps the first acknowledgement: who picked it up, and when.
        tx.update(triggers).set({ ackedAt: now, ackedBy: by }).where(and(where, isNull(triggers.ackedAt))).run();
        const row = tx.select().from(triggers).where(where).get();
        return row ? triggerFromRow(row) : null;
      });
    },

    async retryTrigger(workspaceId, id, now) {
      return db.transaction((tx) => {
        const n = tx
          .update(outbox)
          .set({ state: 'pending', nextAttemptAt: now, attempts: 0 })
          .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.triggerId, id), inArray(outbox.state, ['dead', 'failed'])))
          .run().changes;
        if (n) refreshDelivery(id);
        return n;
      });
    },

    async listDestinations(workspaceId) {
      return db.select().from(destinations).where(eq(destinations.workspaceId, workspaceId)).orderBy(asc(destinations.name)).all().map(destinationFromRow);
    },

    async getDestination(workspaceId, idOrName) {
      const row = db
        .select()
        .from(destinations)
        .where(and(eq(destinations.workspaceId, workspaceId), or(eq(destinations.id, idOrName), eq(destinations.name, idOrName))))
        .orderBy(sql`${destinations.id} = ${idOrName} desc`)
        .get();
      return row ? destinationFromRow(row) : null;
    },

    async putDestination(d) {
      return db.transaction((tx) => {
        const taken = tx
          .select({ id: destinations.id })
          .from(destinations)
          .where(and(eq(destinations.workspaceId, d.workspaceId), eq(destinations.name, d.name), ne(destinations.id, d.id)))
          .get();
        if (taken) return 'name_taken' as const;
        const existing = tx.select({ workspaceId: destinations.workspaceId }).from(destinations).where(eq(destinations.id, d.id)).get();
        if (existing && existing.workspaceId !== d.workspaceId) return 'name_taken' as const;
        const values = { name: d.name, kind: d.config.kind, config: d.config, enabled: d.enabled, disabledReason: d.disabledReason, updatedAt: d.updatedAt };
        tx.insert(destinations)
          .values({ id: d.id, workspaceId: d.workspaceId, createdAt: d.createdAt, ...values })
          .onConflictDoUpdate({ target: destinations.id, set: values })
          .run();
        return existing ? ('updated' as const) : ('created' as const);
      });
    },

    async deleteDestination(workspaceId, id) {
      return db.delete(destinations).where(and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, id))).run().changes > 0;
    },

    async listInbox(workspaceId, limit) {
      return db
        .select()
        .from(inbox)
        .where(eq(inbox.workspaceId, workspaceId))
        .orderBy(desc(inbox.at), desc(inbox.id))
        .limit(limit)
        .all()
        .map((r): InboxItem => ({ ...r }));
    },

    async tipTargets(workspaceId, accountId, now) {
      return db
        .select({ tipId: tipTargets.tipId })
        .from(tipTargets)
        .where(and(eq(tipTargets.workspaceId, workspaceId), eq(tipTargets.accountId, accountId), gt(tipTargets.until, now)))
        .orderBy(asc(tipTargets.tipId))
        .all()
        .map((r) => r.tipId);
    },

    async messagesToRefine(workspaceId, accountId, since, limit) {
      return db
        .select({ ticketId: ticketMessages.ticketId, messageId: ticketMessages.id, text: ticketMessages.body })
        .from(ticketMessages)
        .innerJoin(tickets, and(eq(tickets.workspaceId, ticketMessages.workspaceId), eq(tickets.id, ticketMessages.ticketId)))
        .where(
          and(
            eq(ticketMessages.workspaceId, workspaceId),
            eq(tickets.accountId, accountId),
            eq(ticketMessages.author, 'customer'),
            eq(ticketMessages.analysisSource, 'fallback'),
            gte(ticketMessages.at, since),
          ),
        )
        .orderBy(desc(ticketMessages.at))
        .limit(limit)
        .all();
    },

    async updateMessageAnalysis(workspaceId, ticketId, messageId, analysis) {
      db.update(ticketMessages)
        .set({ tone: analysis.tone.score, guardrails: analysis.guardrails, analysisSource: analysis.source })
        .where(and(eq(ticketMessages.workspaceId, workspaceId), eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.id, messageId)))
        .run();
    },

    async aiCacheGet(key) {
      return db.select({ value: aiCache.value }).from(aiCache).where(eq(aiCache.key, key)).get()?.value ?? null;
    },

    async aiCacheSet(key, value, now) {
      db.insert(aiCache).values({ key, value, createdAt: now }).onConflictDoUpdate({ target: aiCache.key, set: { value, createdAt: now } }).run();
    },

    async preventionCounts(workspaceId, from, to, windowMs) {
      // One row per (tip, user, arm): a user's first meeting with the tip in the period, and whether a ticket or a
      // case of theirs followed within the window. Users are the identified ones (an anonymous visitor's tickets
      // cannot be joined to them).
      const rows = db.all<{ tipId: string; arm: string; users: number; escalated: number }>(sql`
        with met as (
          select json_extract(${events.payload}, '$.tipId') as tip_id, ${events.userId} as user_id, ${events.accountId} as account_id,
                 case when ${events.type} = 'tip_held_out' then 'held_out' else 'shown' end as arm, min(${events.at}) as at
          from ${events}
          where ${events.workspaceId} = ${workspaceId} and ${events.type} in ('tip_shown', 'tip_held_out')
            and ${events.at} >= ${from} and ${events.at} < ${to} and ${events.userId} is not null and json_extract(${events.payload}, '$.tipId') is not null
          group by 1, 2, 4
        )
        select met.tip_id as tipId, met.arm as arm, count(*) as users,
          sum(case when exists (
            select 1 from ${tickets} t where t.workspace_id = ${workspaceId} and t.requester_id = met.user_id
              and t.created_at > met.at and t.created_at <= met.at + ${windowMs})
            or exists (
            select 1 from ${cases} c where c.workspace_id = ${workspaceId} and c.user_id = met.user_id
              and c.created_at > met.at and c.created_at <= met.at + ${windowMs})
          then 1 else 0 end) as escalated
        from met group by 1, 2 order by 1, 2`);
      const byTip = new Map<string, { tipId: string; shownUsers: number; shownEscalated: number; heldOutUsers: number; heldOutEscalated: number }>();
      for (const r of rows) {
        const t = byTip.get(r.tipId) ?? { tipId: r.tipId, shownUsers: 0, shownEscalated: 0, heldOutUsers: 0, heldOutEscalated: 0 };
        if (r.arm === 'held_out') {
          t.heldOutUsers = r.users;
          t.heldOutEscalated = r.escalated;
        } else {
          t.shownUsers = r.users;
          t.shownEscalated = r.escalated;
        }
        byTip.set(r.tipId, t);
      }
      return [...byTip.values()];
    },

    async escalationsByPattern(workspaceId, from, to) {
      return db.all<{ day: number; pattern: string; count: number }>(sql`
        select (${triggers.firedAt} / ${DAY}) * ${DAY} as day, json_extract(r.value, '$.id') as pattern, count(*) as count
        from ${triggers}, json_each(${triggers.reasons}) r
        where ${triggers.workspaceId} = ${workspaceId} and ${triggers.firedAt} >= ${from} and ${triggers.firedAt} < ${to}
          and json_extract(r.value, '$.kind') = 'pattern'
        group by 1, 2 order by 1, 2`);
    },

    async frictionByScreen(workspaceId, from, to) {
      return db.all<{ screen: string; type: string; count: number; accounts: number }>(sql`
        select coalesce(${events.screen}, '(unknown)') as screen, json_extract(${events.payload}, '$.signal.type') as type,
               count(*) as count, count(distinct ${events.accountId}) as accounts
        from ${events}
        where ${events.workspaceId} = ${workspaceId} and ${events.type} = 'friction' and ${events.at} >= ${from} and ${events.at} < ${to}
        group by 1, 2 order by 3 desc, 1, 2 limit 200`);
    },

    async frictionByDay(workspaceId, from, to) {
      return db.all<{ day: number; type: string; count: number }>(sql`
        select (${events.at} / ${DAY}) * ${DAY} as day, json_extract(${events.payload}, '$.signal.type') as type, count(*) as count
        from ${events}
        where ${events.workspaceId} = ${workspaceId} and ${events.type} = 'friction' and ${events.at} >= ${from} and ${events.at} < ${to}
        group by 1, 2 order by 1, 2`);
    },

    // The outbox port: the dispatcher's view of storage.
    async claimDue(now, limit, leaseUntil) {
      return db.transaction((tx) => {
        const due = tx
          .select({ row: outbox, destination: destinations, trigger: triggers })
          .from(outbox)
          .innerJoin(destinations, eq(destinations.id, outbox.destinationId))
          .innerJoin(triggers, eq(triggers.id, outbox.triggerId))
          .where(and(inArray(outbox.state, ['pending', 'failed']), lte(outbox.nextAttemptAt, now), eq(destinations.enabled, true)))
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt), asc(outbox.id))
          .limit(limit)
          .all();
        if (due.length) tx.update(outbox).set({ nextAttemptAt: leaseUntil }).where(inArray(outbox.id, due.map((d) => d.row.id))).run();
        return due.map((d) => ({
          row: { ...outboxFromRow(d.row), nextAttemptAt: leaseUntil },
          destination: destinationFromRow(d.destination),
          trigger: triggerFromRow(d.trigger),
        }));
      });
    },

    async recordAttempt(workspaceId, id, result) {
      db.transaction((tx) => {
        const row = tx.select({ triggerId: outbox.triggerId }).from(outbox).where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, id))).get();
        if (!row) return;
        tx.update(outbox).set(result).where(eq(outbox.id, id)).run();
        refreshDelivery(row.triggerId);
      });
    },

    async disableDestination(workspaceId, destinationId, reason) {
      db.update(destinations)
        .set({ enabled: false, disabledReason: reason.slice(0, 500) })
        .where(and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, destinationId)))
        .run();
    },

    async appendInbox(item) {
      db.insert(inbox).values(item).onConflictDoNothing().run();
    },
  };
}

export type { AtRiskRow };
