// At-risk accounts: score and level, the reasons as chips, the score's trend, and filters by tier, owner, reason and
// score that live in the URL, so a filtered list can be bookmarked and shared.
import type { AtRiskRow } from '../../edge/store';
import { CONTEXT_IDS, PATTERN_IDS } from '../../edge/risk/types';
import { api, query } from '../api';
import type { PageProps } from '../App';
import { ReasonChip, ScoreBadge } from '../components/Badges';
import { Sparkline } from '../components/Sparkline';
import { Empty, Load } from '../components/States';
import { money, patternName, plural, relative } from '../format';
import { useResource } from '../hooks';
import { href, navigate } from '../router';

export const PAGE_SIZE = 25;
/** Chips shown in a row before "+n more": enough to see what drives the score, short enough to scan. */
const CHIPS_IN_ROW = 3;
const SCORE_FLOORS = [
  { value: '1', label: 'Any risk' },
  { value: '25', label: '25 and up' },
  { value: '50', label: '50 and up (high)' },
  { value: '75', label: '75 and up (critical)' },
];

interface Filters {
  tier: string;
  owner: string;
  reason: string;
  minScore: string;
  offset: number;
}

export const readFilters = (q: URLSearchParams): Filters => ({
  tier: q.get('tier') ?? '',
  owner: q.get('owner') ?? '',
  reason: q.get('reason') ?? '',
  minScore: q.get('minScore') ?? '1',
  offset: Math.max(0, Number(q.get('offset')) || 0),
});

const toQuery = (f: Filters) => query({ tier: f.tier, owner: f.owner, reason: f.reason, minScore: f.minScore === '1' ? '' : f.minScore, offset: f.offset || '' });

