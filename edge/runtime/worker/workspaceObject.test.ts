// The workspace object runs the SQLite store on a Durable Object's storage, and the Worker's store reaches it (and
// the D1 directory) by method name.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { WebhookSourceRecord } from '../../store';
import { eventRow, NOW } from '../../test/fixtures';
import { newWorkspaceSql } from './directoryAdmin';
import { createWorkerStore, workspaceObject } from './store';
import { inObject, runSql, testEnv } from './test/harness';

async function workspace(name = 'Test'): Promise<string> {
  const w = await newWorkspaceSql(name, [], NOW);
  await runSql(w.statements);
  return w.workspaceId;
}

describe('the workspace object', () => {
  it('copies its workspace from the directory on the first call, then runs the store there', async () => {
    const ws = await workspace('Acme');
    const stub = workspaceObject(testEnv, ws);
    expect(await stub.ingest(ws, [eventRow('1'), eventRow('2')])).toEqual({ accepted: 2, duplicates: 0 });
    expect(await stub.ingest(ws, [eventRow('2'), eventRow('3')])).toEqual({ accepted: 1, duplicates: 1 });
    expect(await inObject(ws, (sql) => sql.exec('select id, name, created_at from workspaces').toArray())).toEqual([{ id: ws, name: 'Acme', created_at: NOW }]);
  });

  it('counts changed rows on its driver, which does not report them itself', async () => {
    const ws = await workspace();
    const store = createWorkerStore(testEnv, () => NOW);
    expect(await store.deleteTip(ws, 'nope')).toBe(false);
    await store.putTip(ws, { id: 't', title: 'T', body: 'B', when: { signal: 'rage_click' }, priority: 1, cooldownMs: 0 }, NOW);
    expect(await store.deleteTip(ws, 't')).toBe(true);
    expect(await store.deleteTip(ws, 't')).toBe(false);
  });

  it('refuses a call meant for another workspace, a method the store does not have, and a workspace not in the directory', async () => {
    const ws = await workspace();
    const stub = workspaceObject(testEnv, ws);
    const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e as Error).message);
    expect(await failure(stub.call('listTips', [await workspace()]))).toContain('does not hold workspace');
    expect(await failure(stub.call('constructor', [ws]))).toBe('The store has no method constructor.');
    const ghost = 'ws_not_in_the_directory';
    expect(await failure(workspaceObject(testEnv, ghost).call('listTips', [ghost]))).toBe(`Workspace ${ghost} is not in the directory.`);
  });

  it('has the accounts that new events touched processed once, shortly after they are stored', async () => {
    const ws = await workspace();
    const stub = workspaceObject(testEnv, ws);
    await stub.ingest(ws, [eventRow('1', { accountId: 'acme' }), eventRow('2', { accountId: 'globex' }), eventRow('3')]);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.processAccounts()).toEqual([]);
    await stub.ingest(ws, [eventRow('4', { accountId: 'acme' }), eventRow('1', { accountId: 'acme' })]);
    expect(await stub.processAccounts()).toEqual(['acme']);
    expect(await stub.processAccounts()).toEqual([]);
    // Events without an account, or only duplicates, schedule nothing.
    await runDurableObjectAlarm(stub);
    await stub.ingest(ws, [eventRow('5'), eventRow('6')]);
    await stub.ingest(ws, [eventRow('4', { accountId: 'acme' })]);
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });
});

describe('risk and rules in the workspace object', () => {
  it('scores accounts that tickets touched, fires the field example rule and delivers its outreach to the local inbox', async () => {
    const ws = await workspace();
    const stub = workspaceObject(testEnv, ws);
    const store = createWorkerStore(testEnv, () => Date.now());
    const now = Date.now();
    await store.putDestination(ws, { id: 'inbox', name: 'local-inbox', config: { kind: 'local_inbox' }, enabled: true, disabledReason: null, createdAt: now, updatedAt: now });
    await store.putRule(ws, { id: 'csm-review', name: 'Two unresolved in 5 days', enabled: true, match: 'all', conditions: [{ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, per: 'account', within: { value: 5, unit: 'days' } }], actions: [{ type: 'flag_csm' }, { type: 'outreach', destination: 'local-inbox' }], cooldown: { value: 1, unit: 'days' } }, now);
    await runDurableObjectAlarm(stub);
    await store.upsertTickets(ws, [{ id: 'T-1', accountId: 'acme', status: 'open', createdAt: now - 2 * 86_400_000 }, { id: 'T-2', accountId: 'acme', status: 'open', createdAt: now - 3_600_000 }], 'api', now);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const triggers = await store.listTriggers(ws, { limit: 10 });
    expect(triggers.map((t) => [t.ruleId, t.accountId, t.delivery])).toEqual([['csm-review', 'acme', 'delivered']]);
    expect((await store.listInbox(ws, 10)).map((i) => i.triggerId)).toEqual([triggers[0]!.id]);
    expect((await store.getAssessment(ws, 'acme', 14))!.reasons.map((r) => r.id)).toContain('unresolved_stack');
    // Nothing left to do: the next alarm is not set, and a cron pass finds nothing due.
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect((await stub.dispatchDue(Date.now())).due).toBe(0);
  });
});

describe('the Worker store', () => {
  const source = (workspaceId: string, name: string): WebhookSourceRecord => ({
    id: `whs_${crypto.randomUUID().replaceAll('-', '')}`,
    workspaceId,
    name,
    kind: 'standard',
    mapping: 'salesforce_case',
    secrets: [{ id: 'sec_1', secret: 'whsec_c2VjcmV0', createdAt: NOW, expiresAt: null }],
    createdAt: NOW,
    updatedAt: NOW,
  });

  it('keeps webhook sources in the directory, and drops their applied deliveries from the object on delete', async () => {
    const ws = await workspace();
    const store = createWorkerStore(testEnv, () => NOW);
    const s = source(ws, 'crm');
    expect(await store.putWebhookSource(s)).toBe(true);
    expect(await store.putWebhookSource({ ...s, updatedAt: NOW + 1 })).toBe(false);
    expect(await store.findWebhookSource(s.id)).toEqual({ ...s, updatedAt: NOW + 1 });
    expect((await store.listWebhookSources(ws)).map((x) => x.name)).toEqual(['crm']);

    const delivery = { sourceId: s.id, deliveryId: 'msg_1' };
    const changes = { accounts: [{ id: 'acme', tier: 'enterprise' }], ticketSource: 'salesforce' as const };
    expect(await store.applyWebhookDelivery(ws, delivery, changes, NOW)).toMatchObject({ duplicate: false, accounts: { created: 1 } });
    expect(await store.applyWebhookDelivery(ws, delivery, changes, NOW)).toEqual({ duplicate: true });

    expect(await store.deleteWebhookSource(ws, 'crm')).toBe(true);
    expect(await store.deleteWebhookSource(ws, 'crm')).toBe(false);
    expect(await store.findWebhookSource(s.id)).toBeNull();
    expect(await inObject(ws, (sql) => sql.exec('select count(*) as n from webhook_deliveries').one().n)).toBe(0);
  });

  it('says which method to move to the directory when one is not scoped to a workspace', async () => {
    const store = createWorkerStore(testEnv, () => NOW) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await expect(store.listTips!(42)).rejects.toThrow('Store.listTips takes no workspace id first');
    expect(store.then).toBeUndefined();
  });
});
