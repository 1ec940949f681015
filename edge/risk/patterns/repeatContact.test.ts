import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, HOUR, NOW, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { repeatContact } from './repeatContact';

const SOLVED = ago(5 * DAY);

describe('repeat contact', () => {
  it.each([
    [71, true],
    [72, true],
    [73, false],
  ])('a new ticket %i hours after a solved one on the same topic: %s', (gapHours, matches) => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: SOLVED, topic: 'CSV export' }),
        ticket('T-2', { createdAt: SOLVED + gapHours * HOUR, topic: 'csv export', requesterId: 'u-2' }),
      ],
    });
    const r = repeatContact(f, T, NOW);
    if (!matches) return expect(r).toBeNull();
    expect(r).toEqual({
      id: 'repeat_contact',
      kind: 'pattern',
      points: 30,
      sentence: `Acme opened T-2 ${gapHours} hours after T-1 on the same issue (csv export) was solved.`,
      evidence: {
        ticketIds: ['T-1', 'T-2'],
        userIds: ['u-1', 'u-2'],
        from: SOLVED,
        to: SOLVED + gapHours * HOUR,
        values: { hours: gapHours, issue: 'csv export', repeats: 1 },
      },
      at: SOLVED + gapHours * HOUR,
    });
  });

  it.each([
    ['the same topic', { topic: 'Billing' }, { topic: 'billing' }, 'billing'],
    ['a shared specific tag', { tags: ['web', 'sso_login'] }, { tags: ['SSO_login', 'email'] }, 'SSO_login'],
    ['subjects sharing two content words', { subject: 'CSV export fails' }, { subject: 'Export to CSV still broken' }, 'export csv'],
    ['subjects that are one word said differently', { subject: 'Login' }, { subject: 'URGENT: login broken!!' }, 'login'],
  ])('same issue by %s', (_, earlier, later, label) => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: SOLVED, ...earlier }), ticket('T-2', { createdAt: SOLVED + 10 * HOUR, ...later })] });
    expect(repeatContact(f, T, NOW)?.evidence.values?.issue).toBe(label);
  });

  it.each([
    ['different topics', { topic: 'billing' }, { topic: 'login' }],
    ['a shared generic topic (two bugs are two bugs)', { topic: 'bug' }, { topic: 'Bug' }],
    ['only channel, priority and segment tags in common', { tags: ['email', 'urgent', 'vip'] }, { tags: ['email', 'urgent', 'vip'] }],
    ['one shared word among many', { subject: 'Billing export question' }, { subject: 'CSV export fails' }],
    ['subjects sharing only problem words', { subject: 'Urgent: not working' }, { subject: 'Still not working, urgent' }],
    ['no topic, tags or subject', {}, {}],
  ])('not the same issue: %s', (_, earlier, later) => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: SOLVED, ...earlier }), ticket('T-2', { createdAt: SOLVED + 10 * HOUR, ...later })] });
    expect(repeatContact(f, T, NOW)).toBeNull();
  });

  it('a ticket opened while the other was still open is not a repeat (it came before the solve)', () => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: SOLVED, topic: 'export' }), ticket('T-2', { createdAt: SOLVED - HOUR, topic: 'export' })] });
    expect(repeatContact(f, T, NOW)).toBeNull();
  });

  it('old history does not count: the repeat must have been opened within the recency horizon', () => {
    const f = facts({
      tickets: [ticket('T-1', { createdAt: ago(12 * DAY), solvedAt: ago(11 * DAY), topic: 'export' }), ticket('T-2', { createdAt: ago(8 * DAY), topic: 'export' })],
    });
    expect(repeatContact(f, T, NOW)).toBeNull();
    expect(repeatContact(f, resolveRiskThresholds({ recentDays: 9 }), NOW)?.evidence.ticketIds).toEqual(['T-1', 'T-2']);
  });

  it('counts a second solve after a reopen: the new ticket came 24 hours after the last solve', () => {
    const t1 = ticket('T-1', {
      createdAt: ago(6 * DAY),
      solvedAt: ago(3 * DAY),
      topic: 'export',
      history: [
        { type: 'created', toStatus: 'new', at: ago(6 * DAY) },
        { type: 'status', toStatus: 'solved', at: ago(5 * DAY) },
        { type: 'status', toStatus: 'open', at: ago(4 * DAY) },
        { type: 'status', toStatus: 'solved', at: ago(3 * DAY) },
        { type: 'status', toStatus: 'closed', at: ago(2.5 * DAY) },
      ],
    });
    const f = facts({ tickets: [t1, ticket('T-2', { createdAt: ago(2 * DAY), topic: 'export' })] });
    expect(repeatContact(f, T, NOW)?.evidence.values).toEqual({ hours: 24, issue: 'export', repeats: 1 });
  });

  it('several repeats: the latest is told, all are evidence, whatever order the store gave them in', () => {
    const tickets = [
      ticket('T-1', { createdAt: ago(7 * DAY), solvedAt: ago(6 * DAY), topic: 'export' }),
      ticket('T-2', { createdAt: ago(5 * DAY), solvedAt: ago(4 * DAY), topic: 'export' }),
      ticket('T-3', { createdAt: ago(3 * DAY), topic: 'export', requesterId: 'u-3' }),
    ];
    const r = repeatContact(facts({ tickets: [...tickets].reverse() }), T, NOW);
    expect(r).toEqual(repeatContact(facts({ tickets }), T, NOW));
    expect(r?.sentence).toBe('Acme opened T-3 24 hours after T-2 on the same issue (export) was solved. That makes 2 repeat contacts in the last 7 days.');
    expect(r?.evidence).toMatchObject({ ticketIds: ['T-1', 'T-2', 'T-3'], userIds: ['u-1', 'u-3'], from: ago(6 * DAY), to: ago(3 * DAY) });
  });

  it('a wider window from the workspace (96 hours) takes the 73-hour repeat', () => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: SOLVED, topic: 'export' }), ticket('T-2', { createdAt: SOLVED + 73 * HOUR, topic: 'export' })] });
    expect(repeatContact(f, resolveRiskThresholds({ repeat_contact: { withinHours: 96 } }), NOW)?.evidence.values?.hours).toBe(73);
  });

  it('uses the account id when there is no CRM record', () => {
    const f = facts({ account: null, tickets: [ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: SOLVED, topic: 'export' }), ticket('T-2', { createdAt: SOLVED + HOUR, topic: 'export' })] });
    expect(repeatContact(f, T, NOW)?.sentence).toBe('acme opened T-2 1 hour after T-1 on the same issue (export) was solved.');
  });
});
