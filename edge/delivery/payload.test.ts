import { describe, expect, it } from 'vitest';
import type { DestinationConfig } from '../actions/types';
import type { RuleAction } from '../rules/schema';
import { FIRED_AT, destination, summary, trigger } from './fixtures';
import { DESTINATION_ACTIONS, IDEMPOTENCY_KEY_PATTERN, buildOutboxPayload, newIdempotencyKey, outboxPayloadSchema } from './payload';

const CONFIGS: DestinationConfig[] = [
  { kind: 'slack', url: 'https://hooks.slack.com/services/T1/B1/AbCdEfGhIjKlMnOpQrStUvWx' },
  { kind: 'webhook', url: 'https://example.com/h', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  { kind: 'email', to: ['cs@acme.com'], from: 'alerts@acme.com', smtp: { host: 'smtp.acme.com', port: 587, secure: false, user: 'u', pass: 'smtp-password-123' } },
  { kind: 'zendesk', baseUrl: 'https://acme.zendesk.com', email: 'a@acme.com', apiToken: 'zendesk-token-abcdef' },
  { kind: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'sf-access-token-abcdef' },
  { kind: 'local_inbox' },
];
const ACTIONS: RuleAction[] = [
  { type: 'outreach', destination: 'd', message: 'Look today' },
  { type: 'notify_owner' },
  { type: 'route_ticket', queue: 'senior', priority: 'high' },
  { type: 'flag_csm', note: 'Renewal at risk' },
  { type: 'require_human', reason: 'Legal threat' },
  { type: 'show_tip', tipId: 'export-help' },
];

describe('buildOutboxPayload', () => {
  const t = trigger({ ticketIds: ['35436', '5005g00000AbCdEAAV'] });

  it('builds every action a destination takes, refuses the others, and never puts a secret in a payload', () => {
    for (const config of CONFIGS) {
      for (const action of ACTIONS) {
        const result = buildOutboxPayload(action, destination(config), t);
        expect(result.ok, `${action.type} → ${config.kind}`).toBe(DESTINATION_ACTIONS[config.kind].includes(action.type));
        if (!result.ok) continue;
        expect(outboxPayloadSchema.parse(result.payload)).toEqual(result.payload);
        expect(result.payload.kind).toBe(config.kind);
        const stored = JSON.stringify(result.payload);
        for (const secret of ['AbCdEfGhIjKlMnOpQrStUvWx', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'smtp-password-123', 'zendesk-token-abcdef', 'sf-access-token-abcdef']) {
          expect(stored).not.toContain(secret);
        }
      }
    }
  });

  it('says why an action does not go to a destination', () => {
    expect(buildOutboxPayload({ type: 'show_tip', tipId: 'x' }, destination(CONFIGS[0]!), t)).toEqual({
      ok: false,
      error: 'A slack destination does not take show_tip actions (it takes outreach, flag_csm, require_human).',
    });
  });

  it('builds the same bytes from the same trigger, so a rebuilt row matches the first', () => {
    for (const config of CONFIGS) {
      const action = ACTIONS.find((a) => DESTINATION_ACTIONS[config.kind].includes(a.type))!;
      expect(buildOutboxPayload(action, destination(config), t)).toEqual(buildOutboxPayload(action, destination(config), t));
    }
  });

  it('needs an owner or CSM address for notify_owner', () => {
    const email = destination(CONFIGS[2]!);
    const nobody = trigger({ summary: summary({ account: { ...summary().account, owner: 'Dana Smith', csm: null } }) });
    expect(buildOutboxPayload({ type: 'notify_owner' }, email, nobody)).toEqual({
      ok: false,
      error: 'The account has no owner or CSM email address to notify: set one in the CRM (owner or csm).',
    });
    const csmOnly = trigger({ summary: summary({ account: { ...summary().account, owner: 'Dana Smith', csm: 'lee@acme.com' } }) });
    expect(buildOutboxPayload({ type: 'notify_owner' }, email, csmOnly)).toMatchObject({ ok: true, payload: { to: ['lee@acme.com'] } });
    expect(buildOutboxPayload({ type: 'notify_owner' }, email, nobody, { ownerEmail: 'dana@acme.com' })).toMatchObject({ ok: true, payload: { to: ['dana@acme.com'] } });
  });

  it('writes the local inbox item from the summary’s markdown, the rule’s message first', () => {
    expect(buildOutboxPayload(ACTIONS[0]!, destination(CONFIGS[5]!), t)).toEqual({
      ok: true,
      payload: { kind: 'local_inbox', title: 'Acme: escalation risk 82/100', markdown: `> Look today\n\n${t.summary.markdown}`, at: FIRED_AT },
    });
  });

  it('titles each action for the people who get it', () => {
    const titles = ACTIONS.slice(0, 5).map((a) => {
      const r = buildOutboxPayload(a, destination(CONFIGS[5]!), t);
      return r.ok && r.payload.kind === 'local_inbox' ? r.payload.title : null;
    });
    expect(titles).toEqual([
      'Acme: escalation risk 82/100',
      'Acme needs you: escalation risk 82/100',
      'Acme: ticket routed to senior (high)',
      'Acme: flagged for CSM review (risk 82/100)',
      'Acme: a human must handle this (risk 82/100)',
    ]);
  });
});

describe('newIdempotencyKey', () => {
  it('makes keys a webhook-id and a Message-ID can carry, each one new', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(a).toMatch(/^dlv_[0-9a-f]{24}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
