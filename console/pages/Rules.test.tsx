// Rules: the list with restatements and switches, and plain language → compiled preview → confirmed save, or the
// refusal with its reason and nothing saved.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Rule } from '../../edge/rules/schema';
import { click, renderInto, settleUntil, type } from '../../widget/test/dom';
import { fakeEdge } from '../test/fakeEdge';
import { NOW } from '../test/rows';
import { RulesPage, type StoredRuleView } from './Rules';

const RULE: Rule = {
  id: 'two-unresolved',
  name: 'Two unresolved tickets in 5 days',
  enabled: true,
  match: 'all',
  conditions: [{ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, within: { value: 5, unit: 'days' }, per: 'account' }],
  actions: [{ type: 'flag_csm' }],
  cooldown: { value: 1, unit: 'days' },
};
const stored: StoredRuleView = { ...RULE, restatement: 'When an account has at least 2 unresolved tickets within 5 days, flag it for CSM review.', createdAt: NOW, updatedAt: NOW };

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('RulesPage', () => {
  it('lists rules with their restatement and switches one off by saving it whole', async () => {
    const edge = fakeEdge({ 'GET /v1/rules': { body: { rules: [stored] } }, 'PUT /v1/rules/two-unresolved': ({ body }) => ({ body }) });
    const el = await renderInto(<RulesPage params={{}} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.rule'));
    expect(el.querySelector('.rule .restatement')!.textContent).toBe(stored.restatement);
    expect(el.querySelector('.rule-parts')!.textContent).toContain('At least 2 unresolved tickets within 5 days');
    const sw = el.querySelector('[role=switch]')!;
    expect(sw.getAttribute('aria-checked')).toBe('true');
    await click(sw);
    await settleUntil(() => edge.called('PUT', '/v1/rules/two-unresolved').length === 1);
    expect(edge.called('PUT', '/v1/rules/two-unresolved')[0]!.body).toEqual({ ...RULE, enabled: false });
  });

  it('compiles a sentence, shows what it understood, and saves only on confirmation', async () => {
    const edge = fakeEdge({
      'GET /v1/rules': { body: { rules: [] } },
      'POST /v1/rules/compile': { body: { ok: true, rule: RULE, restatement: stored.restatement, warnings: ['No destination named; the flag shows in the console only.'], source: 'grammar' } },
      'PUT /v1/rules/': ({ body }) => ({ status: 201, body }),
    });
    const el = await renderInto(<RulesPage params={{}} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.empty'));
    await type(el.querySelector('#rule-text'), 'if this account has two unresolved tickets in 5 days, flag for CSM review');
    await click(el.querySelector('.composer button[type=submit]'));
    await settleUntil(() => el.querySelector('.preview-rule'));
    expect(edge.called('POST', '/v1/rules/compile')[0]!.body).toEqual({ text: 'if this account has two unresolved tickets in 5 days, flag for CSM review' });
    expect(el.querySelector('.preview-rule .restatement')!.textContent).toBe(stored.restatement);
    expect(el.querySelector('.preview-rule .note.warn')!.textContent).toContain('No destination named');
    expect(edge.called('PUT', '/v1/rules/')).toHaveLength(0);

    await type(el.querySelector('#rule-name'), 'CSM review: two open tickets');
    await click([...el.querySelectorAll('.preview-rule button')].find((b) => b.textContent === 'Save rule'));
    await settleUntil(() => el.querySelector('.composer .note.ok'));
    expect(edge.called('PUT', '/v1/rules/two-unresolved')[0]!.body).toEqual({ ...RULE, name: 'CSM review: two open tickets', description: 'if this account has two unresolved tickets in 5 days, flag for CSM review' });
    expect(el.querySelector('#rule-text')!.textContent).toBe('');
  });

  it('shows why a sentence cannot become a rule, and saves nothing', async () => {
    const edge = fakeEdge({
      'GET /v1/rules': { body: { rules: [] } },
      'POST /v1/rules/compile': { status: 422, body: { error: { code: 'rule_ambiguous', message: '“a lot of tickets” needs a number: how many tickets, in how many days?' } } },
    });
    const el = await renderInto(<RulesPage params={{}} query={new URLSearchParams()} />);
    await type(el.querySelector('#rule-text'), 'when they file a lot of tickets, do something');
    await click(el.querySelector('.composer button[type=submit]'));
    await settleUntil(() => el.querySelector('.composer-result [role=alert]'));
    const alert = el.querySelector('.composer-result [role=alert]')!;
    expect(alert.textContent).toContain('Forestall needs a more precise sentence.');
    expect(alert.textContent).toContain('needs a number: how many tickets, in how many days?');
    expect(el.querySelector('.preview-rule')).toBeNull();
    expect(edge.calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });
});
