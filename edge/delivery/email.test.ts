import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { DestinationConfig } from '../actions/types';
import { attemptDelivery } from './attempt';
import type { SmtpConnection, SmtpTransportFactory } from './email';
import { FIRED_AT, attemptDeps, destination, outboxRow, summary, trigger } from './fixtures';
import { nodemailerTransport } from './node';
import { buildOutboxPayload } from './payload';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A local SMTP server without STARTTLS (the loopback case) that keeps every message it accepts. */
async function smtpServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
        });
        callback();
      });
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { received, port: (server.server.address() as AddressInfo).port };
}

/** The decoded text of a quoted-printable MIME part. */
const unQuote = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function emailDestination(port: number, smtp: Partial<Extract<DestinationConfig, { kind: 'email' }>['smtp']> = {}) {
  return destination({ kind: 'email', to: ['cs@acme.com', 'lead@acme.com'], from: 'Forestall <alerts@acme.com>', smtp: { host: 'mail.acme.test', port, secure: false, ...smtp } });
}

describe('email delivery', () => {
  it('sends the handoff summary as text and escaped HTML, with a Message-ID from the idempotency key and the firing time as Date', async () => {
    const { received, port } = await smtpServer();
    const dest = emailDestination(port);
    const t = trigger({ summary: summary({ customerWants: 'Fix <script>alert(1)</script> & the export' }) });
    const built = buildOutboxPayload({ type: 'outreach', destination: 'csm-email', message: 'Please call today.' }, dest, t, { consoleUrl: 'https://console.forestall.example/accounts/acme' });
    expect(built.ok).toBe(true);
    if (!built.ok) return;

    const outcome = await attemptDelivery(outboxRow(dest, built.payload), dest, attemptDeps({ smtp: nodemailerTransport }));

    expect(outcome).toEqual({ kind: 'delivered', status: 250 });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.from).toBe('alerts@acme.com');
    expect(mail.to).toEqual(['cs@acme.com', 'lead@acme.com']);
    expect(mail.raw).toMatch(/^Message-ID: <dlv_0123456789abcdef01234567@acme\.com>$/m);
    expect(mail.raw).toMatch(/^Subject: Acme: escalation risk 82\/100$/m);
    expect(mail.raw).toMatch(/^Date: Mon, 01 Jun 2026 12:00:00 \+0000$/m);
    expect(mail.raw).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(mail.raw).toMatch(/^X-Forestall-Trigger: trg_1$/m);
    expect(mail.raw).toMatch(/^From: Forestall <alerts@acme\.com>$/m);
    const body = unQuote(mail.raw);
    expect(body).toContain('Content-Type: text/plain');
    expect(body).toContain('Content-Type: text/html');
    expect(body).toContain('- Fix <script>alert(1)</script> & the export');
    expect(body).toContain('<li>Fix &lt;script&gt;alert(1)&lt;/script&gt; &amp; the export</li>');
    expect(body).not.toContain('<li>Fix <script>');
    expect(body).toContain('<a href="https://console.forestall.example/accounts/acme">Open in Forestall</a>');
    expect(body).toContain('Open in Forestall: https://console.forestall.example/accounts/acme');
  });

  it('sends notify_owner to the account owner, or to the address the caller resolved', async () => {
    const { received, port } = await smtpServer();
    const dest = emailDestination(port);
    const owner = buildOutboxPayload({ type: 'notify_owner' }, dest, trigger());
    const resolved = buildOutboxPayload({ type: 'notify_owner' }, dest, trigger(), { ownerEmail: 'owner@acme.com' });
    if (!owner.ok || !resolved.ok) throw new Error('built');
    await attemptDelivery(outboxRow(dest, owner.payload), dest, attemptDeps({ smtp: nodemailerTransport }));
    await attemptDelivery(outboxRow(dest, resolved.payload, { idempotencyKey: 'dlv_2' }), dest, attemptDeps({ smtp: nodemailerTransport }));
    expect(received.map((r) => r.to)).toEqual([['dana@forestall.example'], ['owner@acme.com']]);
    expect(received[0]!.raw).toMatch(/^Subject: Acme needs you: escalation risk 82\/100$/m);
  });

  it('logs in with the destination’s user and password', async () => {
    const { received, port } = await smtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'alerts' && auth.password === 'correct horse') callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
    });
    const good = emailDestination(port, { user: 'alerts', pass: 'correct horse' });
    const payload = buildOutboxPayload({ type: 'outreach', destination: 'e' }, good, trigger());
    if (!payload.ok) throw new Error('built');
    expect(await attemptDelivery(outboxRow(good, payload.payload), good, attemptDeps({ smtp: nodemailerTransport }))).toEqual({ kind: 'delivered', status: 250 });
    expect(received[0]!.user).toBe('alerts');

    // A refused login is fixed by correcting the destination, so it is retried, like HTTP 401.
    const bad = emailDestination(port, { user: 'alerts', pass: 'wrong' });
    expect(await attemptDelivery(outboxRow(bad, payload.payload), bad, attemptDeps({ smtp: nodemailerTransport }))).toEqual({ kind: 'retry', status: 535, error: 'SMTP 535 (EAUTH)' });
    expect(received).toHaveLength(1);
  });

  it('treats a 5xx refusal as dead, a 4xx as worth retrying', async () => {
    let reply = 550;
    const { received, port } = await smtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: reply }));
      },
    });
    const dest = emailDestination(port);
    const payload = buildOutboxPayload({ type: 'outreach', destination: 'e' }, dest, trigger());
    if (!payload.ok) throw new Error('built');
    const row = outboxRow(dest, payload.payload);
    expect(await attemptDelivery(row, dest, attemptDeps({ smtp: nodemailerTransport }))).toEqual({ kind: 'dead', status: 550, error: 'SMTP 550 (EENVELOPE)' });
    reply = 451;
    expect(await attemptDelivery(row, dest, attemptDeps({ smtp: nodemailerTransport }))).toEqual({ kind: 'retry', status: 451, error: 'SMTP 451 (EENVELOPE)' });
    expect(received).toHaveLength(0);
  });

  it('retries when the server cannot be reached, or does not answer in time', async () => {
    const dest = emailDestination(1);
    const payload = buildOutboxPayload({ type: 'outreach', destination: 'e' }, dest, trigger());
    if (!payload.ok) throw new Error('built');
    expect(await attemptDelivery(outboxRow(dest, payload.payload), dest, attemptDeps({ smtp: nodemailerTransport }))).toMatchObject({ kind: 'retry', status: null, error: 'SMTP error (ESOCKET)' });

    const { port } = await smtpServer({ onConnect: () => {} });
    const silent = emailDestination(port);
    const started = Date.now();
    expect(await attemptDelivery(outboxRow(silent, payload.payload), silent, attemptDeps({ smtp: nodemailerTransport, timeoutMs: 300 }))).toEqual({
      kind: 'retry',
      status: null,
      error: 'timed out after 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses an SMTP host that resolves to a private address, without connecting', async () => {
    const connections: SmtpConnection[] = [];
    const spy: SmtpTransportFactory = (c) => {
      connections.push(c);
      return { sendMail: async () => ({ accepted: [], rejected: [] }), close: () => {} };
    };
    const dest = emailDestination(25);
    const payload = buildOutboxPayload({ type: 'outreach', destination: 'e' }, dest, trigger());
    if (!payload.ok) throw new Error('built');
    const outcome = await attemptDelivery(outboxRow(dest, payload.payload), dest, attemptDeps({ smtp: spy, lookup: async () => [{ address: '10.0.0.25', family: 4 }] }));
    expect(outcome).toEqual({
      kind: 'dead',
      status: null,
      error: 'mail.acme.test resolves to 10.0.0.25, which is a private network address; this deployment allows only loopback among private destinations.',
    });
    expect(connections).toEqual([]);
  });

  it('connects to the approved address, verifies TLS for the name, and requires STARTTLS off this machine', async () => {
    const connections: SmtpConnection[] = [];
    const sent: unknown[] = [];
    const spy: SmtpTransportFactory = (c) => {
      connections.push(c);
      return {
        sendMail: async (mail) => {
          sent.push(mail);
          return { accepted: mail.to, rejected: [] };
        },
        close: () => {},
      };
    };
    const dest = emailDestination(587, { user: 'alerts', pass: 'pw' });
    const payload = buildOutboxPayload({ type: 'outreach', destination: 'e' }, dest, trigger());
    if (!payload.ok) throw new Error('built');
    const outcome = await attemptDelivery(outboxRow(dest, payload.payload), dest, attemptDeps({ smtp: spy, allow: 'none', lookup: async () => [{ address: '203.0.114.7', family: 4 }] }));
    expect(outcome).toEqual({ kind: 'delivered', status: 250 });
    expect(connections).toEqual([
      { host: '203.0.114.7', servername: 'mail.acme.test', port: 587, secure: false, requireTLS: true, auth: { user: 'alerts', pass: 'pw' }, timeoutMs: 2_000 },
    ]);
    expect(sent[0]).toMatchObject({ date: new Date(FIRED_AT), messageId: '<dlv_0123456789abcdef01234567@acme.com>' });
  });
});