export function AtRiskPage({ query: q }: PageProps) {
  const f = readFilters(q);
  const key = toQuery(f);
  const { state, reload } = useResource(
    (signal) => api<{ accounts: AtRiskRow[]; total: number }>(`/v1/accounts/at-risk${query({ tier: f.tier, owner: f.owner, reason: f.reason, minScore: f.minScore, limit: PAGE_SIZE, offset: f.offset, trendDays: 14 })}`, { signal }),
    [key],
  );
  const set = (change: Partial<Filters>) => navigate(`/${toQuery({ ...f, offset: 0, ...change })}`, { replace: true });
  const filtered = f.tier || f.owner || f.reason || f.minScore !== '1';

  return (
    <section>
      <div class="page-head">
        <h1 tabIndex={-1}>At-risk accounts</h1>
        <p class="muted">Accounts whose tickets, ratings and in-product friction point to an escalation, highest risk first.</p>
      </div>
      <form
        class="filters"
        aria-label="Filter accounts"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget as HTMLFormElement);
          set({ tier: String(data.get('tier') ?? '').trim(), owner: String(data.get('owner') ?? '').trim() });
        }}
      >
        <div class="field">
          <label for="f-tier">Tier</label>
          <input id="f-tier" name="tier" type="search" placeholder="enterprise" defaultValue={f.tier} key={`tier-${f.tier}`} />
        </div>
        <div class="field">
          <label for="f-owner">Owner or CSM</label>
          <input id="f-owner" name="owner" type="search" placeholder="Name" defaultValue={f.owner} key={`owner-${f.owner}`} />
        </div>
        <div class="field">
          <label for="f-reason">Reason</label>
          <select id="f-reason" value={f.reason} onChange={(e) => set({ reason: (e.target as HTMLSelectElement).value })}>
            <option value="">Any reason</option>
            <optgroup label="Patterns">
              {PATTERN_IDS.map((id) => (
                <option key={id} value={id}>
                  {patternName(id)}
                </option>
              ))}
            </optgroup>
            <optgroup label="Context">
              {CONTEXT_IDS.map((id) => (
                <option key={id} value={id}>
                  {patternName(id)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div class="field">
          <label for="f-score">Score</label>
          <select id="f-score" value={f.minScore} onChange={(e) => set({ minScore: (e.target as HTMLSelectElement).value })}>
            {SCORE_FLOORS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-actions">
          <button type="submit" class="btn">
            Apply
          </button>
          {filtered && (
            <button type="button" class="btn btn-quiet" onClick={() => navigate('/', { replace: true })}>
              Clear filters
            </button>
          )}
        </div>
      </form>
      <Load state={state} what="at-risk accounts" retry={reload}>
        {({ accounts, total }) =>
          accounts.length === 0 ? (
            filtered ? (
              <Empty title="No account matches these filters.">Try another reason or a lower score.</Empty>
            ) : (
              <Empty title="No account is at risk right now.">
                Scores appear as tickets, CSAT ratings and friction signals arrive. Connect your help desk and CRM (see the README) or use the demo app to create some.
              </Empty>
            )
          ) : (
            <>
              <p class="muted small" role="status">
                {plural(total, 'account')} {filtered ? 'match' : 'at risk'}
                {total > PAGE_SIZE ? `, showing ${f.offset + 1}–${f.offset + accounts.length}` : ''}
              </p>
              <div class="table-wrap">
                <table class="table accounts">
                  <thead>
                    <tr>
                      <th scope="col">Account</th>
                      <th scope="col">Risk</th>
                      <th scope="col">Why</th>
                      <th scope="col">Last 14 days</th>
                      <th scope="col" class="wide-only">Renewal</th>
                      <th scope="col" class="wide-only">Owner</th>
                    </tr>
                  </thead>
                  <tbody>
                    {accounts.map((a) => (
                      <AccountRow key={a.accountId} row={a} />
                    ))}
                  </tbody>
                </table>
              </div>
              {total > PAGE_SIZE && (
                <nav class="pager" aria-label="Pages">
                  <button type="button" class="btn" disabled={f.offset === 0} onClick={() => navigate(`/${toQuery({ ...f, offset: Math.max(0, f.offset - PAGE_SIZE) })}`)}>
                    Previous
                  </button>
                  <button type="button" class="btn" disabled={f.offset + PAGE_SIZE >= total} onClick={() => navigate(`/${toQuery({ ...f, offset: f.offset + PAGE_SIZE })}`)}>
                    Next
                  </button>
                </nav>
              )}
            </>
          )
        }
      </Load>
    </section>
  );
}

function AccountRow({ row }: { row: AtRiskRow }) {
  const patterns = row.reasons.filter((r) => r.kind === 'pattern');
  const context = row.reasons.filter((r) => r.kind === 'context');
  const shown = [...patterns, ...context].slice(0, CHIPS_IN_ROW);
  const more = row.reasons.length - shown.length;
  return (
    <tr>
      <td>
        <a class="strong" href={href(`/accounts/${encodeURIComponent(row.accountId)}`)}>
          {row.name ?? row.accountId}
        </a>
        <div class="muted small">
          {[row.tier, row.arr !== null ? `${money(row.arr)} ARR` : null].filter(Boolean).join(' · ') || row.accountId}
        </div>
        {row.requiresHuman && <span class="badge badge-human">Needs a human</span>}
      </td>
      <td>
        <ScoreBadge score={row.score} level={row.level} />
      </td>
      <td>
        <div class="chips">
          {shown.map((r) => (
            <ReasonChip key={r.id} reason={r} />
          ))}
          {more > 0 && <span class="chip chip-more">+{more}</span>}
        </div>
        {patterns[0] && <p class="reason-line small">{patterns[0].sentence}</p>}
      </td>
      <td>
        <Sparkline trend={row.trend} />
      </td>
      <td class="wide-only">{row.renewalAt ? relative(row.renewalAt) : <span class="muted">—</span>}</td>
      <td class="wide-only">{row.owner ?? row.csm ?? <span class="muted">Unassigned</span>}</td>
    </tr>
  );
}
