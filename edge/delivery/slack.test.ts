import { describe, expect, it } from 'vitest';
import { summary, trigger } from './fixtures';
import { handoffLayout, type HandoffLayout } from './handoffText';
import { FACT_MAX, LINE_MAX, SLACK_LIMITS, escapeMrkdwn, fitLines, fitMrkdwn, slackMessage } from './slack';

type Block = Record<string, any>;

const layout = (overrides: Partial<HandoffLayout> = {}): HandoffLayout => ({
  title: 'Acme: escalation risk 82/100',
  headline: 'Acme has 2 unresolved tickets in 5 days.',
  facts: [{ label: 'Tier', value: 'enterprise' }],
  sections: [{ title: 'Next action', lines: ['Call them.'] }],
  link: 'https://console.forestall.example/accounts/acme',
  footer: 'Rule "Two unresolved" fired 2026-06-01 12:00 UTC · summary by template',
  ...overrides,
});

/** Every text a block carries, as Slack counts them. */
function texts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: Block) => f.text), ...(b.elements ?? []).map((e: Block) => e.text)].filter((t): t is string => typeof t === 'string'));
}

/** Text that ends inside an escape, or holds half a surrogate pair, or an & that is not one of Slack's three escapes. */
function broken(text: string): boolean {
  return /&(?!amp;|lt;|gt;)/.test(text) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function checkLimits(message: { text: string; blocks: Block[] }) {
  const { blocks } = message;
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.fields) {
      expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  }
  const all = texts(blocks);
  expect(all.reduce((n, t) => n + t.length, 0)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  for (const t of all) expect(broken(t)).toBe(false);
}

describe('slackMessage', () => {
  it('lays out a trigger as header, headline, account fields, sections and a context with the console link', () => {
    const message = slackMessage(handoffLayout(trigger(), { type: 'outreach', destination: 'cs', message: 'Please look today.' }, 'https://console.forestall.example/accounts/acme'));
    expect(message.text).toBe('Acme: escalation risk 82/100: Acme (enterprise, 120,000 ARR, renews in 41 days): 2 unresolved tickets in 5 days.');
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'divider', 'section', 'section', 'section', 'section', 'section', 'section', 'section', 'context']);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Acme: escalation risk 82/100', emoji: true } });
    expect((message.blocks[2] as Block).fields.map((f: Block) => f.text)).toEqual([
      '*Account*\nAcme (acme)',
      '*Risk score*\n82/100',
      '*Tier*\nenterprise',
      '*ARR*\n120,000',
      '*Renewal*\n2026-07-12 (in 41 days)',
      '*Owner*\ndana@forestall.example',
      '*CSM*\nlee@forestall.example',
      '*Latest CSAT*\nbad (negative) on ticket 35401',
      '*Recent tickets*\n2 (2 open)',
      '*Rule*\nTwo unresolved tickets in 5 days',
    ]);
    expect(texts(message.blocks.slice(4, 11))).toEqual([
      '*Message*\n• Please look today.',
      "*Next action*\n• Call Acme's admin today and escalate the export bug to engineering.",
      '*Why now*\n• Acme has 2 unresolved tickets opened within 5 days (35436, 35440).',
      '*What happened*\n• 2026-05-28 ticket 35436 opened: CSV export of the Q3 report is empty\n• 2026-05-30 ticket 35440 opened: export still broken\n• 2026-05-31 3 rage clicks on /reports/export',
      '*What was checked*\n• Read article "Exporting reports"\n• Tip export-help shown, marked unhelpful',
      '*What the customer wants*\n• A working CSV export before their board meeting on Friday.',
      '*Recent tickets*\n• 35436 · CSV export empty · open · 2026-05-28\n• 35440 · Export still broken · new · 2026-05-30',
    ]);
    expect(message.blocks[11]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '<https://console.forestall.example/accounts/acme|Open in Forestall>' },
        { type: 'mrkdwn', text: 'Rule "Two unresolved tickets in 5 days" fired 2026-06-01 12:00 UTC · summary by template' },
      ],
    });
    checkLimits(message);
  });

  it('escapes &, < and > in everything a customer or CRM wrote, so "<!channel>" cannot ping anyone', () => {
    const t = trigger({ summary: summary({ customerWants: 'Tell <!channel> & <@U123> to fix it > now', headline: 'R&D <script>' }) });
    const message = slackMessage(handoffLayout(t, { type: 'outreach', destination: 'cs' }));
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('Tell &lt;!channel&gt; &amp; &lt;@U123&gt; to fix it &gt; now');
    expect(all).toContain('R&amp;D &lt;script&gt;');
    expect(all).not.toContain('<!channel>');
    expect(message.text).toContain('R&amp;D &lt;script&gt;');
  });

  it('keeps a header of exactly 150 characters, and cuts one of 151 to fit with "…"', () => {
    const at = 'a'.repeat(150);
    expect((slackMessage(layout({ title: at })).blocks[0] as Block).text.text).toBe(at);
    const past = slackMessage(layout({ title: `${'word '.repeat(30)}x` })).blocks[0] as Block;
    expect(`${'word '.repeat(30)}x`.length).toBe(151);
    expect(past.text.text.length).toBeLessThanOrEqual(150);
    expect(past.text.text).toMatch(/word…$/);
  });

  it('leaves the plain-text header unescaped (Slack shows plain_text as is)', () => {
    expect((slackMessage(layout({ title: 'R&D <team>' })).blocks[0] as Block).text.text).toBe('R&D <team>');
  });

  it('keeps a headline of exactly 3000 characters, cuts one of 3001', () => {
    const at = 'x'.repeat(3000);
    expect((slackMessage(layout({ headline: at })).blocks[1] as Block).text.text).toBe(at);
    const cut = (slackMessage(layout({ headline: `${at}y` })).blocks[1] as Block).text.text as string;
    expect(cut.length).toBe(3000);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('counts escapes against the limit and never cuts one in two', () => {
    // 600 & become 3000 characters of &amp;: exactly at the limit.
    const at = (slackMessage(layout({ headline: '&'.repeat(600) })).blocks[1] as Block).text.text as string;
    expect(at).toBe('&amp;'.repeat(600));
    for (const n of [601, 602, 603, 604, 1000]) {
      const cut = (slackMessage(layout({ headline: '&'.repeat(n) })).blocks[1] as Block).text.text as string;
      expect(cut.length).toBeLessThanOrEqual(3000);
      expect(cut).toMatch(/^(&amp;)+…$/);
    }
    const mixed = (slackMessage(layout({ headline: 'a<'.repeat(1000) })).blocks[1] as Block).text.text as string;
    expect(mixed).toMatch(/^(a&lt;)*a?(&lt;)?…$/);
  });

  it('cuts at a word break when one is near, and never inside a surrogate pair', () => {
    const words = fitMrkdwn('The export of the quarterly report has been broken since Tuesday', 30);
    expect(words).toBe('The export of the quarterly…');
    const emoji = fitMrkdwn('😀'.repeat(20), 10);
    expect(emoji).toBe('😀😀😀😀…');
    expect(broken(emoji)).toBe(false);
  });

  it('keeps at most 10 fields, each cut to a fact’s length, far inside Slack’s 2000', () => {
    const facts = Array.from({ length: 14 }, (_, i) => ({ label: `Fact ${i}`, value: 'v'.repeat(i === 0 ? FACT_MAX : 5000) }));
    const fields = (slackMessage(layout({ facts })).blocks[2] as Block).fields as Block[];
    expect(fields).toHaveLength(10);
    expect(fields[0]!.text).toBe(`*Fact 0*\n${'v'.repeat(FACT_MAX)}`);
    expect(fields[1]!.text).toBe(`*Fact 1*\n${'v'.repeat(FACT_MAX - 1)}…`);
  });

  it('fits a huge summary: every limit held, whole lines kept, the rest counted, the link intact', () => {
    const line = (i: number) => `${i} ${'friction on /reports/export & <more> '.repeat(40)}`;
    const huge = trigger({
      reasons: Array.from({ length: 40 }, (_, i) => ({ ...trigger().reasons[0]!, sentence: line(i) })),
      summary: summary({
        headline: 'H&'.repeat(5000),
        whatHappened: Array.from({ length: 500 }, (_, i) => line(i)),
        whatWasChecked: Array.from({ length: 300 }, (_, i) => line(i)),
        customerWants: 'w'.repeat(100_000),
        nextAction: 'n '.repeat(10_000),
        policy: { guardrails: ['legal_threat', 'chargeback'], requiresHuman: true, notes: Array.from({ length: 100 }, (_, i) => line(i)) },
        account: { ...summary().account, name: 'N'.repeat(10_000), tier: '<tier>'.repeat(1000) },
      }),
    });
    const message = slackMessage(handoffLayout(huge, { type: 'outreach', destination: 'cs', message: 'm'.repeat(1000) }, 'https://console.forestall.example/a?b=1&c=2|x'));
    checkLimits(message);
    expect((message.blocks[0] as Block).text.text.length).toBeLessThanOrEqual(150);
    const context = message.blocks.at(-1) as Block;
    expect(context.type).toBe('context');
    expect(context.elements.map((e: Block) => e.text)).toEqual([
      '<https://console.forestall.example/a?b=1&amp;c=2%7Cx|Open in Forestall>',
      'Rule "Two unresolved tickets in 5 days" fired 2026-06-01 12:00 UTC · summary by template',
      'The summary is shortened here; the full one is in Forestall.',
    ]);
    const sections = texts(message.blocks.filter((b) => b.type === 'section' && b.text).slice(1));
    for (const s of sections) {
      // Our own mrkdwn is whole: each section opens with its bold title and lines are bullets or the count.
      expect(s).toMatch(/^\*[A-Za-z ]+\*\n/);
      for (const l of s.split('\n').slice(1)) expect(l).toMatch(/^(• |…and \d+ more$)/);
    }
    expect(sections.some((s) => /\n…and \d+ more$/.test(s))).toBe(true);
  });

  it('stays under 50 blocks whatever the number of sections', () => {
    const sections = Array.from({ length: 80 }, (_, i) => ({ title: `S${i}`, lines: ['x'] }));
    const message = slackMessage(layout({ sections }));
    expect(message.blocks.length).toBe(SLACK_LIMITS.blocks);
    expect(message.blocks.at(-1)!.type).toBe('context');
    checkLimits(message);
  });
});

