// The account page: every reason with its evidence linked to where it appears, the timeline and its filters.
import { beforeEach, describe, expect, it } from 'vitest';
import { click, renderInto, settleUntil } from '../../widget/test/dom';
import { fakeEdge } from '../test/fakeEdge';
import { atRiskRow, NOW, triggerRecord } from '../test/rows';
import { AccountPage, type AccountView } from './Account';

const view = (over: Partial<AccountView> = {}): AccountView => ({
  accountId: 'acme',
  account: { id: 'acme', name: 'Acme Logistics', domain: 'acme.example', tier: 'enterprise', arr: 240_000, renewalDate: NOW + 41 * 86_400_000, owner: 'Priya Raman', csm: 'Tom Okafor', health: 'amber', healthScore: 58, plan: 'scale', traits: null, insertedAt: NOW, updatedAt: NOW },
  users: [{ id: 'u_lee', accountId: 'acme', email: 'lee@acme.example', name: 'Lee Chen', role: 'finance', createdAt: NOW, lastSeenAt: NOW, traits: null, insertedAt: NOW, updatedAt: NOW }],
  cases: [],
  tickets: [{ id: 'T-1041', status: 'open', priority: 'high', requesterId: 'u_lee', requesterEmail: null, accountId: 'acme', subject: 'ERP will not connect', tags: null, topic: null, csat: null, createdAt: NOW, updatedAt: NOW, solvedAt: null, source: 'api', messageCount: 2 }],
  risk: atRiskRow(),
  triggers: [triggerRecord()],
  timeline: [
    { at: NOW, kind: 'signal', title: 'dead_click on /integrations', ref: 'ev_1', userId: 'u_lee' },
    { at: NOW - 1000, kind: 'ticket', title: 'T-1041 opened: ERP will not connect', ref: 'T-1041', userId: 'u_lee' },
    { at: NOW - 2000, kind: 'tip', title: 'Tip vat shown', ref: 'ev_9', userId: null },
    { at: NOW - 3000, kind: 'trigger', title: 'Rule “Two unresolved” fired (risk 82)', ref: 'trg_1', userId: null },
    { at: NOW - 4000, kind: 'screen', title: 'Viewed /invoices', ref: 'ev_s', userId: 'u_lee' },
  ],
  ...over,
});

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('AccountPage', () => {
  it('shows the CRM fields, each reason’s sentence and its evidence as links into the page', async () => {
    const edge = fakeEdge({ 'GET /v1/accounts/acme': { body: view() } });
    const el = await renderInto(<AccountPage params={{ id: 'acme' }} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.reasons'));
    expect(edge.calls[0]!.path).toBe('/v1/accounts/acme?limit=200');
    expect(el.querySelector('h1')!.textContent).toBe('Acme Logistics');
    expect([...el.querySelectorAll('.facts dt')].map((d) => d.textContent)).toEqual(['Tier', 'Plan', 'ARR', 'Renewal', 'Owner', 'CSM', 'Health']);
    const [stack, friction, renewal] = [...el.querySelectorAll('.reason')];
    expect(stack!.querySelector('.sentence')!.textContent).toBe('Acme has 2 unresolved tickets opened within 5 days: T-1041 and T-1044.');
    expect(stack!.querySelector('.points')!.textContent).toBe('+30');
    expect([...stack!.querySelectorAll('a.ref')].map((a) => a.getAttribute('href'))).toEqual(['#ticket-T-1041', '#ticket-T-1044']);
    expect(stack!.querySelector('.evidence')!.textContent).toContain('When');
    // Signals link to their timeline entries; users by name to the users list.
    expect([...friction!.querySelectorAll('a.ref')].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['#event-ev_1', '#1'],
      ['#event-ev_2', '#2'],
      ['#user-u_lee', 'Lee Chen'],
    ]);
    expect(renewal!.querySelector('.points')!.textContent).toBe('+8');
    // The anchors exist: the ticket row and the signal's timeline entry.
    expect(el.querySelector('#ticket-T-1041')!.textContent).toContain('ERP will not connect');
    expect(el.querySelector('#event-ev_1')!.textContent).toContain('dead_click on /integrations');
    expect(el.querySelector('#user-u_lee')).not.toBeNull();
    expect(el.querySelector('.timeline a[href="/console/triggers/trg_1"]')).not.toBeNull();
  });

  it('filters the timeline by kind (page views only when asked), and to one reason’s evidence', async () => {
    fakeEdge({ 'GET /v1/accounts/acme': { body: view() } });
    const el = await renderInto(<AccountPage params={{ id: 'acme' }} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.timeline'));
    const items = () => [...el.querySelectorAll('.timeline .tl-title')].map((t) => t.textContent);
    expect(items()).toHaveLength(4);
    await click([...el.querySelectorAll('.segmented button')].find((b) => b.textContent === 'Everything'));
    expect(items().at(-1)).toBe('Viewed /invoices · Lee Chen');
    await click([...el.querySelectorAll('.segmented button')].find((b) => b.textContent === 'Tickets'));
    expect(items()).toEqual(['T-1041 opened: ERP will not connect · Lee Chen']);
    await click([...el.querySelectorAll('.segmented button')].find((b) => b.textContent === 'What matters'));
    const highlight = el.querySelector('.reason button')!;
    expect(highlight.textContent).toBe('Highlight in timeline (2)');
    await click(highlight);
    expect(highlight.getAttribute('aria-pressed')).toBe('true');
    expect(items()).toEqual(['T-1041 opened: ERP will not connect · Lee Chen']);
    await click(el.querySelector('.note .link'));
    expect(items()).toHaveLength(4);
  });

  it('says when an account is not scored or not known, and when a human must handle it', async () => {
    fakeEdge({ 'GET /v1/accounts/ghost': { body: view({ accountId: 'ghost', account: null, users: [], tickets: [], risk: null, triggers: [], timeline: [] }) } });
    const el = await renderInto(<AccountPage params={{ id: 'ghost' }} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.empty'));
    expect(el.textContent).toContain('Forestall knows nothing about this account yet.');
    expect(el.textContent).toContain('Not scored yet.');
    document.body.innerHTML = '';
    fakeEdge({ 'GET /v1/accounts/acme': { body: view({ risk: atRiskRow({ requiresHuman: true }) }) } });
    const human = await renderInto(<AccountPage params={{ id: 'acme' }} query={new URLSearchParams()} />);
    await settleUntil(() => human.querySelector('.note.warn'));
    expect(human.querySelector('.note.warn')!.textContent).toContain('A human must handle this account’s open issue.');
  });
});

describe('handoff cases on the account page', () => {
  it('opens a case’s handoff summary on demand, rendered as text and never as HTML', async () => {
    const caseItem = { id: 'case_1', reference: 'FS-1042', status: 'open' as const, userId: 'u_lee', accountId: 'acme', screen: '/invoices', createdAt: NOW, tryingTo: 'Add our VAT ID' };
    const edge = fakeEdge({
      'GET /v1/accounts/acme': { body: view({ cases: [caseItem] }) },
      'GET /v1/cases/case_1': { body: { ...caseItem, summary: '**Trying to:** Add our VAT ID <img src=x onerror=alert(1)>\n\n### What happened\n- friction **form_struggle** on /settings' } },
    });
    const el = await renderInto(<AccountPage params={{ id: 'acme' }} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('#case-FS-1042'));
    expect(edge.calls.some((c) => c.path.startsWith('/v1/cases/'))).toBe(false);
    const details = el.querySelector('#case-FS-1042 details') as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await settleUntil(() => details.querySelector('strong'));
    expect(details.textContent).toContain('Trying to:');
    expect(details.textContent).toContain('form_struggle');
    expect(details.querySelector('img')).toBeNull();
  });
});
