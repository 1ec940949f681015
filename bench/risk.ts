// `npm run bench:risk`: backfill 10,000 accounts, 200,000 tickets and 2,000,000 events into a fresh SQLite file,
// then time a full re-score, one incremental update (a new ticket re-scores its account and fires its rules) and
// the at-risk query. BENCH_SCALE=0.1 runs a tenth of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeMessageOffline } from '../edge/ai';
import { openDatabase } from '../edge/db/sqlite';
import { createKeyAdmin, createSqliteStore } from '../edge/db/sqliteStore';
import { createRiskPipeline } from '../edge/pipeline/riskPipeline';
import { ruleSchema } from '../edge/rules/schema';
import type { EventRow, TicketUpsert } from '../edge/store';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ACCOUNTS = Math.round(10_000 * SCALE);
const TICKETS = Math.round(200_000 * SCALE);
const EVENTS = Math.round(2_000_000 * SCALE);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);
/** Tickets over the last six months, events over the last 30 days (the engine's lookback). */
const TICKET_SPAN = 180 * DAY;
const EVENT_SPAN = 30 * DAY;

/** mulberry32: the same data on every run, so runs compare. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
// Skewed: a few accounts are busy, most are quiet, as in real customer bases.
const skewedAccount = () => `acct_${Math.floor(ACCOUNTS * random() ** 2)}`;

const SUBJECTS = ['CSV export is empty', 'Cannot add VAT ID', 'Invoice PDF missing logo', 'Login loop after reset', 'QuickBooks sync stuck', 'Refund for duplicate charge', 'Invite teammate fails'];
const CUSTOMER = ['Hi, the export comes out empty again.', 'This is still broken and we are losing time.', 'Thanks, that worked!', 'I need this fixed before our board meeting.', 'Why does this keep happening? Very frustrating.', 'Could you explain how the VAT field works?'];
const TIERS = ['free', 'pro', 'pro', 'enterprise'];
const SIGNALS = ['rage_click', 'dead_click', 'screen_cycling', 'help_seeking', 'error_loop', 'form_struggle'] as const;
const SCREENS = ['/dashboard', '/invoices', '/invoices/:id', '/settings/billing', '/integrations', '/reports'];

const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  process.stdout.write(`  ${label}: ${(ms / 1000).toFixed(2)} s\n`);
  return { ms, value };
};

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'forestall-bench-risk-'));
  try {
    const db = openDatabase(path.join(dir, 'forestall.db'), { synchronous: 'NORMAL' });
    const workspaceId = createKeyAdmin(db).createWorkspace('Bench', NOW);
    const store = createSqliteStore(db, { analyzeMessage: analyzeMessageOffline });
    process.stdout.write(`\nForestall risk bench — ${ACCOUNTS} accounts, ${TICKETS} tickets, ${EVENTS} events (SCALE=${SCALE})\n\nbackfill\n`);

    const accounts = await time('accounts and users', async () => {
      for (let i = 0; i < ACCOUNTS; i += 1000) {
        const batch = Array.from({ length: Math.min(1000, ACCOUNTS - i) }, (_, j) => ({
          id: `acct_${i + j}`,
          name: `Account ${i + j}`,
          tier: pick(TIERS),
          arr: Math.round(random() * 200_000),
          renewalDate: NOW + Math.round((random() * 365 - 30) * DAY),
          owner: `csm${(i + j) % 40}@forestall.test`,
        }));
        await store.upsertAccounts(workspaceId, batch, NOW);
        await store.upsertUsers(workspaceId, batch.flatMap((a) => [0, 1, 2].map((u) => ({ id: `${a.id}_u${u}`, accountId: a.id, role: u ? 'member' : 'admin', createdAt: NOW - Math.round(random() * 400 * DAY) }))), NOW);
      }
    });

    const tickets = await time('tickets (with messages, tone and guardrails)', async () => {
      for (let i = 0; i < TICKETS; i += 500) {
        const batch: TicketUpsert[] = [];
        for (let j = i; j < Math.min(TICKETS, i + 500); j++) {
          const accountId = skewedAccount();
          const createdAt = NOW - Math.round(random() * TICKET_SPAN);
          const solved = random() < 0.85;
          batch.push({
            id: `T-${j}`,
            accountId,
            requester: { id: `${accountId}_u${Math.floor(random() * 3)}` },
            subject: pick(SUBJECTS),
            status: solved ? 'solved' : pick(['open', 'pending', 'new'] as const),
            priority: pick(['low', 'normal', 'normal', 'high', 'urgent'] as const),
            createdAt,
            updatedAt: createdAt + DAY,
            ...(solved ? { solvedAt: Math.min(NOW, createdAt + Math.round(random() * 3 * DAY)) } : {}),
            ...(solved && random() < 0.3 ? { csat: { score: random() < 0.25 ? 'bad' : 'good', at: createdAt + 3 * DAY } } : {}),
            messages: [
              { id: 'm1', author: 'customer', text: pick(CUSTOMER), at: createdAt },
              { id: 'm2', author: 'agent', text: 'Thanks for reaching out, we are on it.', at: createdAt + 3_600_000 },
            ],
          } as TicketUpsert);
        }
        await store.upsertTickets(workspaceId, batch, 'api', NOW);
      }
    });

    const events = await time('SDK events', async () => {
      for (let i = 0; i < EVENTS; i += 5000) {
        const rows: EventRow[] = [];
        for (let j = i; j < Math.min(EVENTS, i + 5000); j++) {
          const accountId = skewedAccount();
          const at = NOW - Math.round(random() * EVENT_SPAN);
          const friction = random() < 0.03;
          const id = `e${j}`;
          const type = friction ? 'friction' : 'screen';
          const screen = pick(SCREENS);
          const payload = friction
            ? { id, type, at, anonymousId: 'a', sessionId: 's', screen, signal: { id, type: pick(SIGNALS), screen, at, detail: {} } }
            : { id, type, at, anonymousId: 'a', sessionId: 's', screen };
          rows.push({ id, type, at, clientAt: at, receivedAt: at, clockSkew: false, anonymousId: 'a', sessionId: 's', userId: `${accountId}_u${j % 3}`, accountId, screen, payload: JSON.stringify(payload) });
        }
        await store.insertEvents(workspaceId, rows);
      }
    });

    await store.putRule(
      workspaceId,
      ruleSchema.parse({ id: 'csm-review', name: 'Two unresolved tickets in 5 days', conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }], actions: [{ type: 'flag_csm' }] }),
      NOW,
    );
    const pipeline = createRiskPipeline({ store, clock: { now: () => NOW }, logger: { info: () => {}, error: (l) => process.stderr.write(JSON.stringify(l) + '\n') } });

    process.stdout.write('\nscoring\n');
    const ids = Array.from({ length: ACCOUNTS }, (_, i) => `acct_${i}`);
    let fired = 0;
    const full = await time('full re-score (every account: facts, score, rules)', async () => {
      for (const id of ids) fired += (await pipeline.evaluate(workspaceId, id)).fired.length;
    });

    const busiest = (await store.listAtRisk(workspaceId, { minScore: 0, limit: 1, offset: 0, trendDays: 14 })).accounts[0]!.accountId;
    const incremental: number[] = [];
    for (let k = 0; k < 20; k++) {
      const t0 = performance.now();
      await store.upsertTickets(workspaceId, [{ id: `T-new-${k}`, accountId: busiest, status: 'open', createdAt: NOW - 1000, messages: [{ id: 'm1', author: 'customer', text: 'This is the third time I write about this. Unacceptable.', at: NOW - 1000 }] }], 'api', NOW);
      await pipeline.evaluate(workspaceId, busiest);
      incremental.push(performance.now() - t0);
    }
    incremental.sort((a, b) => a - b);

    const queries: number[] = [];
    let total = 0;
    for (let k = 0; k < 20; k++) {
      const t0 = performance.now();
      total = (await store.listAtRisk(workspaceId, { minScore: 25, limit: 50, offset: 0, trendDays: 14 })).total;
      queries.push(performance.now() - t0);
    }
    queries.sort((a, b) => a - b);
    const ms = (x: number) => x.toFixed(1);
    process.stdout.write(
      [
        '',
        '| step | time |',
        '| --- | --- |',
        `| backfill ${ACCOUNTS} accounts (+${ACCOUNTS * 3} users) | ${(accounts.ms / 1000).toFixed(1)} s |`,
        `| backfill ${TICKETS} tickets with ${TICKETS * 2} messages | ${(tickets.ms / 1000).toFixed(1)} s (${Math.round(TICKETS / (tickets.ms / 1000))} tickets/s) |`,
        `| backfill ${EVENTS} events | ${(events.ms / 1000).toFixed(1)} s (${Math.round(EVENTS / (events.ms / 1000))} events/s) |`,
        `| full re-score of ${ACCOUNTS} accounts (${fired} triggers fired) | ${(full.ms / 1000).toFixed(1)} s (${ms(full.ms / ACCOUNTS)} ms an account) |`,
        `| incremental: a new ticket on the busiest account, stored and re-scored (median / max of 20) | ${ms(incremental[10]!)} ms / ${ms(incremental[19]!)} ms |`,
        `| at-risk query, score ≥ 25, first 50 of ${total} (median of 20) | ${ms(queries[10]!)} ms |`,
        '',
      ].join('\n'),
    );
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:risk failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
