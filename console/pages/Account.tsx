// One account: its CRM fields, its score with every reason's sentence and the evidence behind it (tickets, signals,
// users, cases, dates) linked to where they appear, the merged timeline, its users, tickets, cases and triggers.
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'preact/hooks';
import type { TimelineItem, TimelineKind } from '../../edge/accounts/timeline';
import type { TriggerRecord } from '../../edge/actions/types';
import type { Reason } from '../../edge/risk/types';
import type { AccountRecord, AtRiskRow, CaseListItem, CaseRecord, TicketListItem, UserRecord } from '../../edge/store';
import { api, query } from '../api';
import type { PageProps } from '../App';
import { DeliveryBadge, ReasonChip, ScoreBadge } from '../components/Badges';
import { ChartCanvas, PALETTE } from '../components/Chart';
import { describeTrend } from '../components/Sparkline';
import { SummaryMarkdown } from '../components/Markdown';
import { Empty, Load } from '../components/States';
import { date, dateTime, day, humanize, money, plural, relative } from '../format';
import { useResource } from '../hooks';
import { href } from '../router';

export interface AccountView {
  accountId: string;
  account: AccountRecord | null;
  users: UserRecord[];
  cases: CaseListItem[];
  tickets: TicketListItem[];
  risk: AtRiskRow | null;
  triggers: TriggerRecord[];
  timeline: TimelineItem[];
}

/** Enough history to cover every reason's evidence window (30 days). */
const TIMELINE_LIMIT = 200;

/** Anchors inside the page, so evidence links land on the thing they name. */
export const anchor = {
  ticket: (id: string) => `ticket-${id}`,
  event: (id: string) => `event-${id}`,
  user: (id: string) => `user-${id}`,
  case: (ref: string) => `case-${ref}`,
};
const link = (id: string) => `#${encodeURIComponent(id)}`;

export function AccountPage({ params }: PageProps) {
  const id = params.id!;
  const { state, reload } = useResource((signal) => api<AccountView>(`/v1/accounts/${encodeURIComponent(id)}${query({ limit: TIMELINE_LIMIT })}`, { signal }), [id]);
  return (
    <section>
      <p class="crumbs">
        <a href={href('/')}>At-risk accounts</a> <span aria-hidden="true">/</span>
      </p>
      <Load state={state} what="this account" retry={reload}>
        {(view) => <Account view={view} />}
      </Load>
    </section>
  );
}

function Account({ view }: { view: AccountView }) {
  const a = view.account;
  const risk = view.risk;
  const [highlight, setHighlight] = useState<{ reason: string; refs: Set<string> } | null>(null);
  const names = useMemo(() => new Map(view.users.map((u) => [u.id, u.name ?? u.email ?? u.id])), [view.users]);
  const known = !!a || view.users.length > 0 || view.tickets.length > 0 || view.timeline.length > 0;
  return (
    <>
      <div class="page-head account-head">
        <div>
          <h1 tabIndex={-1}>{a?.name ?? view.accountId}</h1>
          <p class="muted">
            <code>{view.accountId}</code>
            {a?.domain ? ` · ${a.domain}` : ''}
          </p>
        </div>
        {risk && <ScoreBadge score={risk.score} level={risk.level} />}
      </div>
      {!known && <Empty title="Forestall knows nothing about this account yet.">No CRM record, users, tickets or product events carry this account id.</Empty>}
      {risk?.requiresHuman && (
        <p class="note warn" role="note">
          <strong>A human must handle this account’s open issue.</strong> A guardrail was hit; no automated tip or reply stands in for a person.
        </p>
      )}
      <CrmFacts account={a} />
      <div class="grid-2">
        <div>
          <section class="card" aria-labelledby="reasons-h">
            <h2 id="reasons-h">Why the score is {risk ? risk.score : '—'}</h2>
            {risk ? (
              <>
                <p class="muted small">Evaluated {relative(risk.evaluatedAt)}. Each pattern adds points and context adds or takes some away; past 60 the score rises ever more slowly towards 100.</p>
                {risk.reasons.length === 0 ? (
                  <p>No pattern matches: this account looks healthy.</p>
                ) : (
                  <ol class="reasons">
                    {risk.reasons.map((r) => (
                      <ReasonItem
                        key={r.id}
                        reason={r}
                        names={names}
                        highlighted={highlight?.reason === r.id}
                        onHighlight={(refs) => setHighlight(highlight?.reason === r.id ? null : { reason: r.id, refs })}
                      />
                    ))}
                  </ol>
                )}
              </>
            ) : (
              <p>Not scored yet. Forestall scores an account when its tickets, ratings or product events change.</p>
            )}
          </section>
          <Timeline items={view.timeline} names={names} highlight={highlight?.refs ?? null} onClear={() => setHighlight(null)} />
        </div>
        <div>
          {risk && <TrendCard trend={risk.trend} />}
          <TriggersCard triggers={view.triggers} />
          <UsersCard users={view.users} />
          <CasesCard cases={view.cases} />
        </div>
      </div>
      <TicketsCard tickets={view.tickets} names={names} />
    </>
  );
}

