// Maps a HubSpot company, sent through Standard Webhooks (a workflow's webhook action behind a relay), onto an account.
//
// The body is the Standard Webhooks envelope { type, timestamp, data } with `data` the company as a HubSpot
// workflow sends it: an id (objectId, hs_object_id or id) and its properties, either flat ("name": "Acme") or in
// `properties`, flat or in the legacy { "value": … } form. HubSpot sends numbers and dates as strings (dates as
// epoch ms or ISO). Read: name, domain, tier, hs_arr (or arr), renewal_date, hubspot_owner_id (or owner), csm,
// health, health_score, plan; lifecyclestage, industry and numberofemployees go to traits. A type ending in
// ".deleted" is ignored.
import { z } from 'zod';
import { accountUpsertSchema, type AccountUpsert } from '../context/schemas';
import { mappingFailure, type Mapped } from './mapping';

const envelopeSchema = z.object({ type: z.string().max(200).optional(), data: z.record(z.string(), z.unknown()) });

type Scalar = string | number | boolean | null;

function flatten(data: Record<string, unknown>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  const take = (source: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(source)) {
      const value = v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v ? (v as { value: unknown }).value : v;
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[k] = value as Scalar;
    }
  };
  take(data);
  if (data.properties && typeof data.properties === 'object') take(data.properties as Record<string, unknown>);
  return out;
}

const text = (v: Scalar | undefined) => (v === undefined || v === null || v === '' ? undefined : String(v));
const number = (v: Scalar | undefined) => {
  const s = text(v);
  return s === undefined ? undefined : Number(s);
};
/** Epoch ms arrive as strings; ISO dates stay strings. */
const date = (v: Scalar | undefined) => {
  const s = text(v);
  return s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : s;
};

export function mapHubspotCompany(body: Record<string, unknown>): Mapped {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) mappingFailure(envelope.error, 'HubSpot company');
  if (envelope.data.type?.endsWith('.deleted')) return { kind: 'ignored', reason: 'Deleted companies are kept as they were.' };
  const p = flatten(envelope.data.data);
  const traits: Record<string, Scalar> = {};
  for (const k of ['lifecyclestage', 'industry', 'numberofemployees']) if (p[k] !== undefined && p[k] !== '') traits[k] = p[k]!;
  const candidate = {
    id: text(p.objectId ?? p.hs_object_id ?? p.id),
    name: text(p.name),
    domain: text(p.domain),
    tier: text(p.tier),
    arr: number(p.hs_arr ?? p.arr),
    renewalDate: date(p.renewal_date),
    owner: text(p.hubspot_owner_id ?? p.owner),
    csm: text(p.csm),
    health: text(p.health),
    healthScore: number(p.health_score),
    plan: text(p.plan),
    ...(Object.keys(traits).length ? { traits } : {}),
  };
  // The same schema as POST /v1/accounts, so a company is held to what an account must be.
  const parsed = accountUpsertSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (!parsed.success) mappingFailure(parsed.error, 'HubSpot company', ['data']);
  const account: AccountUpsert = parsed.data;
  return { kind: 'changes', accounts: [account] };
}
