// A workspace a CS team would recognise, written through the store (no pipeline needed): accounts at risk for
// different reasons with a score history, their users, tickets and product events, tips met and held out, rules,
// triggers whose deliveries arrived, are retrying or gave up, and the local inbox. For the console's browser test.
import { serve } from '@hono/node-server';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DestinationRecord, HandoffSummary, InboxItem, OutboxRecord, TriggerRecord } from '../../edge/actions/types';
import { createApp } from '../../edge/app';
import { openDatabase } from '../../edge/db/sqlite';
import { createKeyAdmin, createSqliteStore } from '../../edge/db/sqliteStore';
import type { Reason, RiskAssessment, RiskLevel } from '../../edge/risk/types';
import type { Rule } from '../../edge/rules/schema';
import { DEMO_ARTICLES, DEMO_TIPS } from '../../edge/runtime/demoContent';
import { nodeStaticFiles } from '../../edge/runtime/staticFiles';
import type { AccountUpsert, EventRow, Store, TicketUpsert, UserUpsert } from '../../edge/store';

const H = 3_600_000;
const DAY = 24 * H;
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Deterministic, so every run draws the same pictures. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const level = (score: number): RiskLevel => (score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low');

interface AccountSeed {
  account: AccountUpsert;
  score: number;
  /** Scores of the days before today, oldest first. */
  history: number[];
  reasons: Reason[];
  requiresHuman?: boolean;
}

export const HERO = 'acme';

export async function seedConsole(store: Store, ws: string, now: number): Promise<{ triggers: Record<string, string> }> {
  const rnd = random(7);
  const at = (daysAgo: number, hours = 0) => now - daysAgo * DAY + hours * H;

  for (const tip of DEMO_TIPS) await store.putTip(ws, tip, now);
  for (const article of DEMO_ARTICLES) await store.putArticle(ws, article, now);

  const users: UserUpsert[] = [
    { id: 'u_dana', accountId: 'acme', email: 'dana@acme.example', name: 'Dana Whitfield', role: 'admin', createdAt: at(400), lastSeenAt: at(0, -2) },
    { id: 'u_lee', accountId: 'acme', email: 'lee@acme.example', name: 'Lee Chen', role: 'finance', createdAt: at(12), lastSeenAt: at(0, -5) },
    { id: 'u_sam', accountId: 'acme', email: 'sam@acme.example', name: 'Sam Ortiz', role: 'member', createdAt: at(200), lastSeenAt: at(1) },
    { id: 'u_nia', accountId: 'northwind', email: 'nia@northwind.example', name: 'Nia Adeyemi', role: 'admin', createdAt: at(700), lastSeenAt: at(0, -1) },
    { id: 'u_ole', accountId: 'globex', email: 'ole@globex.example', name: 'Ole Brandt', role: 'owner', createdAt: at(300), lastSeenAt: at(0, -3) },
  ] as UserUpsert[];
  // People who met tips, spread over the smaller accounts: the prevention chart's population.
  const crowd = ['globex', 'initech', 'umbrella', 'hooli', 'stark'];
  for (let i = 1; i <= 90; i++) users.push({ id: `u_${String(i).padStart(3, '0')}`, accountId: crowd[i % crowd.length]!, createdAt: at(100 + i) } as UserUpsert);
  await store.upsertUsers(ws, users, now);

  const seeds: AccountSeed[] = [
    {
      account: { id: 'acme', name: 'Acme Logistics', domain: 'acme.example', tier: 'enterprise', arr: 240_000, renewalDate: at(-41), owner: 'Priya Raman', csm: 'Tom Okafor', health: 'amber', healthScore: 58, plan: 'scale' } as AccountUpsert,
      score: 82,
      history: [38, 40, 41, 41, 45, 44, 52, 55, 58, 63, 66, 71, 76],
      reasons: [
        { id: 'unresolved_stack', kind: 'pattern', points: 30, sentence: 'Acme Logistics has 2 unresolved tickets opened within 5 days: T-1041 and T-1044.', evidence: { ticketIds: ['T-1041', 'T-1044'], from: at(4), to: at(1), values: { tickets: 2, days: 5 } }, at: at(1) },
        { id: 'repeat_contact', kind: 'pattern', points: 22, sentence: 'Lee Chen opened T-1044 31 hours after T-1039 (same issue: CSV export) was solved.', evidence: { ticketIds: ['T-1039', 'T-1044'], userIds: ['u_lee'], from: at(2, -7), to: at(1), values: { hours: 31 } }, at: at(1) },
        { id: 'in_product_friction', kind: 'pattern', points: 14, sentence: '3 users hit friction 9 times this week, most on /invoices (screen cycling).', evidence: { signalIds: ['ev_acme_f1', 'ev_acme_f2', 'ev_acme_f3'], userIds: ['u_lee', 'u_sam', 'u_dana'], from: at(6), to: at(0, -2), values: { signals: 9, users: 3 } }, at: at(0, -2) },
        { id: 'renewal_window', kind: 'context', points: 8, sentence: 'Renews in 41 days ($240k ARR).', evidence: { values: { days: 41 } }, at: now },
      ],
    },
    {
      account: { id: 'northwind', name: 'Northwind Health', domain: 'northwind.example', tier: 'enterprise', arr: 410_000, renewalDate: at(-120), owner: 'Marcus Lee', csm: 'Tom Okafor', plan: 'scale', traits: { vip: true } } as AccountUpsert,
      score: 91,
      history: [22, 24, 25, 25, 27, 30, 31, 33, 34, 35, 48, 61, 88],
      reasons: [
        { id: 'guardrail', kind: 'pattern', points: 40, sentence: 'A customer message in T-2210 mentions legal action (“our lawyers will be in touch”).', evidence: { ticketIds: ['T-2210'], messageIds: ['m-2210-2'], values: { category: 'legal_threat' } }, at: at(0, -6), guardrails: ['legal_threat'] },
        { id: 'tone_drift', kind: 'pattern', points: 18, sentence: 'Nia Adeyemi’s last 3 messages went from neutral to angry (tone 0.1 → −0.7).', evidence: { ticketIds: ['T-2208', 'T-2210'], userIds: ['u_nia'], values: { from: 0.1, to: -0.7 } }, at: at(0, -6) },
        { id: 'vip_account', kind: 'context', points: 10, sentence: 'VIP account: a human handles every escalation.', evidence: {}, at: now },
      ],
      requiresHuman: true,
    },
    {
      account: { id: 'globex', name: 'Globex Retail', domain: 'globex.example', tier: 'growth', arr: 86_000, renewalDate: at(-200), owner: 'Priya Raman', csm: 'Ana Souza', plan: 'growth' } as AccountUpsert,
      score: 64,
      history: [30, 30, 32, 35, 33, 36, 40, 45, 47, 52, 55, 60, 62],
      reasons: [
        { id: 'low_csat_reengagement', kind: 'pattern', points: 25, sentence: 'Ole Brandt rated T-3302 “bad” and opened T-3307 four days later.', evidence: { ticketIds: ['T-3302', 'T-3307'], userIds: ['u_ole'] }, at: at(2) },
        { id: 'tone_drift', kind: 'pattern', points: 15, sentence: 'Messages from Globex moved from neutral to negative over 3 tickets.', evidence: { ticketIds: ['T-3302', 'T-3307'] }, at: at(2) },
      ],
    },
    {
      account: { id: 'umbrella', name: 'Umbrella Labs', tier: 'growth', arr: 54_000, renewalDate: at(-25), owner: 'Ana Souza', plan: 'growth' } as AccountUpsert,
      score: 52,
      history: [20, 20, 22, 30, 34, 38, 41, 44, 47, 49, 50, 51, 51],
      reasons: [{ id: 'resolved_still_confused', kind: 'pattern', points: 20, sentence: 'Help-seeking started again 2 days after T-4100 was solved.', evidence: { ticketIds: ['T-4100'] }, at: at(1) }, { id: 'renewal_window', kind: 'context', points: 8, sentence: 'Renews in 25 days.', evidence: {}, at: now }],
    },
    {
      account: { id: 'initech', name: 'Initech', tier: 'starter', arr: 9_600, renewalDate: at(-300), owner: 'Marcus Lee', plan: 'starter' } as AccountUpsert,
      score: 41,
      history: [12, 14, 15, 18, 22, 25, 30, 33, 36, 38, 40, 41, 41],
      reasons: [{ id: 'usage_drop', kind: 'pattern', points: 20, sentence: 'Product activity fell 46% week over week (312 → 168 events).', evidence: { values: { before: 312, after: 168, percent: 46 } }, at: at(0, -4) }],
    },
    {
      account: { id: 'hooli', name: 'Hooli Cloud', tier: 'enterprise', arr: 180_000, renewalDate: at(-280), owner: 'Priya Raman', plan: 'scale' } as AccountUpsert,
      score: 34,
      history: [10, 12, 12, 15, 18, 20, 22, 25, 27, 30, 31, 33, 34],
      reasons: [{ id: 'account_volume', kind: 'pattern', points: 15, sentence: '3 different users filed tickets within 7 days.', evidence: { userIds: ['u_004', 'u_009', 'u_014'] }, at: at(2) }],
    },
    {
      account: { id: 'stark', name: 'Stark Payments', tier: 'starter', arr: 12_000, owner: 'Ana Souza', plan: 'starter' } as AccountUpsert,
      score: 18,
      history: [30, 28, 26, 25, 24, 22, 21, 20, 20, 19, 19, 18, 18],
      reasons: [{ id: 'in_product_friction', kind: 'pattern', points: 8, sentence: 'A user hit a dead click on /integrations twice.', evidence: {}, at: at(3) }],
    },
  ];
  await store.upsertAccounts(ws, seeds.map((s) => s.account), now);

  const tickets: TicketUpsert[] = [
    { id: 'T-1039', status: 'solved', priority: 'normal', requester: { id: 'u_lee' }, accountId: 'acme', subject: 'CSV export of invoices is empty', topic: 'csv export', createdAt: at(4), solvedAt: at(2, -7), csat: { score: 'bad', comment: 'Still broken for us.', at: at(2) } },
    { id: 'T-1041', status: 'open', priority: 'high', requester: { id: 'u_dana' }, accountId: 'acme', subject: 'Cannot connect our ERP on the Integrations page', createdAt: at(3) },
    { id: 'T-1044', status: 'open', priority: 'high', requester: { id: 'u_lee' }, accountId: 'acme', subject: 'CSV export still empty after the fix', topic: 'csv export', createdAt: at(1) },
    { id: 'T-0990', status: 'closed', priority: 'low', requester: { id: 'u_sam' }, accountId: 'acme', subject: 'How do I add a teammate?', createdAt: at(40), solvedAt: at(39), csat: { score: 'good', at: at(39) } },
    { id: 'T-2208', status: 'pending', priority: 'high', requester: { id: 'u_nia' }, accountId: 'northwind', subject: 'Patient invoices sent to the wrong address', createdAt: at(5) },
    { id: 'T-2210', status: 'open', priority: 'urgent', requester: { id: 'u_nia' }, accountId: 'northwind', subject: 'Third time asking: fix the invoice addresses', createdAt: at(0, -6), messages: [{ id: 'm-2210-1', author: 'customer', text: 'This is the third time we ask.', at: at(0, -6) }, { id: 'm-2210-2', author: 'customer', text: 'If this is not fixed today our lawyers will be in touch.', at: at(0, -5) }] },
    { id: 'T-3302', status: 'solved', requester: { id: 'u_ole' }, accountId: 'globex', subject: 'Refund for a double charge', createdAt: at(8), solvedAt: at(6), csat: { score: 'bad', at: at(6) } },
    { id: 'T-3307', status: 'open', requester: { id: 'u_ole' }, accountId: 'globex', subject: 'Charged twice again this month', createdAt: at(2) },
    { id: 'T-4100', status: 'solved', accountId: 'umbrella', subject: 'Where is the VAT field?', createdAt: at(6), solvedAt: at(3) },
  ] as TicketUpsert[];

  // Events: the hero account's friction and help, and tips met by the crowd (10% held out, as the SDK does).
  const events: EventRow[] = [];
  const event = (id: string, type: string, when: number, userId: string | null, accountId: string | null, screen: string | null, body: Record<string, unknown>): EventRow => ({
    id,
    type,
    at: when,
    clientAt: when,
    receivedAt: when,
    clockSkew: false,
    anonymousId: `anon_${userId ?? id}`,
    sessionId: `sess_${userId ?? id}`,
    userId,
    accountId,
    screen,
    payload: JSON.stringify({ id, type, at: when, anonymousId: `anon_${userId ?? id}`, sessionId: `sess_${userId ?? id}`, userId, accountId, screen, ...body }),
  });
  const signal = (type: string, screen: string, when: number) => ({ signal: { id: 's', type, screen, at: when, detail: {} } });
  events.push(
    event('ev_acme_f1', 'friction', at(5, 3), 'u_lee', 'acme', '/invoices', signal('screen_cycling', '/invoices', at(5, 3))),
    event('ev_acme_f2', 'friction', at(3, 2), 'u_dana', 'acme', '/integrations', signal('dead_click', '/integrations', at(3, 2))),
    event('ev_acme_f3', 'friction', at(0, -2), 'u_sam', 'acme', '/settings/billing', signal('form_struggle', '/settings/billing', at(0, -2))),
    event('ev_acme_h1', 'help_opened', at(3, 3), 'u_dana', 'acme', '/integrations', { props: { articleId: 'connecting-integrations', title: 'Connecting an integration' } }),
    event('ev_acme_t1', 'tip_shown', at(3, 2.1), 'u_dana', 'acme', '/integrations', { tipId: 'connect-needs-admin' }),
    event('ev_acme_t2', 'tip_unhelpful', at(3, 2.2), 'u_dana', 'acme', '/integrations', { tipId: 'connect-needs-admin' }),
  );
  const screens = ['/invoices', '/invoices/:id', '/settings/billing', '/integrations', '/dashboard'];
  const kinds = ['screen_cycling', 'dead_click', 'form_struggle', 'rage_click', 'help_seeking', 'error_loop'];
  for (let i = 0; i < 160; i++) {
    const when = now - Math.floor(rnd() * 28 * DAY);
    const screen = screens[Math.floor(rnd() ** 1.6 * screens.length)]!;
    const kind = screen === '/integrations' ? 'dead_click' : screen === '/settings/billing' ? (rnd() < 0.7 ? 'form_struggle' : 'error_loop') : kinds[Math.floor(rnd() * kinds.length)]!;
    const u = `u_${String(1 + Math.floor(rnd() * 90)).padStart(3, '0')}`;
    events.push(event(`ev_f_${i}`, 'friction', when, u, crowd[Number(u.slice(2)) % crowd.length]!, screen, signal(kind, screen, when)));
  }
  const tipIds = DEMO_TIPS.map((t) => t.id);
  for (let i = 1; i <= 90; i++) {
    const u = `u_${String(i).padStart(3, '0')}`;
    const acct = crowd[i % crowd.length]!;
    const tipId = tipIds[i % tipIds.length]!;
    const held = i % 9 === 0;
    const when = now - (2 + Math.floor(rnd() * 24)) * DAY;
    events.push(event(`ev_tip_${i}`, held ? 'tip_held_out' : 'tip_shown', when, u, acct, '/invoices', { tipId }));
    // Held-out users escalate far more often than those who saw the tip: what the chart should find.
    if (rnd() < (held ? 0.5 : 0.12)) tickets.push({ id: `T-5${String(i).padStart(3, '0')}`, status: 'solved', requester: { id: u }, accountId: acct, subject: 'Question about invoices', createdAt: when + DAY, solvedAt: when + 2 * DAY } as TicketUpsert);
  }
  await store.insertEvents(ws, events);
  await store.upsertTickets(ws, tickets, 'api', now);

  // Scores with a history: one assessment per day, so each account has its trend.
  for (const s of seeds) {
    const days = [...s.history, s.score];
    for (const [i, score] of days.entries()) {
      const assessment: RiskAssessment = { accountId: s.account.id, score, level: level(score), reasons: i === days.length - 1 ? s.reasons : s.reasons.slice(0, 1), requiresHuman: i === days.length - 1 && !!s.requiresHuman, evaluatedAt: now - (days.length - 1 - i) * DAY };
      await store.saveAssessment(ws, assessment);
    }
  }

  const rules: Rule[] = [
    { id: 'two-unresolved', name: 'Two unresolved tickets in 5 days', description: 'If this account has two unresolved tickets in 5 days, flag for CSM review', enabled: true, match: 'all', conditions: [{ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, within: { value: 5, unit: 'days' }, per: 'account' }], actions: [{ type: 'flag_csm' }, { type: 'outreach', destination: 'local-inbox' }], cooldown: { value: 1, unit: 'days' } },
    { id: 'legal-threat', name: 'Legal threats go to a human', description: 'When a ticket mentions lawyers or legal action, require a human and alert #cs-urgent', enabled: true, match: 'all', conditions: [{ kind: 'guardrail', categories: ['legal_threat'] }], actions: [{ type: 'require_human' }, { type: 'outreach', destination: 'cs-urgent' }, { type: 'outreach', destination: 'local-inbox' }], cooldown: { value: 1, unit: 'days' } },
    { id: 'bad-csat-back', name: 'Bad rating, then back within a week', enabled: false, match: 'all', conditions: [{ kind: 'pattern', pattern: 'low_csat_reengagement' }, { kind: 'account', field: 'tier', op: 'in', value: ['growth', 'enterprise'] }], actions: [{ type: 'outreach', destination: 'crm-webhook' }], cooldown: { value: 3, unit: 'days' } },
  ];
  for (const r of rules) await store.putRule(ws, r, at(10));

  const destination = (id: string, name: string, config: DestinationRecord['config']): DestinationRecord => ({ id, workspaceId: ws, name, config, enabled: true, disabledReason: null, createdAt: at(30), updatedAt: at(30) });
  const inbox = destination('dst_inbox', 'local-inbox', { kind: 'local_inbox' });
  const slack = destination('dst_slack', 'cs-urgent', { kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXX' });
  const hook = destination('dst_hook', 'crm-webhook', { kind: 'webhook', url: 'https://crm.example/hooks/forestall', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
  for (const d of [inbox, slack, hook]) await store.putDestination(ws, d);

  const seedOf = (id: string) => seeds.find((s) => s.account.id === id)!;
  const summary = (accountId: string, headline: string, happened: string[], wants: string, next: string): HandoffSummary => {
    const s = seedOf(accountId);
    const a = s.account;
    const markdown = [
      `**${headline}**`,
      '',
      '### What happened',
      ...happened.map((h) => `- ${h}`),
      '',
      '### What was checked',
      '- Tip “connect-needs-admin” shown; marked not helpful',
      '- Article “Connecting an integration” read',
      '',
      '### What the customer wants',
      wants,
      '',
      '### Account',
      `- ${a.tier}, $${Math.round((a.arr ?? 0) / 1000)}k ARR${a.renewalDate ? `, renews in ${Math.round((a.renewalDate - now) / DAY)} days` : ''}`,
      `- Owner ${a.owner ?? 'none'}${a.csm ? `, CSM ${a.csm}` : ''}`,
      '',
      '### Suggested next step',
      next,
      '',
      '<script>alert("not html")</script> [not a link](javascript:alert(1))',
    ].join('\n');
    return {
      headline,
      whatHappened: happened,
      whatWasChecked: [],
      customerWants: wants,
      account: { id: a.id, name: a.name ?? null, tier: a.tier ?? null, arr: a.arr ?? null, renewalAt: a.renewalDate ?? null, owner: a.owner ?? null, csm: a.csm ?? null, riskScore: s.score, recentTickets: [], csat: [] },
      policy: { guardrails: [], requiresHuman: !!s.requiresHuman, notes: [] },
      nextAction: next,
      markdown,
      source: 'template',
    };
  };
  const trigger = (id: string, rule: Rule, accountId: string, firedAt: number, headline: string, happened: string[], wants: string, next: string): TriggerRecord => ({
    id,
    workspaceId: ws,
    ruleId: rule.id,
    ruleName: rule.name,
    accountId,
    ticketIds: [],
    actions: rule.actions,
    riskScore: seedOf(accountId).score,
    reasons: seedOf(accountId).reasons,
    summary: summary(accountId, headline, happened, wants, next),
    firedAt,
    ackedAt: null,
    ackedBy: null,
    delivery: 'none',
  });
  const row = (t: TriggerRecord, d: DestinationRecord, n: number): OutboxRecord => ({ id: `out_${t.id}_${n}`, workspaceId: ws, triggerId: t.id, destinationId: d.id, action: 'outreach', payload: { text: t.summary.headline }, idempotencyKey: `idem_${t.id}_${n}`, state: 'pending', attempts: 0, nextAttemptAt: t.firedAt, lastStatus: null, lastError: null, deliveredAt: null, createdAt: t.firedAt });
  const fire = async (t: TriggerRecord, to: DestinationRecord[]) => {
    const outbox = to.map((d, n) => row(t, d, n));
    await store.fireTrigger(ws, { trigger: t, outbox, cooldowns: [{ key: `account:${t.accountId}:${t.id}`, until: t.firedAt + DAY }], tipTargets: [], routes: [] }, t.firedAt);
    return outbox;
  };
  const delivered = (o: OutboxRecord, when: number) => store.recordAttempt(ws, o.id, { state: 'delivered', attempts: 1, nextAttemptAt: when, lastStatus: 200, lastError: null, deliveredAt: when });
  const post = (t: TriggerRecord, d: DestinationRecord, when: number): InboxItem => ({ id: `inb_${t.id}`, workspaceId: ws, destinationId: d.id, triggerId: t.id, title: `${t.ruleName}: ${t.summary.account.name}`, markdown: t.summary.markdown, at: when });

  const acme = trigger('trg_acme', rules[0]!, 'acme', at(0, -3), 'Acme Logistics (enterprise, $240k ARR, renews in 41 days): 2 unresolved tickets in 5 days.', ['T-1039 CSV export solved, rated bad', 'T-1041 opened: cannot connect the ERP', 'T-1044 opened: CSV export still empty', '9 friction signals from 3 users, most on /invoices'], 'A working CSV export before their month-end close, and the ERP connected.', 'Call Dana Whitfield today; pair with engineering on the CSV export.');
  const [acmeOut] = await fire(acme, [inbox]);
  await delivered(acmeOut!, at(0, -3) + 2000);
  await store.appendInbox(post(acme, inbox, at(0, -3) + 2000));

  const nw = trigger('trg_northwind', rules[1]!, 'northwind', at(0, -5), 'Northwind Health (enterprise VIP, $410k ARR): legal threat in T-2210.', ['T-2208 invoices sent to the wrong address', 'T-2210 “our lawyers will be in touch”'], 'Invoices to the right addresses today, and an answer from a person.', 'A senior agent replies within the hour; loop in the account owner.');
  const [nwSlack, nwInbox] = await fire(nw, [slack, inbox]);
  await store.recordAttempt(ws, nwSlack!.id, { state: 'dead', attempts: 8, nextAttemptAt: at(0, -1), lastStatus: 500, lastError: 'Slack answered 500 Internal Server Error eight times', deliveredAt: null });
  await delivered(nwInbox!, at(0, -5) + 1500);
  await store.appendInbox(post(nw, inbox, at(0, -5) + 1500));

  const gx = trigger('trg_globex', rules[2]!, 'globex', at(1, -2), 'Globex Retail (growth, $86k ARR): a bad rating, then back within 4 days.', ['T-3302 refund for a double charge, rated bad', 'T-3307 charged twice again'], 'Their money back, and to stop being charged twice.', 'Refund the duplicate charge and confirm the billing fix in writing.');
  const [gxOut] = await fire(gx, [hook]);
  await store.recordAttempt(ws, gxOut!.id, { state: 'failed', attempts: 3, nextAttemptAt: now + 10 * 60_000, lastStatus: 503, lastError: 'Service Unavailable (Retry-After: 600)', deliveredAt: null });

  const um = trigger('trg_umbrella', rules[0]!, 'umbrella', at(6), 'Umbrella Labs (growth, $54k ARR, renews in 25 days): confused again after T-4100.', ['T-4100 VAT field question solved', 'Help-seeking on /settings/billing 2 days later'], 'To find the VAT field.', 'Send the VAT article and offer a 10-minute call.');
  const [umOut] = await fire(um, [inbox]);
  await delivered(umOut!, at(6) + 900);
  await store.ackTrigger(ws, um.id, 'Ana Souza', at(5));

  // Older firings, for the escalations chart.
  const patterns = ['unresolved_stack', 'repeat_contact', 'tone_drift', 'usage_drop', 'in_product_friction', 'guardrail'] as const;
  for (let i = 0; i < 26; i++) {
    const acct = seeds[i % seeds.length]!;
    const pattern = patterns[Math.floor(rnd() ** 1.4 * patterns.length)]!;
    const t = trigger(`trg_old_${i}`, rules[i % 2]!, acct.account.id, now - (2 + Math.floor(rnd() * 27)) * DAY, `${acct.account.name}: ${pattern.replace(/_/g, ' ')}`, [], '', 'Review the account.');
    t.reasons = [{ id: pattern, kind: 'pattern', points: 20, sentence: '', evidence: {}, at: t.firedAt }];
    await fire(t, []);
    await store.ackTrigger(ws, t.id, 'Tom Okafor', t.firedAt + H);
  }
  return { triggers: { acme: acme.id, northwind: nw.id, globex: gx.id } };
}

export interface ConsoleServer {
  url: string;
  sk: string;
  pk: string;
  store: Store;
  workspaceId: string;
  close(): Promise<void>;
}

/** The real app on an in-memory database with the fixture, serving the built console, SDK and demo on a free port. */
export async function startConsoleServer(): Promise<ConsoleServer> {
  const db = openDatabase(':memory:');
  const admin = createKeyAdmin(db);
  const now = Date.now();
  const workspaceId = admin.createWorkspace('Acme CS', now);
  const store = createSqliteStore(db);
  const app = createApp({
    store,
    clock: { now: () => Date.now() },
    logger: { info: () => {}, error: (l) => process.stderr.write(JSON.stringify(l) + '\n') },
    options: { staticFiles: nodeStaticFiles({ sdk: path.join(ROOT, 'dist'), demo: path.join(ROOT, 'demo-app') }) },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const pk = (await admin.createKey(workspaceId, 'pk', [url], now)).key;
  const sk = (await admin.createKey(workspaceId, 'sk', [], now)).key;
  await seedConsole(store, workspaceId, now);
  return {
    url,
    sk,
    pk,
    store,
    workspaceId,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
      }),
  };
}
