// Destinations: where outreach goes (Slack, signed webhooks, email, help desks, the local inbox), whether each is on,
// why one was turned off (a 410 from Slack), which rules send to it; adding a Slack channel or a webhook, switching
// one on or off, deleting one no rule uses. Secrets arrive masked and are never sent back.
import { useState } from 'preact/hooks';
import type { DestinationView } from '../../edge/delivery/destinations';
import { api } from '../api';
import type { PageProps } from '../App';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { Switch } from '../components/Switch';
import { FieldError, FormError, invalidProps } from '../components/FieldError';
import { Empty, ErrorNote, Load } from '../components/States';
import { relative } from '../format';
import { useAction, useResource } from '../hooks';
import { href } from '../router';
import type { StoredRuleView } from './Rules';

/** What the edge puts in place of a secret when it reads one back. */
const MASK = '••••';

export const KIND_NAMES: Record<string, string> = {
  slack: 'Slack',
  webhook: 'Signed webhook',
  email: 'Email',
  zendesk: 'Zendesk',
  salesforce: 'Salesforce',
  local_inbox: 'Local inbox',
};

/** The view's config without its masked values: what PUT keeps as it is when they are left out. */
export function unmasked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unmasked);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!(typeof v === 'string' && v.includes(MASK))) out[k] = unmasked(v);
    return out;
  }
  return value;
}

/** Where it sends, in a line. */
export function target(d: DestinationView): string {
  const c = d.config as Record<string, unknown>;
  if (d.kind === 'local_inbox') return 'Shown in the console’s local inbox';
  if (d.kind === 'email') return `To ${(c.to as string[] | undefined)?.join(', ') ?? '—'}`;
  return String(c.url ?? c.baseUrl ?? c.instanceUrl ?? '—');
}

/** An id from a name: "#cs-escalations" → "cs-escalations". */
export const idFromName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_.:-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'destination';

export function DestinationsPage(_: PageProps) {
  const { state, reload } = useResource(
    async (signal) => {
      const [d, r] = await Promise.all([api<{ destinations: DestinationView[] }>('/v1/destinations', { signal }), api<{ rules: StoredRuleView[] }>('/v1/rules', { signal })]);
      return { destinations: d.destinations, rules: r.rules };
    },
    [],
  );
  return (
    <section>
      <div class="page-head">
        <h1 tabIndex={-1}>Destinations</h1>
        <p class="muted">Where rules send outreach. A destination that answers “gone” is turned off until you turn it on again.</p>
      </div>
      <Load state={state} what="destinations" retry={reload}>
        {({ destinations, rules }) =>
          destinations.length === 0 ? (
            <Empty title="No destinations yet.">Add a Slack channel or a webhook below; rules name it in their outreach.</Empty>
          ) : (
            <ul class="rule-list">
              {destinations.map((d) => (
                <DestinationCard key={d.id} destination={d} usedBy={rules.filter((r) => r.actions.some((a) => 'destination' in a && (a.destination === d.id || a.destination === d.name)))} onChange={reload} />
              ))}
            </ul>
          )
        }
      </Load>
      <AddDestination onAdded={reload} />
    </section>
  );
}

