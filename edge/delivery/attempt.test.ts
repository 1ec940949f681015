import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../actions/types';
import { attemptDelivery } from './attempt';
import { FIRED_AT, attemptDeps, destination, outboxRow, receiver, receiversClosedAfterEach } from './fixtures';

const open = receiversClosedAfterEach();

async function slackReceiver(respond: Parameters<typeof open>[0]) {
  const r = await open(respond);
  const dest = destination({ kind: 'slack', url: r.url('/services/T1/B1/secret') });
  const payload = { kind: 'slack', body: '{"text":"hello","blocks":[]}' };
  return { r, dest, row: outboxRow(dest, payload) };
}

describe('attemptDelivery over HTTP', () => {
  it('posts the stored bytes as they are', async () => {
    const { r, dest, row } = await slackReceiver(() => ({ status: 200, body: 'ok' }));
    expect(await attemptDelivery(row, dest, attemptDeps())).toEqual({ kind: 'delivered', status: 200 });
    expect(r.requests).toEqual([expect.objectContaining({ method: 'POST', url: '/services/T1/B1/secret', body: '{"text":"hello","blocks":[]}' })]);
    expect(r.requests[0]!.headers['user-agent']).toBe('Forestall-Delivery/1.0');
  });

  it('reads Slack’s error code: channel_not_found is dead, an archived channel (410) is gone', async () => {
    const { dest, row } = await slackReceiver((_req, i) => (i === 0 ? { status: 404, body: 'channel_not_found' } : { status: 410, body: 'channel_is_archived' }));
    expect(await attemptDelivery(row, dest, attemptDeps())).toEqual({ kind: 'dead', status: 404, error: 'HTTP 404 (channel_not_found)' });
    expect(await attemptDelivery(row, dest, attemptDeps())).toEqual({ kind: 'gone', status: 410, error: 'HTTP 410 (channel_is_archived)' });
  });

  it('keeps a receiver’s own words out of the error unless they are a bare code', async () => {
    const { dest, row } = await slackReceiver(() => ({ status: 400, body: 'Invalid payload for user jane@acme.com' }));
    expect(await attemptDelivery(row, dest, attemptDeps())).toEqual({ kind: 'dead', status: 400, error: 'HTTP 400' });
  });

  it('does not follow a redirect: it may point into our own network', async () => {
    const inside = await open(() => ({ status: 200 }));
    const { dest, row } = await slackReceiver(() => ({ status: 302, headers: { location: inside.url('/admin') } }));
    expect(await attemptDelivery(row, dest, attemptDeps())).toEqual({ kind: 'retry', status: 302, error: 'HTTP 302', retryAfterMs: null });
    expect(inside.requests).toEqual([]);
  });

  it('gives up on a receiver that hangs, on time', async () => {
    const { r, dest, row } = await slackReceiver(() => undefined);
    const started = Date.now();
    expect(await attemptDelivery(row, dest, attemptDeps({ timeoutMs: 200 }))).toEqual({ kind: 'retry', status: null, error: 'timed out after 200 ms' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(r.requests).toHaveLength(1);
  });

  it('counts a 200 as delivered even when the body that follows never ends', async () => {
    const { dest, row } = await slackReceiver((_req, _i, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('o');
    });
    expect(await attemptDelivery(row, dest, attemptDeps({ timeoutMs: 300 }))).toEqual({ kind: 'delivered', status: 200 });
  });

  it('reads no more than 64 KB of an error answer', async () => {
    const { dest, row } = await slackReceiver(() => ({ status: 500, body: 'x'.repeat(5_000_000) }));
    expect(await attemptDelivery(row, dest, attemptDeps())).toEqual({ kind: 'retry', status: 500, error: 'HTTP 500', retryAfterMs: null });
  });

  it('retries a connection refused, naming only the error code', async () => {
    const closed = await receiver(() => ({ status: 200 }));
    await closed.close();
    const dest = destination({ kind: 'slack', url: closed.url('/services/T1/B1/secret') });
    const outcome = await attemptDelivery(outboxRow(dest, { kind: 'slack', body: '{}' }), dest, attemptDeps());
    expect(outcome).toEqual({ kind: 'retry', status: null, error: 'network error (ECONNREFUSED)' });
  });

  it('checks the address again at delivery: a host now resolving inside is refused without a request', async () => {
    const { r, dest, row } = await slackReceiver(() => ({ status: 200 }));
    const named = { ...dest, config: { kind: 'slack' as const, url: `https://hooks.example.com:${r.port}/x` } };
    expect(await attemptDelivery(row, named, attemptDeps({ allow: 'loopback', lookup: async () => [{ address: '169.254.169.254', family: 4 }] }))).toEqual({
      kind: 'dead',
      status: null,
      error: 'hooks.example.com resolves to 169.254.169.254, which is a link-local address (where cloud metadata services answer); deliveries never go there.',
    });
    expect(await attemptDelivery(row, dest, attemptDeps({ allow: 'none' }))).toMatchObject({ kind: 'dead', status: null });
    expect(r.requests).toEqual([]);
  });

  it('retries when the host does not resolve (DNS can recover)', async () => {
    const dest = destination({ kind: 'slack', url: 'https://hooks.example.com/x' });
    const failing = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    expect(await attemptDelivery(outboxRow(dest, { kind: 'slack', body: '{}' }), dest, attemptDeps({ lookup: failing }))).toEqual({
      kind: 'retry',
      status: null,
      error: 'hooks.example.com could not be resolved (EAI_AGAIN).',
    });
  });
});

describe('attemptDelivery, before sending', () => {
  it('puts an unreadable payload, or one built for another kind of destination, to dead', async () => {
    const dest = destination({ kind: 'slack', url: 'https://hooks.example.com/x' });
    expect(await attemptDelivery(outboxRow(dest, { kind: 'slack' }), dest, attemptDeps())).toEqual({
      kind: 'dead',
      status: null,
      error: 'The stored payload is unreadable; the trigger must be fired again.',
    });
    expect(await attemptDelivery(outboxRow(dest, { kind: 'webhook', body: '{}' }), dest, attemptDeps())).toEqual({
      kind: 'dead',
      status: null,
      error: 'The destination is now slack, but this delivery was built for webhook.',
    });
    expect(await attemptDelivery(outboxRow(dest, { kind: 'slack', body: '{}' }, { idempotencyKey: 'a.b' }), dest, attemptDeps())).toMatchObject({ kind: 'dead' });
  });

  it('keeps email rows waiting where there is no SMTP', async () => {
    const dest = destination({ kind: 'email', to: ['a@acme.com'], from: 'b@acme.com', smtp: { host: 'smtp.acme.com', port: 587, secure: false } });
    const payload = { kind: 'email', to: ['a@acme.com'], subject: 's', text: 't', html: 'h', date: FIRED_AT };
    expect(await attemptDelivery(outboxRow(dest, payload), dest, attemptDeps())).toEqual({ kind: 'retry', status: null, error: 'email is not available on this runtime' });
  });
});

describe('attemptDelivery to the local inbox', () => {
  it('appends an item keyed by the idempotency key, so a repeat is shown once', async () => {
    const items: InboxItem[] = [];
    const dest = destination({ kind: 'local_inbox' });
    const row = outboxRow(dest, { kind: 'local_inbox', title: 'Acme: escalation risk 82/100', markdown: '**Acme**', at: FIRED_AT });
    expect(await attemptDelivery(row, dest, attemptDeps({ appendInbox: async (i) => void items.push(i) }))).toEqual({ kind: 'delivered', status: null });
    expect(items).toEqual([
      { id: 'dlv_0123456789abcdef01234567', workspaceId: 'ws_1', destinationId: 'dst_local_inbox', triggerId: 'trg_1', title: 'Acme: escalation risk 82/100', markdown: '**Acme**', at: FIRED_AT },
    ]);
    const failing = attemptDeps({
      appendInbox: async () => {
        throw new Error('SQLITE_BUSY');
      },
    });
    expect(await attemptDelivery(row, dest, failing)).toEqual({ kind: 'retry', status: null, error: 'the inbox could not be written' });
  });
});
