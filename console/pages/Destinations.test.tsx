// Destinations: secrets stay masked and are left out when a destination is switched; which rules use each one.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DestinationView } from '../../edge/delivery/destinations';
import { click, renderInto, settleUntil } from '../../widget/test/dom';
import { fakeEdge } from '../test/fakeEdge';
import { NOW } from '../test/rows';
import { DestinationsPage, idFromName, target, unmasked } from './Destinations';

const slack: DestinationView = { id: 'cs-urgent', name: '#cs-urgent', kind: 'slack', enabled: false, disabledReason: 'Slack answered 410 Gone: the webhook was removed', config: { url: 'https://hooks.slack.com/••••XXXX' }, createdAt: NOW, updatedAt: NOW };
const email: DestinationView = { id: 'csm-email', name: 'csm-email', kind: 'email', enabled: true, disabledReason: null, config: { to: ['cs@example.com'], from: 'forestall@example.com', smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'bot', pass: '••••abcd' } }, createdAt: NOW, updatedAt: NOW };

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('DestinationsPage', () => {
  it('leaves masked secrets out of what it sends back', () => {
    expect(unmasked(email.config)).toEqual({ to: ['cs@example.com'], from: 'forestall@example.com', smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'bot' } });
    expect(unmasked(slack.config)).toEqual({});
    expect(target(email)).toBe('To cs@example.com');
    expect(idFromName('#CS Escalations!')).toBe('cs-escalations');
  });

  it('shows why a destination was turned off, which rules use it, and switches it on keeping its secret', async () => {
    const edge = fakeEdge({
      'GET /v1/destinations': { body: { destinations: [slack, email] } },
      'GET /v1/rules': { body: { rules: [{ id: 'legal', name: 'Legal threats', enabled: true, match: 'all', conditions: [{ kind: 'guardrail' }], actions: [{ type: 'outreach', destination: '#cs-urgent' }], cooldown: { value: 1, unit: 'days' }, createdAt: NOW, updatedAt: NOW }] } },
      'PUT /v1/destinations/cs-urgent': ({ body }) => ({ body: { ...slack, ...(body as object) } }),
    });
    const el = await renderInto(<DestinationsPage params={{}} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.rule'));
    const [first, second] = [...el.querySelectorAll('.rule')];
    expect(first!.querySelector('.note.warn')!.textContent).toBe('Turned off: Slack answered 410 Gone: the webhook was removed');
    expect(first!.textContent).toContain('Used by Legal threats');
    // A destination a rule uses cannot be deleted from here; an unused one can.
    expect(first!.textContent).not.toContain('Delete…');
    expect(second!.textContent).toContain('Delete…');
    await click(first!.querySelector('[role=switch]'));
    await settleUntil(() => edge.called('PUT', '/v1/destinations/cs-urgent').length === 1);
    expect(edge.called('PUT', '/v1/destinations/cs-urgent')[0]!.body).toEqual({ name: '#cs-urgent', kind: 'slack', enabled: true, config: {} });
  });
});