function DestinationCard({ destination: d, usedBy, onChange }: { destination: DestinationView; usedBy: StoredRuleView[]; onChange: () => void }) {
  const toggle = useAction(async () => {
    await api(`/v1/destinations/${encodeURIComponent(d.id)}`, { method: 'PUT', body: { name: d.name, kind: d.kind, enabled: !d.enabled, config: unmasked(d.config) } });
    onChange();
  });
  const remove = useAction(async () => {
    await api(`/v1/destinations/${encodeURIComponent(d.id)}`, { method: 'DELETE' });
    onChange();
  });
  const titleId = `dest-${d.id}`;
  return (
    <li class={`card rule ${d.enabled ? '' : 'is-off'}`} aria-labelledby={titleId}>
      <div class="row-between">
        <h3 id={titleId}>
          {d.name} <span class="badge">{KIND_NAMES[d.kind] ?? d.kind}</span>
        </h3>
        <Switch on={d.enabled} label={`${d.name} enabled`} busy={toggle.busy} onToggle={() => void toggle.run()} />
      </div>
      <p class="small">
        <code>{target(d)}</code>
      </p>
      {!d.enabled && d.disabledReason && <p class="note warn small">Turned off: {d.disabledReason}</p>}
      <p class="muted small">
        {usedBy.length ? (
          <>
            Used by{' '}
            {usedBy.map((r, i) => (
              <span key={r.id}>
                {i > 0 && ', '}
                <a href={href('/rules')}>{r.name}</a>
              </span>
            ))}
          </>
        ) : (
          'No rule sends here yet.'
        )}
      </p>
      <div class="row-between">
        <span class="muted small">
          <code>{d.id}</code> · changed {relative(d.updatedAt)}
        </span>
        {usedBy.length === 0 && <ConfirmDelete what="destination" busy={remove.busy} onDelete={() => void remove.run()} />}
      </div>
      {toggle.error && <ErrorNote error={toggle.error} />}
      {remove.error && <ErrorNote error={remove.error} />}
    </li>
  );
}

function AddDestination({ onAdded }: { onAdded: () => void }) {
  const [kind, setKind] = useState<'slack' | 'webhook'>('slack');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string | null } | null>(null);
  const add = useAction(async () => {
    const answer = await api<DestinationView & { generatedSecret?: string }>(`/v1/destinations/${encodeURIComponent(idFromName(name))}`, {
      method: 'PUT',
      body: { name: name.trim(), kind, enabled: true, config: { url: url.trim() } },
    });
    setCreated({ name: answer.name, secret: answer.generatedSecret ?? null });
    setName('');
    setUrl('');
    onAdded();
  });
  const err = add.error;
  return (
    <form
      class="card editor"
      aria-labelledby="add-dest-h"
      onSubmit={(e) => {
        e.preventDefault();
        void add.run();
      }}
    >
      <h2 id="add-dest-h">Add a destination</h2>
      <div class="segmented" role="group" aria-label="Kind">
        <button type="button" aria-pressed={kind === 'slack'} onClick={() => setKind('slack')}>
          Slack channel
        </button>
        <button type="button" aria-pressed={kind === 'webhook'} onClick={() => setKind('webhook')}>
          Signed webhook
        </button>
      </div>
      <div class="grid-fields">
        <div class="field">
          <label for="dest-name">Name rules use</label>
          <input id="dest-name" required maxLength={100} placeholder={kind === 'slack' ? '#cs-escalations' : 'crm-webhook'} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} {...invalidProps(err, 'name', 'dest-name')} />
          <FieldError error={err} path="name" id="dest-name" />
        </div>
        <div class="field">
          <label for="dest-url">{kind === 'slack' ? 'Incoming webhook URL' : 'Receiver URL'}</label>
          <input
            id="dest-url"
            type="url"
            required
            placeholder={kind === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://crm.example.com/hooks/forestall'}
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            {...invalidProps(err, 'config.url', 'dest-url')}
          />
          <FieldError error={err} path="config.url" id="dest-url" />
        </div>
      </div>
      <p class="muted small">{kind === 'webhook' ? 'Each delivery is signed with Standard Webhooks headers; the signing secret is shown once, after saving.' : 'Messages use Slack Block Kit, with the handoff summary.'}</p>
      <FormError error={err} />
      <div aria-live="polite">
        {created && (
          <div class="note ok small">
            <p>Added “{created.name}”. Rules can send to it now.</p>
            {created.secret && (
              <p>
                Signing secret, shown once: <code>{created.secret}</code>
              </p>
            )}
          </div>
        )}
      </div>
      <button type="submit" class="btn btn-primary" disabled={add.busy || !name.trim() || !url.trim()}>
        {add.busy ? 'Adding…' : 'Add destination'}
      </button>
    </form>
  );
}