function CrmFacts({ account: a }: { account: AccountRecord | null }) {
  if (!a) return null;
  const facts: Array<[string, string]> = [
    ['Tier', a.tier ?? '—'],
    ['Plan', a.plan ?? '—'],
    ['ARR', money(a.arr)],
    ['Renewal', a.renewalDate ? `${date(a.renewalDate)} (${relative(a.renewalDate)})` : '—'],
    ['Owner', a.owner ?? '—'],
    ['CSM', a.csm ?? '—'],
    ['Health', a.health ? `${a.health}${a.healthScore !== null ? ` (${a.healthScore})` : ''}` : a.healthScore !== null ? String(a.healthScore) : '—'],
  ];
  return (
    <dl class="facts">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The refs a reason's evidence names that the timeline can show. */
export const evidenceRefs = (r: Reason): Set<string> => new Set([...(r.evidence.ticketIds ?? []), ...(r.evidence.signalIds ?? []), ...(r.evidence.caseIds ?? [])]);

/** People by user id, as the account's users name them. */
type Names = Map<string, string>;
const nameOf = (names: Names, id: string | null): string | null => (id === null ? null : (names.get(id) ?? id));

function ReasonItem({ reason: r, names, highlighted, onHighlight }: { reason: Reason; names: Names; highlighted: boolean; onHighlight: (refs: Set<string>) => void }) {
  const e = r.evidence;
  const refs = evidenceRefs(r);
  const points = `${r.points < 0 ? '−' : '+'}${Math.abs(r.points)}`;
  return (
    <li class={`reason ${highlighted ? 'is-on' : ''}`}>
      <div class="reason-top">
        <ReasonChip reason={r} />
        <span class="points" title={r.kind === 'context' ? 'Points from the account’s context' : 'Points added to the score'}>
          {points}
        </span>
      </div>
      <p class="sentence">{r.sentence}</p>
      <dl class="evidence">
        {e.ticketIds?.length ? (
          <div>
            <dt>Tickets</dt>
            <dd>
              {e.ticketIds.map((t) => (
                <a key={t} class="ref" href={link(anchor.ticket(t))}>
                  {t}
                </a>
              ))}
            </dd>
          </div>
        ) : null}
        {e.signalIds?.length ? (
          <div>
            <dt>Signals</dt>
            <dd>
              {e.signalIds.slice(0, 8).map((s, i) => (
                <a key={s} class="ref" href={link(anchor.event(s))} title={s}>
                  #{i + 1}
                </a>
              ))}
              {e.signalIds.length > 8 && <span class="muted"> and {e.signalIds.length - 8} more</span>}
            </dd>
          </div>
        ) : null}
        {e.userIds?.length ? (
          <div>
            <dt>Users</dt>
            <dd>
              {e.userIds.map((u) => (
                <a key={u} class="ref" href={link(anchor.user(u))}>
                  {nameOf(names, u)}
                </a>
              ))}
            </dd>
          </div>
        ) : null}
        {e.caseIds?.length ? (
          <div>
            <dt>Cases</dt>
            <dd>
              {e.caseIds.map((c) => (
                <a key={c} class="ref" href={link(anchor.case(c))}>
                  {c}
                </a>
              ))}
            </dd>
          </div>
        ) : null}
        {e.from !== undefined || e.to !== undefined ? (
          <div>
            <dt>When</dt>
            <dd>{[e.from, e.to].filter((x): x is number => x !== undefined).map(dateTime).join(' – ')}</dd>
          </div>
        ) : null}
        {e.values && Object.keys(e.values).length ? (
          <div>
            <dt>Figures</dt>
            <dd>
              {Object.entries(e.values)
                .map(([k, v]) => `${humanize(k)}: ${v}`)
                .join(' · ')}
            </dd>
          </div>
        ) : null}
      </dl>
      {refs.size > 0 && (
        <button type="button" class="btn btn-small" aria-pressed={highlighted} onClick={() => onHighlight(refs)}>
          {highlighted ? 'Stop highlighting' : `Highlight in timeline (${refs.size})`}
        </button>
      )}
    </li>
  );
}

const KIND_NAMES: Record<TimelineKind, string> = {
  signal: 'Friction',
  help: 'Help',
  tip: 'Tip',
  ticket: 'Ticket',
  ticket_status: 'Ticket',
  csat: 'CSAT',
  case: 'Case',
  trigger: 'Trigger',
  screen: 'Screen',
  other: 'Event',
};
const FILTERS: Array<{ id: string; label: string; kinds: TimelineKind[] | null }> = [
  // Page views and other routine events outnumber everything else a hundred to one: shown only when asked.
  { id: 'key', label: 'What matters', kinds: ['signal', 'help', 'tip', 'ticket', 'ticket_status', 'csat', 'case', 'trigger'] },
  { id: 'signals', label: 'Friction', kinds: ['signal', 'help'] },
  { id: 'tickets', label: 'Tickets', kinds: ['ticket', 'ticket_status', 'csat'] },
  { id: 'tips', label: 'Tips', kinds: ['tip'] },
  { id: 'cases', label: 'Cases', kinds: ['case'] },
  { id: 'triggers', label: 'Triggers', kinds: ['trigger'] },
  { id: 'all', label: 'Everything', kinds: null },
];
/** Entries shown at first, and added by each "Show more". */
export const TIMELINE_PAGE = 40;

/** The anchor a timeline item carries: events by their id (signals are evidence); a case's anchor is its card's. */
function itemAnchor(t: TimelineItem): string | undefined {
  if (t.kind === 'signal' || t.kind === 'help' || t.kind === 'tip' || t.kind === 'screen' || t.kind === 'other') return anchor.event(t.ref);
  return undefined;
}

export function Timeline({ items, names, highlight, onClear }: { items: TimelineItem[]; names: Names; highlight: Set<string> | null; onClear: () => void }) {
  const [filter, setFilter] = useState('key');
  const [limit, setLimit] = useState(TIMELINE_PAGE);
  const kinds = FILTERS.find((f) => f.id === filter)?.kinds ?? null;
  const matching = items.filter((t) => (!kinds || kinds.includes(t.kind)) && (!highlight || highlight.has(t.ref)));
  const shown = matching.slice(0, limit);
  return (
    <section class="card" aria-labelledby="timeline-h" id="timeline">
      <h2 id="timeline-h">Timeline</h2>
      <div class="segmented" role="group" aria-label="Show in the timeline">
        {FILTERS.map((f) => (
          <button
            key={f.id}
            type="button"
            aria-pressed={filter === f.id}
            onClick={() => {
              setFilter(f.id);
              setLimit(TIMELINE_PAGE);
            }}
          >
            {f.label}
          </button>
        ))}
      </div>
      {highlight && (
        <p class="note info small">
          Showing the evidence of one reason.{' '}
          <button type="button" class="link" onClick={onClear}>
            Show everything
          </button>
        </p>
      )}
      {shown.length === 0 ? (
        <p class="muted">{items.length === 0 ? 'Nothing has happened on this account yet.' : 'Nothing of this kind.'}</p>
      ) : (
        <ol class="timeline">
          {shown.map((t, i) => (
            <li key={`${t.kind}-${t.ref}-${t.at}-${i}`} id={itemAnchor(t)} class={`tl tl-${t.kind}`}>
              <time dateTime={new Date(t.at).toISOString()}>{dateTime(t.at)}</time>
              <span class={`kind kind-${t.kind}`}>{KIND_NAMES[t.kind]}</span>
              <span class="tl-title">
                {t.kind === 'trigger' ? <a href={href(`/triggers/${encodeURIComponent(t.ref)}`)}>{t.title}</a> : t.kind.startsWith('ticket') || t.kind === 'csat' ? <a href={link(anchor.ticket(t.ref))}>{t.title}</a> : t.title}
                {t.userId && <span class="muted small"> · {nameOf(names, t.userId)}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
      {matching.length > shown.length && (
        <button type="button" class="btn btn-small" onClick={() => setLimit(limit + TIMELINE_PAGE)}>
          Show {Math.min(TIMELINE_PAGE, matching.length - shown.length)} more of {matching.length - shown.length}
        </button>
      )}
    </section>
  );
}

function TrendCard({ trend }: { trend: AtRiskRow['trend'] }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: trend.map((p) => day(p.day)),
        datasets: [{ label: 'Risk score', data: trend.map((p) => p.score), borderColor: PALETTE[0], backgroundColor: '#0f6e5018', fill: 'start', tension: 0.25, pointRadius: 2 }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100, ticks: { stepSize: 25 } }, x: { ticks: { maxTicksLimit: 8 } } } },
    }),
    [trend],
  );
  return (
    <section class="card" aria-labelledby="trend-h">
      <h2 id="trend-h">Score, last {plural(trend.length, 'day')}</h2>
      {trend.length < 2 ? <p class="muted">{describeTrend(trend)}.</p> : <ChartCanvas config={config} label={describeTrend(trend)} size="sm" />}
    </section>
  );
}

function TriggersCard({ triggers }: { triggers: TriggerRecord[] }) {
  return (
    <section class="card" aria-labelledby="acc-triggers-h">
      <h2 id="acc-triggers-h">Triggers</h2>
      {triggers.length === 0 ? (
        <p class="muted">No rule has fired for this account.</p>
      ) : (
        <ul class="plain">
          {triggers.map((t) => (
            <li key={t.id} class="row-between">
              <span>
                <a href={href(`/triggers/${encodeURIComponent(t.id)}`)}>{t.ruleName}</a>
                <span class="muted small"> · {relative(t.firedAt)}</span>
              </span>
              <DeliveryBadge state={t.delivery} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function UsersCard({ users }: { users: UserRecord[] }) {
  return (
    <section class="card" aria-labelledby="users-h">
      <h2 id="users-h">{plural(users.length, 'user')}</h2>
      {users.length === 0 ? (
        <p class="muted">No users known for this account.</p>
      ) : (
        <ul class="plain users">
          {users.map((u) => (
            <li key={u.id} id={anchor.user(u.id)}>
              <span class="strong">{u.name ?? u.id}</span>
              {u.role && <span class="badge">{u.role}</span>}
              <div class="muted small">
                {[u.email, u.lastSeenAt ? `seen ${relative(u.lastSeenAt)}` : null, u.createdAt ? `joined ${date(u.createdAt)}` : null].filter(Boolean).join(' · ')}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CasesCard({ cases }: { cases: CaseListItem[] }) {
  if (cases.length === 0) return null;
  return (
    <section class="card" aria-labelledby="cases-h">
      <h2 id="cases-h">Handoff cases</h2>
      <ul class="plain">
        {cases.map((c) => (
          <li key={c.id} id={anchor.case(c.reference)}>
            <span class="strong">{c.reference}</span> <span class="badge">{c.status}</span>
            <div class="small">{c.tryingTo}</div>
            <div class="muted small">
              {dateTime(c.createdAt)}
              {c.userId ? ` · ${c.userId}` : ''}
            </div>
            <CaseSummary caseId={c.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The case's handoff summary, fetched when someone opens it: what the agent gets, trail and all. */
function CaseSummary({ caseId }: { caseId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details class="case-summary" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Handoff summary</summary>
      {open && <CaseSummaryBody caseId={caseId} />}
    </details>
  );
}

function CaseSummaryBody({ caseId }: { caseId: string }) {
  const { state, reload } = useResource((signal) => api<CaseRecord>(`/v1/cases/${encodeURIComponent(caseId)}`, { signal }), [caseId]);
  return (
    <Load state={state} what="the summary" retry={reload}>
      {(c) => <SummaryMarkdown source={c.summary} level={4} />}
    </Load>
  );
}

const STATUS_CLASS: Record<string, string> = { new: 'open', open: 'open', pending: 'pending', 'on-hold': 'pending', solved: 'done', closed: 'done' };

function TicketsCard({ tickets, names }: { tickets: TicketListItem[]; names: Names }) {
  return (
    <section class="card" aria-labelledby="tickets-h">
      <h2 id="tickets-h">Tickets</h2>
      {tickets.length === 0 ? (
        <p class="muted">No tickets from this account.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col" class="wide-only">Requester</th>
                <th scope="col">CSAT</th>
                <th scope="col">Opened</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((t) => (
                <tr key={t.id} id={anchor.ticket(t.id)}>
                  <td>
                    <code>{t.id}</code>
                    {t.priority && t.priority !== 'normal' && <span class={`badge prio-${t.priority}`}>{t.priority}</span>}
                  </td>
                  <td>
                    {t.subject ?? <span class="muted">(no subject)</span>}
                    <div class="muted small">{plural(t.messageCount, 'message')}</div>
                  </td>
                  <td>
                    <span class={`badge status-${STATUS_CLASS[t.status] ?? 'open'}`}>{t.status}</span>
                  </td>
                  <td class="wide-only">{nameOf(names, t.requesterId) ?? t.requesterEmail ?? '—'}</td>
                  <td>{t.csat ? <span class={`badge ${t.csat.negative ? 'csat-bad' : 'csat-good'}`}>{t.csat.score}</span> : <span class="muted">—</span>}</td>
                  <td>
                    {date(t.createdAt)}
                    {t.solvedAt && <div class="muted small">solved {date(t.solvedAt)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
