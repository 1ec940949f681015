// Analytics in chart.js: what tips prevent (escalation rate after a tip against the holdout, each with its 95 %
// interval drawn as a floating bar), why cases escalated (by pattern, and per day), and where users struggle (by
// screen, and per day). Every chart has its figures in a table beneath it.
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { Prevention } from '../../edge/analytics/prevention';
import { api, query } from '../api';
import type { PageProps } from '../App';
import { ChartCanvas, PALETTE } from '../components/Chart';
import { Empty, Load } from '../components/States';
import { day, humanize, patternName, percent, plural } from '../format';
import { useResource } from '../hooks';
import { navigate } from '../router';

const DAY_MS = 86_400_000;
const PERIODS = [7, 30, 90];
/** Tips beyond this many make the forest plot unreadable; the table lists them all. */
const TIPS_IN_CHART = 6;
const SCREENS_IN_CHART = 10;
/** Light tones of the two arms for their interval bars, dark ones for the point estimate (≥ 3:1 on white). */
const ARMS = { shown: { line: '#0f6e50', band: '#0f6e5040' }, heldOut: { line: '#c2410c', band: '#c2410c40' } };

export interface PreventionAnswer {
  from: number;
  to: number;
  windowDays: number;
  overall: Prevention;
  tips: Prevention[];
}
export interface EscalationsAnswer {
  from: number;
  to: number;
  byPattern: Array<{ pattern: string; count: number }>;
  byDay: Array<{ day: number; pattern: string; count: number }>;
}
export interface FrictionAnswer {
  from: number;
  to: number;
  byScreen: Array<{ screen: string; type: string; count: number; accounts: number }>;
  byDay: Array<{ day: number; type: string; count: number }>;
}

/** Every UTC day of the period, so days without a row show as zero rather than vanish. */
export function daysOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = Math.floor(from / DAY_MS) * DAY_MS; d < to; d += DAY_MS) out.push(d);
  return out;
}

/** Rows of (day, series, count) as one dataset per series over every day. */
export function seriesByDay<K extends string>(rows: Array<{ day: number; count: number } & Record<K, string>>, key: K, days: number[]) {
  const series = [...new Set(rows.map((r) => r[key]))];
  return series.map((name) => {
    const counts = new Map<number, number>();
    for (const r of rows) if (r[key] === name) counts.set(r.day, (counts.get(r.day) ?? 0) + r.count);
    return { name, data: days.map((d) => counts.get(d) ?? 0) };
  });
}

export function AnalyticsPage({ query: q }: PageProps) {
  const days = PERIODS.includes(Number(q.get('days'))) ? Number(q.get('days')) : 30;
  return (
    <section>
      <div class="page-head row-between">
        <div>
          <h1 tabIndex={-1}>Analytics</h1>
          <p class="muted">What tips prevent, why accounts escalate, and where users struggle.</p>
        </div>
        <div class="segmented" role="group" aria-label="Period">
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={p === days} onClick={() => navigate(`/analytics${query({ days: p === 30 ? '' : p })}`, { replace: true })}>
              {p} days
            </button>
          ))}
        </div>
      </div>
      <PreventionSection days={days} />
      <EscalationsSection days={days} />
      <FrictionSection days={days} />
    </section>
  );
}

const period = (days: number) => {
  // Whole minutes, so the same period asked twice is the same query.
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: to - days * DAY_MS, to };
};

function PreventionSection({ days }: { days: number }) {
  const { state, reload } = useResource((signal) => api<PreventionAnswer>(`/v1/analytics/prevention${query({ ...period(days), windowDays: 7 })}`, { signal }), [days]);
  return (
    <section class="card" aria-labelledby="prevention-h">
      <h2 id="prevention-h">Escalations prevented by tips</h2>
      <p class="muted small">
        Users who saw a tip against the holdout who were not shown it: how many filed a ticket or a case within 7 days. Bars are 95% intervals, diamonds the measured rate.
      </p>
      <Load state={state} what="prevention" retry={reload}>
        {(data) => (data.overall.shown.users + data.overall.heldOut.users === 0 ? <Empty title="No tip was met in this period.">When tips are shown (and held out), their effect is measured here.</Empty> : <Prevention data={data} />)}
      </Load>
    </section>
  );
}

