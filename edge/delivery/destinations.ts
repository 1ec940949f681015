// Destinations as the API takes and shows them: the PUT /v1/destinations/:id body schema, merging a body with the
// destination it replaces (secrets kept when left out, a whsec_ generated for a new webhook), the address check made
// on save, and the redacted view a read returns (no secret or token ever leaves).
import { z } from 'zod';
import type { DestinationConfig, DestinationKind, DestinationRecord } from '../actions/types';
import { WHSEC_PATTERN } from '../context/schemas';
import type { ErrorIssue } from '../http/errors';
import { generateWhsec } from '../webhooks/signatures';
import { checkHost, checkUrl, normaliseHost, type GuardOptions } from './addressGuard';

/** A destination's id in the path: what rules may also name it by. */
export const DESTINATION_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** What a read shows in place of a secret; sending it back is refused rather than saved as the secret. */
export const MASK = '••••';

const text = (max: number) => z.string().trim().min(1).max(max);
const notMasked = (s: string) => !s.includes(MASK);
const maskedMessage = 'this is the masked value a read returns: send the real value, or leave the field out to keep the current one';

const url = (what: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine(notMasked, maskedMessage)
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, `must be the https URL of ${what}`)
    .refine((s) => !/^[a-z]+:\/\/[^/]*@/i.test(s), 'must not carry a user name or password');

const secret = (max: number) => z.string().min(1).max(max).refine(notMasked, maskedMessage);

