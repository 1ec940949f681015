import { describe, expect, it } from 'vitest';
import { assessAccount } from '../risk/score';
import { account, ago, DAY, facts, helpOpen, HOUR, NOW, replied, said, signal, ticket, user } from '../risk/test/facts';
import { DEFAULT_RISK_THRESHOLDS as T } from '../risk/thresholds';
import type { AccountFacts } from '../risk/types';
import { buildHandoffSummary, CUSTOMER_WORDS_CHARS, TRAIL_LINES, type HandoffSummaryInput } from './summary';

const summarize = (f: AccountFacts, more: Omit<HandoffSummaryInput, 'facts' | 'assessment'> = {}) => buildHandoffSummary({ facts: f, assessment: assessAccount(f, T, NOW), ...more }, NOW);

/** The field example: T-1 and T-2 unresolved in five days at an enterprise account renewing in 41 days. */
const acme = () =>
  facts({
    account: account({ tier: 'enterprise', arr: 120_000, renewalAt: NOW + 41 * DAY + HOUR, owner: 'Dana Fox', csm: 'Lee Chen' }),
    users: [user('u-1', { createdAt: ago(60 * DAY) }), user('u-2', { createdAt: ago(60 * DAY) })],
    tickets: [
      ticket('T-1', {
        createdAt: ago(4 * DAY),
        subject: 'CSV export times out',
        messages: [said('m1', ago(4 * DAY), { text: 'The CSV export times out.' }), replied('a1', ago(4 * DAY) + HOUR), replied('a2', ago(3 * DAY))],
      }),
      ticket('T-2', { createdAt: ago(HOUR), requesterId: 'u-2', subject: 'Still no export', messages: [said('m2', ago(HOUR), { text: 'We need the Q3 export   before Friday.' })] }),
      ticket('T-0', { createdAt: ago(20 * DAY), solvedAt: ago(19 * DAY), csat: { score: 'good', negative: false, comment: null, at: ago(19 * DAY) } }),
    ],
    signals: [signal('s1', ago(5 * DAY), { screen: '/reports/export' })],
    helpOpens: [helpOpen('h1', ago(3 * DAY)), helpOpen('h2', ago(2 * DAY)), helpOpen('h3', ago(2 * DAY), { userId: 'u-2' })],
    tips: [
      { tipId: 'export-help', outcome: 'shown', userId: 'u-1', at: ago(5 * DAY) },
      { tipId: 'export-help', outcome: 'unhelpful', userId: 'u-1', at: ago(5 * DAY) + 1000 },
    ],
  });

const fieldRule = { name: 'Two unresolved in 5 days', actions: [{ type: 'flag_csm' as const, note: 'Export is blocking their board report' }], ticketIds: [], explanations: ['2 unresolved tickets created in the last 5 days (at least 2)'] };