/** Rows of the forest plot: all tips together first, then the tips met by the most users. */
export function forestRows(data: PreventionAnswer) {
  const tips = [...data.tips].sort((a, b) => b.shown.users + b.heldOut.users - (a.shown.users + a.heldOut.users)).slice(0, TIPS_IN_CHART);
  const rows: Array<{ label: string[]; arm: 'shown' | 'heldOut'; rate: number | null; low: number; high: number }> = [];
  for (const p of [data.overall, ...tips]) {
    const name = p.tipId === '*' ? 'All tips' : p.tipId;
    rows.push({ label: [name, `saw it (${p.shown.users})`], arm: 'shown', rate: p.shown.rate, low: p.shown.low, high: p.shown.high });
    rows.push({ label: [name, `held out (${p.heldOut.users})`], arm: 'heldOut', rate: p.heldOut.rate, low: p.heldOut.low, high: p.heldOut.high });
  }
  return rows;
}

function Prevention({ data }: { data: PreventionAnswer }) {
  const o = data.overall;
  const rows = forestRows(data);
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          {
            type: 'bar',
            label: '95% interval',
            data: rows.map((r) => [r.low * 100, r.high * 100] as unknown as number),
            backgroundColor: rows.map((r) => ARMS[r.arm].band),
            borderColor: rows.map((r) => ARMS[r.arm].line),
            borderWidth: 1,
            borderSkipped: false,
            barPercentage: 0.5,
            categoryPercentage: 0.9,
          },
          {
            type: 'line',
            label: 'Escalation rate',
            data: rows.map((r) => (r.rate === null ? null : r.rate * 100)) as number[],
            showLine: false,
            pointStyle: 'rectRot',
            pointRadius: 7,
            pointHoverRadius: 8,
            backgroundColor: rows.map((r) => ARMS[r.arm].line),
            borderColor: '#fff',
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const r = rows[ctx.dataIndex]!;
                return ctx.datasetIndex === 0 ? `95% interval ${percent(r.low)} – ${percent(r.high)}` : `Escalated ${percent(r.rate)}`;
              },
            },
          },
        },
        scales: { x: { min: 0, title: { display: true, text: 'Escalated within 7 days (%)' }, ticks: { callback: (v) => `${v}%` } }, y: { grid: { display: false }, ticks: { autoSkip: false } } },
      },
    }),
    [data],
  );
  const verdict = !o.reduction
    ? 'Not measurable yet: both the shown and the held-out group need users.'
    : o.significant
      ? o.reduction.value > 0
        ? 'Tips reduce escalations: the interval of the difference is above zero.'
        : 'Users who saw tips escalated more often: the interval is below zero. Review the tips.'
      : `No clear effect yet: the difference’s interval includes zero (${plural(o.shown.users + o.heldOut.users, 'user')} so far).`;
  return (
    <>
      <div class="stats">
        <Stat label="Escalated after a tip" value={percent(o.shown.rate)} detail={`${percent(o.shown.low)} – ${percent(o.shown.high)}, ${plural(o.shown.users, 'user')}`} />
        <Stat label="Escalated in the holdout" value={percent(o.heldOut.rate)} detail={`${percent(o.heldOut.low)} – ${percent(o.heldOut.high)}, ${plural(o.heldOut.users, 'user')}`} />
        <Stat
          label="Escalations prevented"
          value={o.prevented ? String(o.prevented.value) : '—'}
          detail={o.prevented ? `95% interval ${o.prevented.low} to ${o.prevented.high}` : 'needs both groups'}
          tone={o.significant && (o.reduction?.value ?? 0) > 0 ? 'good' : undefined}
        />
      </div>
      <p class={`note ${o.significant && (o.reduction?.value ?? 0) > 0 ? 'ok' : 'info'}`}>{verdict}</p>
      <div class="legend" aria-hidden="true">
        <span class="key key-shown" /> Saw the tip <span class="key key-held" /> Held out
      </div>
      <ChartCanvas config={config} size="lg" height={Math.max(380, 40 * (config.data.labels?.length ?? 0) + 60)} label={`Escalation rates with 95% intervals. All tips: ${percent(o.shown.rate)} after a tip, ${percent(o.heldOut.rate)} in the holdout. ${verdict}`} />
      <details>
        <summary>Show the figures</summary>
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">Escalation rate by tip, shown against held out</caption>
            <thead>
              <tr>
                <th scope="col">Tip</th>
                <th scope="col">Saw it</th>
                <th scope="col">Held out</th>
                <th scope="col">Difference</th>
                <th scope="col">Prevented</th>
              </tr>
            </thead>
            <tbody>
              {[o, ...data.tips].map((p) => (
                <tr key={p.tipId}>
                  <th scope="row">{p.tipId === '*' ? 'All tips' : p.tipId}</th>
                  <td>
                    {percent(p.shown.rate)} <span class="muted small">of {p.shown.users}</span>
                  </td>
                  <td>
                    {percent(p.heldOut.rate)} <span class="muted small">of {p.heldOut.users}</span>
                  </td>
                  <td>{p.reduction ? `${percent(p.reduction.value)} (${percent(p.reduction.low)} to ${percent(p.reduction.high)})` : '—'}</td>
                  <td>
                    {p.prevented ? `${p.prevented.value} (${p.prevented.low} to ${p.prevented.high})` : '—'}
                    {p.significant && <span class="badge badge-ok">clear</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function Stat({ label, value, detail, tone }: { label: string; value: string; detail: string; tone?: 'good' }) {
  return (
    <div class={`stat ${tone ? `stat-${tone}` : ''}`}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      <div class="muted small">{detail}</div>
    </div>
  );
}

/** One colour per series name, the same in every chart of a section (a signal type is one colour everywhere). */
const colourOf = (name: string, all: string[]) => PALETTE[Math.max(0, [...all].sort().indexOf(name)) % PALETTE.length]!;

const stacked = (labels: string[], series: Array<{ name: string; data: number[] }>, names: (s: string) => string, horizontal = false, all = series.map((s) => s.name)): ChartConfiguration => ({
  type: 'bar',
  data: {
    labels,
    datasets: series.map((s) => ({ label: names(s.name), data: s.data, backgroundColor: colourOf(s.name, all), borderRadius: 2, maxBarThickness: 28 })),
  },
  options: {
    indexAxis: horizontal ? 'y' : 'x',
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    scales: {
      x: { stacked: true, ...(horizontal ? { ticks: { precision: 0 } } : { ticks: { maxTicksLimit: 10 }, grid: { display: false } }) },
      y: { stacked: true, ...(horizontal ? { grid: { display: false } } : { ticks: { precision: 0 } }) },
    },
  },
});

function EscalationsSection({ days }: { days: number }) {
  const { state, reload } = useResource((signal) => api<EscalationsAnswer>(`/v1/analytics/escalations${query(period(days))}`, { signal }), [days]);
  return (
    <section class="card" aria-labelledby="escalations-h">
      <h2 id="escalations-h">Why accounts escalated</h2>
      <p class="muted small">Rules that fired, by the risk pattern behind them.</p>
      <Load state={state} what="escalations" retry={reload}>
        {(data) => (data.byPattern.length === 0 ? <Empty title="No rule fired in this period." /> : <Escalations data={data} />)}
      </Load>
    </section>
  );
}

function Escalations({ data }: { data: EscalationsAnswer }) {
  const dayList = daysOf(data.from, data.to);
  const byPattern = useMemo(() => stacked(data.byPattern.map((p) => patternName(p.pattern)), [{ name: 'Triggers', data: data.byPattern.map((p) => p.count) }], (s) => s, true), [data]);
  const overTime = useMemo(() => stacked(dayList.map(day), seriesByDay(data.byDay, 'pattern', dayList), patternName), [data]);
  if (byPattern.options?.plugins?.legend) byPattern.options.plugins.legend.display = false;
  const top = data.byPattern[0]!;
  return (
    <div class="grid-2 grid-charts">
      <div>
        <h3>By pattern</h3>
        <ChartCanvas config={byPattern} size="md" label={`Triggers by pattern; most often ${patternName(top.pattern)} (${top.count}).`} />
      </div>
      <div>
        <h3>Over time</h3>
        <ChartCanvas config={overTime} size="md" label={`Triggers per day by pattern over ${dayList.length} days.`} />
      </div>
      <details class="span-2">
        <summary>Show the figures</summary>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Pattern</th>
              <th scope="col">Triggers</th>
            </tr>
          </thead>
          <tbody>
            {data.byPattern.map((p) => (
              <tr key={p.pattern}>
                <th scope="row">{patternName(p.pattern)}</th>
                <td>{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

function FrictionSection({ days }: { days: number }) {
  const { state, reload } = useResource((signal) => api<FrictionAnswer>(`/v1/analytics/friction${query(period(days))}`, { signal }), [days]);
  return (
    <section class="card" aria-labelledby="friction-h">
      <h2 id="friction-h">Where users struggle</h2>
      <p class="muted small">Friction signals from the SDK, by screen and by kind.</p>
      <Load state={state} what="friction" retry={reload}>
        {(data) => (data.byScreen.length === 0 ? <Empty title="No friction signals in this period." /> : <Friction data={data} />)}
      </Load>
    </section>
  );
}

/** Screens by total signals, most first, each with its counts per signal type. */
export function screensByTotal(rows: FrictionAnswer['byScreen'], limit: number) {
  const totals = new Map<string, { total: number; accounts: number; byType: Map<string, number> }>();
  for (const r of rows) {
    const s = totals.get(r.screen) ?? { total: 0, accounts: 0, byType: new Map() };
    s.total += r.count;
    s.accounts = Math.max(s.accounts, r.accounts);
    s.byType.set(r.type, (s.byType.get(r.type) ?? 0) + r.count);
    totals.set(r.screen, s);
  }
  return [...totals].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0])).slice(0, limit);
}

function Friction({ data }: { data: FrictionAnswer }) {
  const dayList = daysOf(data.from, data.to);
  const screens = screensByTotal(data.byScreen, SCREENS_IN_CHART);
  const types = [...new Set([...data.byScreen, ...data.byDay].map((r) => r.type))];
  const byScreen = useMemo(
    () =>
      stacked(
        screens.map(([s]) => s),
        types.map((t) => ({ name: t, data: screens.map(([, v]) => v.byType.get(t) ?? 0) })),
        humanize,
        true,
        types,
      ),
    [data],
  );
  const overTime = useMemo(() => stacked(dayList.map(day), seriesByDay(data.byDay, 'type', dayList), humanize, false, types), [data]);
  const top = screens[0]!;
  return (
    <div class="grid-2 grid-charts">
      <div>
        <h3>By screen</h3>
        <ChartCanvas config={byScreen} size="md" label={`Friction by screen; most on ${top[0]} (${top[1].total} signals).`} />
      </div>
      <div>
        <h3>Over time</h3>
        <ChartCanvas config={overTime} size="md" label={`Friction signals per day by kind over ${dayList.length} days.`} />
      </div>
      <details class="span-2">
        <summary>Show the figures</summary>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Screen</th>
              <th scope="col">Signals</th>
              <th scope="col">Accounts</th>
              <th scope="col">Kinds</th>
            </tr>
          </thead>
          <tbody>
            {screensByTotal(data.byScreen, 1000).map(([screen, s]) => (
              <tr key={screen}>
                <th scope="row">
                  <code>{screen}</code>
                </th>
                <td>{s.total}</td>
                <td>{s.accounts}</td>
                <td class="small">
                  {[...s.byType]
                    .map(([t, n]) => `${humanize(t)} ${n}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