/** An address as SMTP carries it: no display name, no spaces, a dotted domain. */
export const EMAIL_ADDRESS = /^[^\s@<>(),;:"\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const emailAddress = z.string().trim().max(254).regex(EMAIL_ADDRESS, 'must be an email address such as cs@acme.com');
/** "cs@acme.com" or "Forestall <cs@acme.com>". */
const sender = z
  .string()
  .trim()
  .max(300)
  .refine((s) => {
    const m = /^(?:([^<>\r\n"]{1,200}?)\s*<([^<>]+)>|([^<>]+))$/.exec(s);
    return !!m && EMAIL_ADDRESS.test((m[2] ?? m[3] ?? '').trim());
  }, 'must be an address (alerts@acme.com) or a name and address (Forestall <alerts@acme.com>)');

const queueName = z.string().trim().min(1).max(100);

const KIND_MESSAGE = 'kind must be one of slack, webhook, email, zendesk, salesforce, local_inbox';

const common = { name: text(100), enabled: z.boolean().default(true) };

export const destinationBodySchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        ...common,
        kind: z.literal('slack'),
        /** The incoming webhook URL (https://hooks.slack.com/services/…): it is the secret. Leave it out to keep it. */
        config: z.object({ url: url('a Slack incoming webhook (https://hooks.slack.com/services/…)').optional() }).strict(),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('webhook'),
        config: z
          .object({
            url: url('your webhook receiver'),
            /** whsec_…; leave it out to keep the current one, or on creation to have one generated (shown once). */
            secret: secret(200)
              .refine((s) => WHSEC_PATTERN.test(s), 'must be whsec_ followed by base64 of 24 to 64 bytes')
              .optional(),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('email'),
        config: z
          .object({
            to: z.array(emailAddress).min(1, 'needs at least one address').max(50),
            from: sender,
            smtp: z
              .object({
                host: z
                  .string()
                  .trim()
                  .max(253)
                  .refine((h) => normaliseHost(h) !== null, 'must be a host name or IP address, without a port'),
                port: z.number().int().min(1).max(65535).default(587),
                /** TLS from the start (port 465); otherwise STARTTLS, required for any server not on this machine. */
                secure: z.boolean().optional(),
                user: z.string().min(1).max(200).optional(),
                /** Leave it out to keep the current password (for the same server and user). */
                pass: secret(500).optional(),
              })
              .strict()
              .transform((s) => ({ ...s, secure: s.secure ?? s.port === 465 })),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('zendesk'),
        config: z
          .object({
            baseUrl: url('your Zendesk account (https://{subdomain}.zendesk.com)'),
            email: emailAddress,
            /** Admin Center → Apps and integrations → Zendesk API. Leave it out to keep the current token. */
            apiToken: secret(200).optional(),
            /** Queue names rules route to → Zendesk group ids. */
            groupIds: z.record(queueName, z.number().int().positive()).optional(),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('salesforce'),
        config: z
          .object({
            instanceUrl: url('your Salesforce instance (https://{domain}.my.salesforce.com)'),
            /** An OAuth access token. Leave it out to keep the current one. */
            accessToken: secret(2000).optional(),
            /** Queue names rules route to → Salesforce Queue ids (00G…). */
            queueIds: z.record(queueName, z.string().regex(/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/, 'must be a 15 or 18 character Salesforce id')).optional(),
            apiVersion: z.string().regex(/^\d{2,3}\.0$/, 'must be a REST API version such as 62.0').optional(),
          })
          .strict(),
      })
      .strict(),
    z
      .object({ ...common, kind: z.literal('local_inbox'), config: z.object({}).strict().default({}) })
      .strict(),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? KIND_MESSAGE : undefined) },
);
export type DestinationBody = z.output<typeof destinationBodySchema>;

export type ResolvedDestination =
  | {
      ok: true;
      name: string;
      enabled: boolean;
      config: DestinationConfig;
      /** A whsec_ made for a new webhook: shown in the answer this once, never again. */
      generatedSecret: string | null;
    }
  | { ok: false; issues: ErrorIssue[] };

const origin = (u: string): string | null => {
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
};

/**
 * The config to save from a valid body and the destination it replaces (null when new). A secret left out is kept,
 * but only while it would still go to the same place: a token is never carried over to a new host, or a caller who
 * may change the URL but does not know the token could send it to themselves.
 */
export function resolveDestination(body: DestinationBody, existing: DestinationRecord | null): ResolvedDestination {
  const before = existing?.config.kind === body.kind ? existing.config : null;
  const missing = (path: string, what: string): ResolvedDestination => ({
    ok: false,
    issues: [{ path, message: `required: ${what}${before ? ' (the current one is kept only while the host stays the same)' : ''}` }],
  });
  const done = (config: DestinationConfig, generatedSecret: string | null = null): ResolvedDestination => ({
    ok: true,
    name: body.name,
    enabled: body.enabled,
    config,
    generatedSecret,
  });

  switch (body.kind) {
    case 'slack': {
      const url = body.config.url ?? (before?.kind === 'slack' ? before.url : undefined);
      return url ? done({ kind: 'slack', url }) : missing('config.url', 'the Slack incoming webhook URL');
    }
    case 'webhook': {
      const given = body.config.secret ?? (before?.kind === 'webhook' ? before.secret : undefined);
      const generated = given === undefined ? generateWhsec() : null;
      return done({ kind: 'webhook', url: body.config.url, secret: given ?? generated! }, generated);
    }
    case 'email': {
      const { host, port, secure, user, pass } = body.config.smtp;
      const sameLogin = before?.kind === 'email' && before.smtp.host === host && before.smtp.user === user;
      const password = pass ?? (sameLogin && before.kind === 'email' ? before.smtp.pass : undefined);
      if (user && password === undefined) return missing('config.smtp.pass', 'the SMTP password for this user');
      if (!user && pass !== undefined) return { ok: false, issues: [{ path: 'config.smtp.user', message: 'required with a password' }] };
      return done({
        kind: 'email',
        to: body.config.to,
        from: body.config.from,
        smtp: { host, port, secure, ...(user ? { user, pass: password } : {}) },
      });
    }
    case 'zendesk': {
      const sameHost = before?.kind === 'zendesk' && origin(before.baseUrl) === origin(body.config.baseUrl) && before.email === body.config.email;
      const apiToken = body.config.apiToken ?? (sameHost && before.kind === 'zendesk' ? before.apiToken : undefined);
      if (!apiToken) return missing('config.apiToken', 'a Zendesk API token');
      return done({
        kind: 'zendesk',
        baseUrl: body.config.baseUrl.replace(/\/+$/, ''),
        email: body.config.email,
        apiToken,
        ...(body.config.groupIds ? { groupIds: body.config.groupIds } : {}),
      });
    }
    case 'salesforce': {
      const sameHost = before?.kind === 'salesforce' && origin(before.instanceUrl) === origin(body.config.instanceUrl);
      const accessToken = body.config.accessToken ?? (sameHost && before.kind === 'salesforce' ? before.accessToken : undefined);
      if (!accessToken) return missing('config.accessToken', 'a Salesforce access token');
      return done({
        kind: 'salesforce',
        instanceUrl: body.config.instanceUrl.replace(/\/+$/, ''),
        accessToken,
        ...(body.config.queueIds ? { queueIds: body.config.queueIds } : {}),
        ...(body.config.apiVersion ? { apiVersion: body.config.apiVersion } : {}),
      });
    }
    case 'local_inbox':
      return done({ kind: 'local_inbox' });
  }
}

/** The address check on save: every host a destination sends to, each refusal at the field that names it. */
export async function checkDestinationAddresses(config: DestinationConfig, options: GuardOptions): Promise<ErrorIssue[]> {
  const targets: Array<{ path: string; url?: string; host?: string }> = [];
  switch (config.kind) {
    case 'slack':
    case 'webhook':
      targets.push({ path: 'config.url', url: config.url });
      break;
    case 'email':
      targets.push({ path: 'config.smtp.host', host: config.smtp.host });
      break;
    case 'zendesk':
      targets.push({ path: 'config.baseUrl', url: config.baseUrl });
      break;
    case 'salesforce':
      targets.push({ path: 'config.instanceUrl', url: config.instanceUrl });
      break;
    case 'local_inbox':
      break;
  }
  const issues: ErrorIssue[] = [];
  for (const t of targets) {
    const result = t.url !== undefined ? await checkUrl(t.url, options) : await checkHost(t.host!, options);
    if (!result.ok) issues.push({ path: t.path, message: result.message });
  }
  return issues;
}

/** A secret as a read shows it: the mask and, for long ones, the last four characters to tell secrets apart. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `${MASK}${value.slice(-4)}` : MASK;
}

/** A URL with what may be secret in it masked: the whole path and query of a Slack URL, query values elsewhere. */
function maskUrl(value: string, wholePath: boolean): string {
  try {
    const u = new URL(value);
    if (wholePath) return `${u.origin}/${maskSecret(u.pathname + u.search)}`;
    const query = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=${MASK}`).join('&');
    return `${u.origin}${u.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return MASK;
  }
}

export interface DestinationView {
  id: string;
  name: string;
  kind: DestinationKind;
  enabled: boolean;
  disabledReason: string | null;
  /** The config with every secret and token masked. */
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export function redactDestination(d: DestinationRecord): DestinationView {
  const c = d.config;
  let config: Record<string, unknown>;
  switch (c.kind) {
    case 'slack':
      config = { url: maskUrl(c.url, true) };
      break;
    case 'webhook':
      config = { url: maskUrl(c.url, false), secret: maskSecret(c.secret) };
      break;
    case 'email': {
      const { pass, ...smtp } = c.smtp;
      config = { to: c.to, from: c.from, smtp: { ...smtp, ...(pass !== undefined ? { pass: maskSecret(pass) } : {}) } };
      break;
    }
    case 'zendesk':
      config = { baseUrl: c.baseUrl, email: c.email, apiToken: maskSecret(c.apiToken), ...(c.groupIds ? { groupIds: c.groupIds } : {}) };
      break;
    case 'salesforce':
      config = {
        instanceUrl: c.instanceUrl,
        accessToken: maskSecret(c.accessToken),
        ...(c.queueIds ? { queueIds: c.queueIds } : {}),
        ...(c.apiVersion ? { apiVersion: c.apiVersion } : {}),
      };
      break;
    case 'local_inbox':
      config = {};
      break;
  }
  return { id: d.id, name: d.name, kind: c.kind, enabled: d.enabled, disabledReason: d.disabledReason, config, createdAt: d.createdAt, updatedAt: d.updatedAt };
}
