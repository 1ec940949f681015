import { describe, expect, it } from 'vitest';
import type { DestinationRecord } from '../actions/types';
import { WHSEC_PATTERN } from '../context/schemas';
import { validationError } from '../http/errors';
import type { Lookup } from './addressGuard';
import { MASK, checkDestinationAddresses, destinationBodySchema, redactDestination, resolveDestination } from './destinations';
import { destination } from './fixtures';

const SLACK_URL = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/AbCdEfGhIjKlMnOpQrStUvWx';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ZENDESK_TOKEN = 'zdtok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SF_TOKEN = '00D5g000004XyZ1!AQ0AQFvB3H.9lJq2w_abcdefghijklmnop';

/** The 400 the route would answer: the issues a caller sees. */
function refused(body: unknown) {
  const parsed = destinationBodySchema.safeParse(body);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : validationError(parsed.error).issues!;
}

function resolve(body: unknown, existing: DestinationRecord | null = null) {
  return resolveDestination(destinationBodySchema.parse(body), existing);
}

describe('destinationBodySchema', () => {
  it('takes a Slack destination and defaults enabled to true', () => {
    expect(destinationBodySchema.parse({ name: '#cs-escalations', kind: 'slack', config: { url: SLACK_URL } })).toEqual({
      name: '#cs-escalations',
      kind: 'slack',
      enabled: true,
      config: { url: SLACK_URL },
    });
  });

  it('says which kinds exist when the kind is missing or unknown', () => {
    const message = 'kind must be one of slack, webhook, email, zendesk, salesforce, local_inbox';
    expect(refused({ name: 'x', config: {} })).toEqual([{ path: 'kind', message }]);
    expect(refused({ name: 'x', kind: 'teams', config: {} })).toEqual([{ path: 'kind', message }]);
  });

  it('refuses URLs that are not http(s), and URLs with credentials', () => {
    expect(refused({ name: 'x', kind: 'webhook', config: { url: 'ftp://example.com/hook' } })).toEqual([
      { path: 'config.url', message: 'must be the https URL of your webhook receiver' },
    ]);
    expect(refused({ name: 'x', kind: 'webhook', config: { url: 'https://u:p@example.com/hook' } })).toEqual([
      { path: 'config.url', message: 'must not carry a user name or password' },
    ]);
  });

  it('refuses the masked value a read returns, rather than saving the mask as the secret', () => {
    const message = 'this is the masked value a read returns: send the real value, or leave the field out to keep the current one';
    expect(refused({ name: 'x', kind: 'webhook', config: { url: 'https://example.com/h', secret: `${MASK}abcd` } })).toContainEqual({ path: 'config.secret', message });
    expect(refused({ name: 'x', kind: 'zendesk', config: { baseUrl: 'https://acme.zendesk.com', email: 'a@acme.com', apiToken: MASK } })).toEqual([
      { path: 'config.apiToken', message },
    ]);
    expect(refused({ name: 'x', kind: 'slack', config: { url: `https://hooks.slack.com/${MASK}UvWx` } })).toContainEqual({ path: 'config.url', message });
  });

  it('refuses a webhook secret that is not whsec_', () => {
    expect(refused({ name: 'x', kind: 'webhook', config: { url: 'https://example.com/h', secret: 'hunter2' } })).toEqual([
      { path: 'config.secret', message: 'must be whsec_ followed by base64 of 24 to 64 bytes' },
    ]);
  });

  it('checks email addresses, the sender form and the SMTP host', () => {
    expect(
      refused({
        name: 'csm-email',
        kind: 'email',
        config: { to: ['not-an-address', 'ok@acme.com'], from: 'Forestall <alerts@forestall>', smtp: { host: 'smtp.acme.com:25' } },
      }),
    ).toEqual([
      { path: 'config.to.0', message: 'must be an email address such as cs@acme.com' },
      { path: 'config.from', message: 'must be an address (alerts@acme.com) or a name and address (Forestall <alerts@acme.com>)' },
      { path: 'config.smtp.host', message: 'must be a host name or IP address, without a port' },
    ]);
    expect(refused({ name: 'x', kind: 'email', config: { to: [], from: 'a@acme.com', smtp: { host: 'smtp.acme.com' } } })).toEqual([
      { path: 'config.to', message: 'needs at least one address' },
    ]);
  });

  it('defaults SMTP to port 587 with STARTTLS, and 465 to TLS from the start', () => {
    const base = { name: 'e', kind: 'email', config: { to: ['cs@acme.com'], from: 'Forestall <alerts@acme.com>', smtp: { host: 'smtp.acme.com' } } };
    expect(destinationBodySchema.parse(base)).toMatchObject({ config: { smtp: { host: 'smtp.acme.com', port: 587, secure: false } } });
    expect(destinationBodySchema.parse({ ...base, config: { ...base.config, smtp: { host: 'smtp.acme.com', port: 465 } } })).toMatchObject({
      config: { smtp: { port: 465, secure: true } },
    });
  });

  it('checks Salesforce ids and the API version', () => {
    expect(
      refused({ name: 'sf', kind: 'salesforce', config: { instanceUrl: 'https://acme.my.salesforce.com', queueIds: { senior: '00G-bad' }, apiVersion: 'v62' } }),
    ).toEqual([
      { path: 'config.queueIds.senior', message: 'must be a 15 or 18 character Salesforce id' },
      { path: 'config.apiVersion', message: 'must be a REST API version such as 62.0' },
    ]);
  });

  it('refuses unknown fields', () => {
    expect(refused({ name: 'x', kind: 'local_inbox', config: {}, colour: 'red' })).toEqual([{ path: '(root)', message: 'Unrecognized key: "colour"' }]);
  });
});

