// Email deliveries: the message built when a trigger fires (subject, text and HTML from the handoff layout), and one
// attempt over SMTP to the approved address of the destination's server, with what SMTP's answers mean.
//
// The transport is injected (edge/delivery/node.ts makes nodemailer's), so this file runs anywhere and tests can see
// exactly what would be sent. Message-ID comes from the row's idempotency key, so a retry that reaches a mailbox
// twice is threaded (and often dropped) as the same message; Date is the firing time, the same on every retry.
import type { DestinationConfig } from '../actions/types';
import { checkHost, type AddressAllowance, type Lookup } from './addressGuard';
import { layoutHtml, layoutText, type HandoffLayout } from './handoffText';
import type { OutboxPayload } from './payload';
import type { AttemptOutcome } from './retry';

type EmailConfig = Extract<DestinationConfig, { kind: 'email' }>;
type EmailPayload = Extract<OutboxPayload, { kind: 'email' }>;

/** Where to connect and how; `host` is the address the guard approved, `servername` the name TLS must verify. */
export interface SmtpConnection {
  host: string;
  servername: string;
  port: number;
  secure: boolean;
  /** STARTTLS is mandatory unless the server is on this machine: summaries carry customer data. */
  requireTLS: boolean;
  auth: { user: string; pass: string } | null;
  timeoutMs: number;
}

export interface SmtpMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export interface SmtpTransport {
  sendMail(mail: SmtpMail): Promise<{ accepted: unknown[]; rejected: unknown[] }>;
  close(): void;
}

export type SmtpTransportFactory = (connection: SmtpConnection) => SmtpTransport;

/** Subject lines longer than this are cut: mail clients show far less, and some servers refuse very long headers. */
const SUBJECT_MAX = 200;

export function emailPayload(layout: HandoffLayout, to: string[], firedAt: number): EmailPayload {
  const subject = layout.title.length > SUBJECT_MAX ? `${layout.title.slice(0, SUBJECT_MAX - 1)}…` : layout.title;
  return { kind: 'email', to, subject, text: layoutText(layout), html: layoutHtml(layout), date: firedAt };
}

/** `<key@domain>` with the sender's domain, as Message-IDs conventionally are. */
export function messageId(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'forestall.invalid';
  return `<${key}@${domain}>`;
}

/**
 * What an SMTP failure means. Connection, TLS, protocol and timeout errors and 4xx replies are transient: retry.
 * Authentication failures retry too (like HTTP 401, fixed by correcting the destination). A 5xx reply is the
 * server refusing this message or these recipients for good: dead.
 */
export function smtpOutcome(error: unknown): AttemptOutcome {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : null;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  const what = `SMTP ${reply ?? 'error'}${code ? ` (${code})` : ''}`;
  if (code === 'EAUTH' || code === 'ENOAUTH') return { kind: 'retry', status: reply, error: what };
  if (reply !== null && reply >= 500) return { kind: 'dead', status: reply, error: what };
  if (code === 'ECONFIG' || code === 'EMAXRECIPIENTS') return { kind: 'dead', status: reply, error: what };
  return { kind: 'retry', status: reply, error: what };
}

export interface EmailDeps {
  lookup: Lookup | null;
  allow: AddressAllowance;
  timeoutMs: number;
  transport: SmtpTransportFactory;
  signal: AbortSignal;
}

export async function sendEmail(payload: EmailPayload, config: EmailConfig, key: string, triggerId: string, deps: EmailDeps): Promise<AttemptOutcome> {
  const guard = await checkHost(config.smtp.host, { lookup: deps.lookup, allow: deps.allow });
  if (!guard.ok) return { kind: guard.reason === 'refused' ? 'dead' : 'retry', status: null, error: guard.message };
  // The approved address, so DNS cannot answer differently for the connection; the name where none was resolved.
  const address = guard.addresses[0]?.address ?? guard.host;
  const transport = deps.transport({
    host: address,
    servername: guard.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    requireTLS: !config.smtp.secure && !guard.loopback,
    auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.pass ?? '' } : null,
    timeoutMs: deps.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: config.from,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      messageId: messageId(key, config.from),
      date: new Date(payload.date),
      // RFC 3834: an automatic message, so autoresponders do not answer it (and start a loop).
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Forestall-Trigger': triggerId },
      signal: deps.signal,
    });
    return { kind: 'delivered', status: 250 };
  } catch (error) {
    if (deps.signal.aborted) return { kind: 'retry', status: null, error: `timed out after ${deps.timeoutMs} ms` };
    return smtpOutcome(error);
  } finally {
    transport.close();
  }
}
