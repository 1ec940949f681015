// Realistic inbound payloads for tests, shaped after the senders' documentation (see each mapping's header comment).
import { NOW } from '../test/harness';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const HOUR = 3_600_000;

/** The `detail` of a Zendesk ticket event: the ticket after the change, ids as strings, statuses upper-case. */
export function zendeskDetail(overrides: Record<string, unknown> = {}) {
  return {
    actor_id: '8447388090494',
    assignee_id: '8447388090494',
    brand_id: '8447346621310',
    created_at: iso(NOW - 2 * HOUR),
    custom_status: '8447320465790',
    description: 'The CSV export of the Q3 report is empty.',
    external_id: null,
    form_id: '8646151517822',
    group_id: '8447320466430',
    id: '35436',
    is_public: true,
    organization_id: '1500012345678',
    priority: 'HIGH',
    requester_id: '9000000000001',
    status: 'OPEN',
    subject: 'CSV export is empty',
    submitter_id: '9000000000001',
    tags: ['export', 'reports'],
    type: 'INCIDENT',
    updated_at: iso(NOW - HOUR),
    via: { channel: 'web_form' },
    ...overrides,
  };
}

export function zendeskEvent(type: string, event: unknown, overrides: { id?: string; time?: number; detail?: Record<string, unknown> } = {}) {
  return {
    account_id: 22129848,
    detail: zendeskDetail(overrides.detail),
    event,
    id: overrides.id ?? 'cbe4028c-7239-495d-b020-f22348516046',
    subject: 'zen:ticket:35436',
    time: iso(overrides.time ?? NOW - HOUR),
    type,
    zendesk_event_version: '2022-11-06',
  };
}

export const zendeskCreated = (o: Parameters<typeof zendeskEvent>[2] = {}) =>
  zendeskEvent('zen:event-type:ticket.created', { meta: { sequence: { id: 'C20565CD20591B5E81E2206E91ADFB2A', position: 1 } } }, { detail: { status: 'NEW', updated_at: iso(NOW - 2 * HOUR) }, time: NOW - 2 * HOUR, id: '5a4c2a9e-0d0b-4f7e-9d0e-1c3c7f1f0001', ...o });

export const zendeskStatusChanged = (current: string, previous: string, o: Parameters<typeof zendeskEvent>[2] = {}) =>
  zendeskEvent('zen:event-type:ticket.status_changed', { current, previous }, { id: `5a4c2a9e-0d0b-4f7e-9d0e-1c3c7f1f${current.toLowerCase().padStart(4, '0').slice(-4)}`, ...o, detail: { status: current, ...o.detail } });

export const zendeskCommentAdded = (comment: { id: string; body: string; isStaff: boolean; isPublic?: boolean }, o: Parameters<typeof zendeskEvent>[2] = {}) =>
  zendeskEvent(
    'zen:event-type:ticket.comment_added',
    { comment: { author: { id: comment.isStaff ? '8447388090494' : '9000000000001', is_staff: comment.isStaff, name: comment.isStaff ? 'Kim Agent' : 'Ada Customer' }, body: comment.body, id: comment.id, is_public: comment.isPublic ?? true } },
    { id: `comment-event-${comment.id}`, ...o },
  );

/** A Salesforce Case as a Flow's HTTP callout or a relay sends it inside a Standard Webhooks envelope. */
export function salesforceCase(overrides: Record<string, unknown> = {}, type = 'case.updated') {
  return {
    type,
    timestamp: iso(NOW),
    data: {
      attributes: { type: 'Case', url: '/services/data/v62.0/sobjects/Case/500Dn00000AbCdEIAV' },
      Id: '500Dn00000AbCdEIAV',
      CaseNumber: '00001027',
      Subject: 'Invoices show the wrong VAT rate',
      Description: 'Since Monday every invoice shows 19% instead of 7%.',
      Status: 'Working',
      Priority: 'Medium',
      Origin: 'Email',
      AccountId: '001Dn00000XyZaBIAV',
      ContactId: '003Dn00000QrStUIAV',
      ContactEmail: 'ada@acme.test',
      CreatedDate: '2026-05-28T09:14:03.000+0000',
      LastModifiedDate: '2026-05-29T10:00:00.000+0000',
      ClosedDate: null,
      IsClosed: false,
      ...overrides,
    },
  };
}

/** A HubSpot company as a workflow's webhook action sends it (properties in the legacy { value } form), in an envelope. */
export function hubspotCompany(properties: Record<string, unknown> = {}, type = 'company.updated') {
  const props: Record<string, { value: unknown }> = {};
  for (const [k, v] of Object.entries({
    name: 'Acme GmbH',
    domain: 'acme.de',
    hs_arr: '48000',
    renewal_date: String(Date.UTC(2026, 11, 31)),
    hubspot_owner_id: '52550153',
    lifecyclestage: 'customer',
    numberofemployees: '250',
    ...properties,
  })) props[k] = { value: v };
  return { type, timestamp: iso(NOW), data: { objectId: 6118234568, properties: props } };
}