describe('the handoff summary', () => {
  it('tells the story from the facts', () => {
    const s = summarize(acme(), { rule: fieldRule });
    expect(s.headline).toBe('Acme (enterprise, 120K ARR, renews in 41 days): 2 unresolved tickets created in the last 5 days (at least 2).');
    expect(s.whatHappened).toEqual([
      '10 Jun 12:00 UTC: rage click on /reports/export (u-1)',
      '11 Jun 12:00 UTC: T-1 opened by u-1: "CSV export times out"',
      '15 Jun 11:00 UTC: T-2 opened by u-2: "Still no export"',
    ]);
    expect(s.whatWasChecked).toEqual(['Read help article a-export ×3 (u-1 and u-2)', 'Tip export-help: shown 1, unhelpful 1', 'Agents replied 2 times on T-1, last on 12 Jun']);
    expect(s.customerWants).toBe('We need the Q3 export before Friday.');
    expect(s.account).toEqual({
      id: 'acme',
      name: 'Acme',
      tier: 'enterprise',
      arr: 120_000,
      renewalAt: NOW + 41 * DAY + HOUR,
      owner: 'Dana Fox',
      csm: 'Lee Chen',
      riskScore: 65,
      recentTickets: [
        { id: 'T-2', subject: 'Still no export', status: 'open', createdAt: ago(HOUR) },
        { id: 'T-1', subject: 'CSV export times out', status: 'open', createdAt: ago(4 * DAY) },
        { id: 'T-0', subject: null, status: 'solved', createdAt: ago(20 * DAY) },
      ],
      csat: [{ ticketId: 'T-0', score: 'good', negative: false, at: ago(19 * DAY) }],
    });
    expect(s.policy).toEqual({ guardrails: [], requiresHuman: false, notes: ['CSM note: Export is blocking their board report'] });
    expect(s.nextAction).toBe('Lee Chen to review Acme: Export is blocking their board report. Triage the open tickets together and give the account one owner and one update.');
    expect(s.source).toBe('template');
  });

  it('says the same in markdown', () => {
    expect(summarize(acme(), { rule: fieldRule }).markdown).toBe(
      [
        '**Acme \\(enterprise, 120K ARR, renews in 41 days\\): 2 unresolved tickets created in the last 5 days \\(at least 2\\).**',
        '',
        '**Risk 65/100 (high)**',
        '- Acme has 2 unresolved tickets opened in the last 5 days \\(T\\-1 and T\\-2\\). (+25)',
        '- u\\-1 filed T\\-1 24 hours after rage clicks on /reports/export. (+15)',
        '- Acme renews in 41 days \\(26 Jul\\). (+10)',
        '- Acme is a high\\-value account \\(120K ARR\\). (+10)',
        '- T\\-1 and T\\-2 are still unresolved, opened in the last 10 days. (+5)',
        '',
        '### What happened',
        '- 10 Jun 12:00 UTC: rage click on /reports/export \\(u\\-1\\)',
        '- 11 Jun 12:00 UTC: T\\-1 opened by u\\-1: "CSV export times out"',
        '- 15 Jun 11:00 UTC: T\\-2 opened by u\\-2: "Still no export"',
        '',
        '### What was checked',
        '- Read help article a\\-export ×3 \\(u\\-1 and u\\-2\\)',
        '- Tip export\\-help: shown 1, unhelpful 1',
        '- Agents replied 2 times on T\\-1, last on 12 Jun',
        '',
        '### What the customer wants',
        '> We need the Q3 export before Friday.',
        '',
        '— customer on T\\-2, 15 Jun',
        '',
        '### Account: Acme',
        '- Tier: enterprise · ARR: 120K · Renews: 26 Jul \\(in 41 days\\) · Owner: Dana Fox · CSM: Lee Chen',
        '- Recent tickets: T\\-2 \\(open, 15 Jun\\) "Still no export"; T\\-1 \\(open, 11 Jun\\) "CSV export times out"; T\\-0 \\(solved, 26 May\\)',
        '- CSAT: T\\-0 good \\(27 May\\)',
        '',
        '### Policy',
        '- CSM note: Export is blocking their board report',
        '',
        '### Next action',
        'Lee Chen to review Acme: Export is blocking their board report. Triage the open tickets together and give the account one owner and one update.',
      ].join('\n'),
    );
  });

  it('a guardrail: the policy says a person must handle it, with the customer’s words as evidence', () => {
    const f = acme();
    f.tickets[1]!.messages[0]!.guardrails = [{ category: 'legal_threat', evidence: 'our lawyers will be in touch' }];
    const s = summarize(f, { rule: { name: 'Legal threats to a person', actions: [{ type: 'route_ticket', queue: 'legal', priority: 'urgent' }, { type: 'require_human', reason: 'Legal must answer' }], ticketIds: ['T-2'] } });
    expect(s.policy).toEqual({
      guardrails: ['legal_threat'],
      requiresHuman: true,
      notes: ['legal threat: "our lawyers will be in touch"', 'The rule requires a person: Legal must answer', 'No automated tip or reply should stand in for a person here.'],
    });
    expect(s.headline).toBe('Acme (enterprise, 120K ARR, renews in 41 days): A customer at Acme threatened legal action (T-2): a human must handle it.');
    expect(s.nextAction).toBe('A person must take T-2 (Lee Chen or the senior queue); no automated reply. Route T-2 to legal at urgent priority.');
    expect(s.markdown).toContain('### Policy\n- **A person must handle this.**\n- Guardrails: legal threat\n');
  });

  it('a rule that requires a person needs one even without a guardrail; a VIP account says why', () => {
    const f = facts({ account: account({ tier: 'partner' }), tickets: [ticket('T-1', { createdAt: ago(DAY) })] });
    const s = summarize(f, { rule: { name: 'Partners', actions: [{ type: 'require_human' }], ticketIds: [] } });
    expect(s.policy).toEqual({
      guardrails: [],
      requiresHuman: true,
      notes: ['VIP account (tier partner): its open tickets go to a person.', 'The rule requires a person.', 'No automated tip or reply should stand in for a person here.'],
    });
    expect(s.nextAction).toBe('A person must take T-1; no automated reply.');
  });

  it('a widget handoff: the user’s own answers are what they want', () => {
    const f = acme();
    const s = summarize(f, {
      handoff: { caseId: 'c1', reference: 'FS-1001', userId: 'u-1', answers: { tryingTo: 'Export the Q3 report', expected: 'A CSV file', email: 'ann@acme.com' }, at: ago(HOUR) },
    });
    expect(s.headline).toBe('Acme (enterprise, 120K ARR, renews in 41 days): u-1 asked for a person from the product (FS-1001).');
    expect(s.customerWants).toBe('Export the Q3 report Expected: A CSV file');
    expect(s.nextAction).toBe('Answer handoff FS-1001 at ann@acme.com. Triage the open tickets together and give the account one owner and one update.');
    expect(s.markdown).toContain('> Export the Q3 report Expected: A CSV file\n\n— u\\-1 in handoff FS\\-1001, 15 Jun');
  });

  it("the customer's words come from the tickets the rule matched, before newer ones elsewhere", () => {
    const f = acme();
    expect(summarize(f, { rule: { ...fieldRule, ticketIds: ['T-1'] } }).customerWants).toBe('The CSV export times out.');
    expect(summarize(f, { rule: { ...fieldRule, ticketIds: [] } }).customerWants).toBe('We need the Q3 export before Friday.');
  });

  it('long words are clipped at a word, with an ellipsis', () => {
    const f = acme();
    f.tickets[1]!.messages[0]!.text = `${'Please help with the export. '.repeat(20)}END`;
    const wants = summarize(f).customerWants;
    expect(wants.length).toBeLessThanOrEqual(CUSTOMER_WORDS_CHARS);
    expect(wants).toBe(`${'Please help with the export. '.repeat(9)}Please help with…`);
  });

  it('the trail keeps the newest events of the last two weeks and says how many it left out', () => {
    const signals = Array.from({ length: 30 }, (_, i) => signal(`s${String(i).padStart(2, '0')}`, ago(13 * DAY) + i * HOUR));
    const s = summarize(facts({ signals: [signal('old', ago(15 * DAY)), ...signals] }));
    expect(s.whatHappened).toHaveLength(TRAIL_LINES + 1);
    expect(s.whatHappened[0]).toBe('(5 earlier events not shown)');
    expect(s.whatHappened[1]).toBe('2 Jun 17:00 UTC: rage click on /billing (u-1)');
    expect(s.whatHappened.at(-1)).toBe('3 Jun 17:00 UTC: rage click on /billing (u-1)');
  });

  it('an account with nothing on record says so in every section', () => {
    const s = summarize(facts({ account: null }));
    expect(s).toMatchObject({
      headline: 'acme: no risk pattern matches now.',
      whatHappened: ['Nothing recorded in the last 14 days.'],
      whatWasChecked: ['Nothing yet: no articles read, tips shown or agent replies in the last 14 days.'],
      customerWants: 'Not stated: no customer message or handoff answer on record.',
      policy: { guardrails: [], requiresHuman: false, notes: [] },
      nextAction: 'Nothing to do now; the account stays watched.',
    });
    expect(s.markdown).toContain('### Policy\n- No guardrail hit.\n');
  });

  it('hostile text cannot pose as structure or links in the markdown', () => {
    const hostile = 'Hi](https://evil.example) [Click here](https://evil.example/login) **URGENT**\n# Fake heading\n- fake item <script>alert(1)</script> `rm -rf` | a | b | ~~x~~ ![img](x.png)';
    const f = facts({
      account: account({ name: '[Acme](https://evil.example)', tier: '# vip', owner: '<b>Dana</b>', csm: '*Lee*' }),
      tickets: [
        ticket('T-1', {
          createdAt: ago(DAY),
          requesterId: '[u](x)',
          subject: hostile,
          tags: ['[tag](x)'],
          messages: [said('m1', ago(DAY), { text: hostile, guardrails: [{ category: 'manager_request', evidence: hostile }] })],
          csat: { score: 'bad', negative: true, comment: hostile, at: ago(DAY) },
        }),
      ],
      signals: [signal('s1', ago(DAY), { screen: '/x](https://evil.example)', userId: '*u*' })],
      helpOpens: [helpOpen('h1', ago(DAY), { articleId: '[a](https://evil.example)' })],
      tips: [{ tipId: '`tip`', outcome: 'shown', userId: null, at: ago(DAY) }],
    });
    const md = summarize(f, { rule: { name: 'x', actions: [{ type: 'flag_csm', note: '[note](https://evil.example)\n## injected' }], ticketIds: ['T-1'] } }).markdown;
    const lines = md.split('\n');
    // Every line starts with the template's own structure.
    for (const line of lines) expect(line).toMatch(/^(|\*\*.*\*\*|- .*|### (What happened|What was checked|What the customer wants|Account: .*|Policy|Next action)|> .*|— .*|[A-Z].*)$/);
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(6);
    // No unescaped link, image, html, code, table or emphasis from the user survives.
    expect(md).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).not.toMatch(/(?<!\\)`/);
    expect(md).not.toMatch(/(?<!\\)\|/);
    expect(md).not.toMatch(/(?<!\\)~/);
    expect(md).not.toContain('Fake heading\n');
    expect(md).toContain('\\[Click here\\]\\(https://evil.example/login\\) \\*\\*URGENT\\*\\* \\# Fake heading \\- fake item \\<script\\>');
    expect(md).toContain('### Account: \\[Acme\\]\\(https://evil.example\\)');
  });
});