describe('fitLines', () => {
  it('keeps every line when they fit exactly, and counts those that do not', () => {
    const lines = ['aaaa', 'bbbb', 'cccc'];
    const whole = '*T*\n• aaaa\n• bbbb\n• cccc';
    expect(fitLines('T', lines, whole.length)).toEqual({ text: whole, complete: true });
    expect(fitLines('T', lines, whole.length - 1)).toEqual({ text: '*T*\n• aaaa\n…and 2 more', complete: false });
    expect(fitLines('T', [...lines, 'dddd'], '*T*\n• aaaa\n• bbbb\n…and 2 more'.length)).toEqual({ text: '*T*\n• aaaa\n• bbbb\n…and 2 more', complete: false });
  });

  it('shortens the line that does not fit when enough room is left for it to say something', () => {
    const lines = ['short', 'word '.repeat(100)];
    const { text, complete } = fitLines('T', lines, 100);
    expect(complete).toBe(false);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^\*T\*\n• short\n• (word )+word…$|^\*T\*\n• short\n• (word ?)+…$/);
  });

  it('cuts one enormous line to the line length', () => {
    const { text } = fitLines('T', ['z'.repeat(5000)], 3000);
    expect(text).toBe(`*T*\n• ${'z'.repeat(LINE_MAX - 1)}…`);
  });

  it('escapes titles too', () => {
    expect(fitLines('Q&A', ['<x>'], 100).text).toBe(`*Q&amp;A*\n• ${escapeMrkdwn('<x>')}`);
  });
});
