// The triggers inbox: every rule that fired, the state of each delivery, acknowledging one, retrying deliveries
// that failed or gave up, and the handoff summary, rendered from its markdown as text nodes only.
import { useState } from 'preact/hooks';
import type { TriggerRecord } from '../../edge/actions/types';
import type { TriggerDetail } from '../../edge/store';
import { api, query } from '../api';
import type { PageProps } from '../App';
import { DeliveryBadge, ReasonChip } from '../components/Badges';
import { SummaryMarkdown } from '../components/Markdown';
import { DetailPane, ItemLink } from '../components/Split';
import { Empty, ErrorNote, Load } from '../components/States';
import { describeAction } from '../describe';
import { dateTime, humanize, plural, relative } from '../format';
import { useAction, useResource } from '../hooks';
import { href, navigate } from '../router';
import { session } from '../session';

const STATES = ['', 'pending', 'failed', 'dead', 'delivered', 'none'] as const;
const STATE_LABELS: Record<(typeof STATES)[number], string> = { '': 'Any delivery state', pending: 'Sending', failed: 'Retrying', dead: 'Gave up', delivered: 'Delivered', none: 'Nothing to send' };
const PAGE = 50;

export function TriggersPage({ params, query: q }: PageProps) {
  const delivery = q.get('delivery') ?? '';
  const show = q.get('show') === 'all' ? 'all' : 'open';
  const selected = params.id;
  const [pages, setPages] = useState<number[]>([]);
  const filterQuery = query({ delivery, show: show === 'all' ? 'all' : '' });
  const { state, reload } = useResource(
    async (signal) => {
      // The first page, then each older page asked for with "Show older", in one list.
      const base = { delivery, acked: show === 'open' ? false : undefined, limit: PAGE };
      const first = await api<{ triggers: TriggerRecord[]; next: number | null }>(`/v1/triggers${query(base)}`, { signal });
      let all = first.triggers;
      let next = first.triggers.length === PAGE ? first.next : null;
      for (const before of pages) {
        const page = await api<{ triggers: TriggerRecord[]; next: number | null }>(`/v1/triggers${query({ ...base, before })}`, { signal });
        all = all.concat(page.triggers.filter((t) => !all.some((x) => x.id === t.id)));
        next = page.triggers.length === PAGE ? page.next : null;
      }
      return { triggers: all, next };
    },
    [delivery, show, pages.join()],
    15_000,
  );
  const setFilter = (change: Record<string, string>) => {
    setPages([]);
    navigate(`/triggers${selected ? `/${encodeURIComponent(selected)}` : ''}${query({ delivery, show: show === 'all' ? 'all' : '', ...change })}`, { replace: true });
  };

  return (
    <section class={selected ? 'split has-detail' : 'split'}>
      <div class="split-list">
        <div class="page-head">
          <h1 tabIndex={-1}>Triggers</h1>
          <p class="muted">Rules that fired, what they sent and whether it arrived.</p>
        </div>
        <div class="filters filters-inline">
          <div class="segmented" role="group" aria-label="Which triggers">
            <button type="button" aria-pressed={show === 'open'} onClick={() => setFilter({ show: '' })}>
              Not acknowledged
            </button>
            <button type="button" aria-pressed={show === 'all'} onClick={() => setFilter({ show: 'all' })}>
              All
            </button>
          </div>
          <div class="field">
            <label for="t-state" class="sr-only">
              Delivery state
            </label>
            <select id="t-state" value={delivery} onChange={(e) => setFilter({ delivery: (e.target as HTMLSelectElement).value })}>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Load state={state} what="triggers" retry={reload}>
          {({ triggers, next }) =>
            triggers.length === 0 ? (
              <Empty title={show === 'open' ? 'Nothing waiting: every trigger is acknowledged.' : 'No rule has fired yet.'}>
                {show === 'open' ? 'New triggers appear here as rules fire.' : <>Rules fire when their conditions hold for an account. <a href={href('/rules')}>Write a rule</a>.</>}
              </Empty>
            ) : (
              <>
                <ul class="trigger-list">
                  {triggers.map((t) => (
                    <li key={t.id}>
                      <ItemLink class="trigger-item" to={`/triggers/${encodeURIComponent(t.id)}${filterQuery}`} selected={t.id === selected}>
                        <span class="row-between">
                          <span class="strong">{t.ruleName}</span>
                          <DeliveryBadge state={t.delivery} />
                        </span>
                        <span class="small">
                          {t.summary.account.name ?? t.accountId} · risk {t.riskScore}
                        </span>
                        <span class="muted small">
                          {relative(t.firedAt)}
                          {t.ackedAt ? ` · acknowledged by ${t.ackedBy ?? 'someone'}` : ''}
                        </span>
                      </ItemLink>
                    </li>
                  ))}
                </ul>
                {next !== null && (
                  <button type="button" class="btn" onClick={() => setPages([...pages, next])}>
                    Show older
                  </button>
                )}
              </>
            )
          }
        </Load>
      </div>
      {selected && (
        <DetailPane back={`/triggers${filterQuery}`} backLabel="All triggers">
          <TriggerView key={selected} id={selected} onChange={reload} />
        </DetailPane>
      )}
    </section>
  );
}

/** Markdown as plain text: escapes and emphasis marks dropped, for comparing it with the summary's fields. */
const plainText = (md: string) => md.replace(/\\(.)/g, '$1').replace(/\*\*/g, '');