describe('resolveDestination', () => {
  it('generates a whsec_ for a new webhook and says so once', () => {
    const result = resolve({ name: 'hook', kind: 'webhook', config: { url: 'https://example.com/h' } });
    expect(result.ok).toBe(true);
    if (!result.ok || result.config.kind !== 'webhook') return;
    expect(result.config.secret).toMatch(WHSEC_PATTERN);
    expect(result.generatedSecret).toBe(result.config.secret);
  });

  it('keeps a webhook secret that is left out, and takes a new one that is sent', () => {
    const existing = destination({ kind: 'webhook', url: 'https://example.com/h', secret: WHSEC });
    expect(resolve({ name: 'hook', kind: 'webhook', config: { url: 'https://example.com/h2' } }, existing)).toEqual({
      ok: true,
      name: 'hook',
      enabled: true,
      config: { kind: 'webhook', url: 'https://example.com/h2', secret: WHSEC },
      generatedSecret: null,
    });
    const other = 'whsec_' + 'A'.repeat(43) + '=';
    expect(resolve({ name: 'hook', kind: 'webhook', config: { url: 'https://example.com/h', secret: other } }, existing)).toMatchObject({ ok: true, config: { secret: other } });
  });

  it('needs a Slack URL for a new destination, keeps the old one when left out', () => {
    expect(resolve({ name: 's', kind: 'slack', config: {} })).toEqual({ ok: false, issues: [{ path: 'config.url', message: 'required: the Slack incoming webhook URL' }] });
    expect(resolve({ name: 's', kind: 'slack', enabled: false, config: {} }, destination({ kind: 'slack', url: SLACK_URL }))).toEqual({
      ok: true,
      name: 's',
      enabled: false,
      config: { kind: 'slack', url: SLACK_URL },
      generatedSecret: null,
    });
  });

  it('never carries a token over to a new host', () => {
    const existing = destination({ kind: 'zendesk', baseUrl: 'https://acme.zendesk.com', email: 'agent@acme.com', apiToken: ZENDESK_TOKEN });
    expect(resolve({ name: 'zd', kind: 'zendesk', config: { baseUrl: 'https://acme.zendesk.com/', email: 'agent@acme.com', groupIds: { senior: 42 } } }, existing)).toEqual({
      ok: true,
      name: 'zd',
      enabled: true,
      config: { kind: 'zendesk', baseUrl: 'https://acme.zendesk.com', email: 'agent@acme.com', apiToken: ZENDESK_TOKEN, groupIds: { senior: 42 } },
      generatedSecret: null,
    });
    expect(resolve({ name: 'zd', kind: 'zendesk', config: { baseUrl: 'https://attacker.example', email: 'agent@acme.com' } }, existing)).toEqual({
      ok: false,
      issues: [{ path: 'config.apiToken', message: 'required: a Zendesk API token (the current one is kept only while the host stays the same)' }],
    });
    const sf = destination({ kind: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', accessToken: SF_TOKEN });
    expect(resolve({ name: 'sf', kind: 'salesforce', config: { instanceUrl: 'https://acme.my.salesforce.com' } }, sf)).toMatchObject({ ok: true, config: { accessToken: SF_TOKEN } });
    expect(resolve({ name: 'sf', kind: 'salesforce', config: { instanceUrl: 'https://evil.example' } }, sf)).toMatchObject({ ok: false });
  });

  it('keeps an SMTP password only for the same server and user', () => {
    const existing = destination({ kind: 'email', to: ['cs@acme.com'], from: 'alerts@acme.com', smtp: { host: 'smtp.acme.com', port: 587, secure: false, user: 'alerts', pass: 'p4ssw0rd-long-enough' } });
    const body = (smtp: Record<string, unknown>) => ({ name: 'e', kind: 'email', config: { to: ['cs@acme.com'], from: 'alerts@acme.com', smtp } });
    expect(resolve(body({ host: 'smtp.acme.com', user: 'alerts' }), existing)).toMatchObject({ ok: true, config: { smtp: { user: 'alerts', pass: 'p4ssw0rd-long-enough' } } });
    expect(resolve(body({ host: 'smtp.evil.example', user: 'alerts' }), existing)).toMatchObject({ ok: false, issues: [{ path: 'config.smtp.pass' }] });
    expect(resolve(body({ host: 'smtp.acme.com', user: 'other' }), existing)).toMatchObject({ ok: false, issues: [{ path: 'config.smtp.pass' }] });
    expect(resolve(body({ host: 'smtp.acme.com', pass: 'x' }), null)).toEqual({ ok: false, issues: [{ path: 'config.smtp.user', message: 'required with a password' }] });
    expect(resolve(body({ host: 'smtp.acme.com' }), null)).toMatchObject({ ok: true, config: { smtp: { host: 'smtp.acme.com', port: 587, secure: false } } });
  });

  it('does not carry secrets across a change of kind', () => {
    const slack = destination({ kind: 'slack', url: SLACK_URL });
    const result = resolve({ name: 's', kind: 'webhook', config: { url: 'https://example.com/h' } }, slack);
    expect(result.ok && result.generatedSecret).toMatch(WHSEC_PATTERN);
  });
});

describe('checkDestinationAddresses', () => {
  const lookup: Lookup = async (host) => [{ address: host.startsWith('internal') ? '10.1.2.3' : '93.184.216.34', family: 4 }];

  it('refuses private hosts at the field that names them', async () => {
    expect(await checkDestinationAddresses({ kind: 'webhook', url: 'https://internal.acme.com/h', secret: WHSEC }, { lookup, allow: 'none' })).toEqual([
      {
        path: 'config.url',
        message: 'internal.acme.com resolves to 10.1.2.3, which is a private network address; private destinations are refused unless the deployment allows them.',
      },
    ]);
    expect(
      await checkDestinationAddresses({ kind: 'email', to: ['a@acme.com'], from: 'b@acme.com', smtp: { host: 'internal-relay', port: 25, secure: false } }, { lookup, allow: 'none' }),
    ).toMatchObject([{ path: 'config.smtp.host' }]);
    expect(await checkDestinationAddresses({ kind: 'zendesk', baseUrl: 'https://169.254.169.254', email: 'a@b.co', apiToken: 't' }, { lookup, allow: 'private' })).toMatchObject([
      { path: 'config.baseUrl' },
    ]);
  });

  it('accepts public hosts, loopback in local development, and the local inbox (nothing to check)', async () => {
    expect(await checkDestinationAddresses({ kind: 'slack', url: SLACK_URL }, { lookup, allow: 'none' })).toEqual([]);
    expect(await checkDestinationAddresses({ kind: 'slack', url: 'http://127.0.0.1:9000/hook' }, { lookup, allow: 'loopback' })).toEqual([]);
    expect(await checkDestinationAddresses({ kind: 'slack', url: 'http://127.0.0.1:9000/hook' }, { lookup, allow: 'none' })).toHaveLength(1);
    expect(await checkDestinationAddresses({ kind: 'local_inbox' }, { lookup, allow: 'none' })).toEqual([]);
  });
});

describe('redactDestination', () => {
  const records = [
    destination({ kind: 'slack', url: SLACK_URL }),
    destination({ kind: 'webhook', url: 'https://example.com/h?token=s3cr3t-query-token&x=1', secret: WHSEC }),
    destination({ kind: 'email', to: ['cs@acme.com'], from: 'alerts@acme.com', smtp: { host: 'smtp.acme.com', port: 587, secure: false, user: 'alerts', pass: 'p4ssw0rd-long-enough' } }),
    destination({ kind: 'zendesk', baseUrl: 'https://acme.zendesk.com', email: 'agent@acme.com', apiToken: ZENDESK_TOKEN, groupIds: { senior: 42 } }),
    destination({ kind: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', accessToken: SF_TOKEN, queueIds: { senior: '00G5g000004XyZ1' } }),
    destination({ kind: 'local_inbox' }),
  ];

  it('never shows a secret, token, password or the secret part of a URL', () => {
    const shown = JSON.stringify(records.map(redactDestination));
    for (const secret of ['AbCdEfGhIjKlMnOpQrStUvWx', 'T0123ABCD', WHSEC.slice(6), 's3cr3t-query-token', 'p4ssw0rd-long-enough', ZENDESK_TOKEN, SF_TOKEN]) {
      expect(shown).not.toContain(secret);
    }
  });

  it('shows enough to recognise each one', () => {
    expect(records.map((r) => redactDestination(r).config)).toEqual([
      { url: `https://hooks.slack.com/${MASK}UvWx` },
      { url: `https://example.com/h?token=${MASK}&x=${MASK}`, secret: `${MASK}LaSw` },
      { to: ['cs@acme.com'], from: 'alerts@acme.com', smtp: { host: 'smtp.acme.com', port: 587, secure: false, user: 'alerts', pass: `${MASK}ough` } },
      { baseUrl: 'https://acme.zendesk.com', email: 'agent@acme.com', apiToken: `${MASK}b1a0`, groupIds: { senior: 42 } },
      { instanceUrl: 'https://acme.my.salesforce.com', accessToken: `${MASK}mnop`, queueIds: { senior: '00G5g000004XyZ1' } },
      {},
    ]);
    expect(redactDestination(records[0]!)).toEqual({
      id: 'dst_slack',
      name: 'slack',
      kind: 'slack',
      enabled: true,
      disabledReason: null,
      config: { url: `https://hooks.slack.com/${MASK}UvWx` },
      createdAt: records[0]!.createdAt,
      updatedAt: records[0]!.updatedAt,
    });
  });
});