/** The markdown usually opens with the headline, which is already shown above it. */
export function withoutHeadline(markdown: string, headline: string): string {
  const [first = '', ...rest] = markdown.split('\n');
  const bare = plainText(first.replace(/^#+\s*/, '')).trim();
  return bare === headline.trim() ? rest.join('\n').replace(/^\s*\n/, '') : markdown;
}

const retryable = (t: TriggerDetail) => t.deliveries.some((d) => d.state === 'failed' || d.state === 'dead');

export function TriggerView({ id, onChange }: { id: string; onChange: () => void }) {
  const { state, reload, set } = useResource((signal) => api<TriggerDetail>(`/v1/triggers/${encodeURIComponent(id)}`, { signal }), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const ack = useAction(async () => {
    const by = session.peek()?.name || 'console';
    const updated = await api<TriggerRecord>(`/v1/triggers/${encodeURIComponent(id)}/ack`, { method: 'POST', body: { by } });
    if (state.data) set({ ...state.data, ...updated });
    setNotice('Acknowledged.');
    onChange();
  });
  const retry = useAction(async () => {
    const { retried } = await api<{ retried: number }>(`/v1/triggers/${encodeURIComponent(id)}/retry`, { method: 'POST' });
    setNotice(retried ? `${plural(retried, 'delivery', 'deliveries')} queued again.` : 'Nothing to retry: every delivery is on its way or delivered.');
    reload();
    onChange();
  });
  return (
    <Load state={state} what="this trigger" retry={reload}>
      {(t) => (
        <article class="card trigger-detail" aria-labelledby="trigger-h">
          <header class="row-between">
            <div>
              <h2 id="trigger-h">{t.ruleName}</h2>
              <p class="muted small">
                Fired {dateTime(t.firedAt)} for <a href={href(`/accounts/${encodeURIComponent(t.accountId)}`)}>{t.summary.account.name ?? t.accountId}</a> at risk {t.riskScore}
              </p>
            </div>
            <DeliveryBadge state={t.delivery} />
          </header>
          <div class="actions">
            {t.ackedAt ? (
              <span class="badge badge-ok">
                Acknowledged by {t.ackedBy ?? 'someone'}, {relative(t.ackedAt)}
              </span>
            ) : (
              <button type="button" class="btn btn-primary" disabled={ack.busy} onClick={() => void ack.run()}>
                {ack.busy ? 'Acknowledging…' : 'Acknowledge'}
              </button>
            )}
            {retryable(t) && (
              <button type="button" class="btn" disabled={retry.busy} onClick={() => void retry.run()}>
                {retry.busy ? 'Retrying…' : 'Retry failed deliveries'}
              </button>
            )}
          </div>
          <div aria-live="polite">{notice && <p class="note ok small">{notice}</p>}</div>
          {ack.error && <ErrorNote error={ack.error} />}
          {retry.error && <ErrorNote error={retry.error} />}

          <section aria-labelledby="summary-h">
            <h3 id="summary-h">Handoff summary</h3>
            <p class="headline">{t.summary.headline}</p>
            {t.summary.nextAction && !plainText(t.summary.markdown).includes(t.summary.nextAction) && (
              <p class="note info">
                <strong>Suggested next step:</strong> {t.summary.nextAction}
              </p>
            )}
            <SummaryMarkdown source={withoutHeadline(t.summary.markdown, t.summary.headline)} level={3} />
            <p class="muted small">Written from stored facts{t.summary.source === 'model' ? ', prose by the AI model' : ''}.</p>
          </section>

          {t.reasons.length > 0 && (
            <section aria-labelledby="why-h">
              <h3 id="why-h">Why it fired</h3>
              <ul class="plain">
                {t.reasons.map((r) => (
                  <li key={r.id}>
                    <ReasonChip reason={r} /> {r.sentence}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="actions-h">
            <h3 id="actions-h">Actions</h3>
            <ul class="plain">
              {t.actions.map((a, i) => (
                <li key={i}>{describeAction(a)}</li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="deliveries-h">
            <h3 id="deliveries-h">Deliveries</h3>
            {t.deliveries.length === 0 ? (
              <p class="muted">This trigger sends nothing anywhere (its actions are recorded here).</p>
            ) : (
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">Destination</th>
                      <th scope="col">State</th>
                      <th scope="col">Attempts</th>
                      <th scope="col">Last answer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.deliveries.map((d) => (
                      <tr key={d.id}>
                        <td>
                          <span class="strong">{d.destinationName}</span>
                          <div class="muted small">
                            {humanize(d.destinationKind)} · {humanize(d.action)}
                          </div>
                        </td>
                        <td>
                          <DeliveryBadge state={d.state} />
                          <div class="muted small">
                            {d.state === 'delivered' && d.deliveredAt ? dateTime(d.deliveredAt) : d.state === 'pending' || d.state === 'failed' ? `next ${relative(d.nextAttemptAt)}` : ''}
                          </div>
                        </td>
                        <td>{d.attempts}</td>
                        <td class="small">
                          {d.lastStatus !== null && <code>{d.lastStatus}</code>} {d.lastError ?? (d.lastStatus === null ? <span class="muted">—</span> : null)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </article>
      )}
    </Load>
  );
}
