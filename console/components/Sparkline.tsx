// An account's score trend in a table row: a small chart.js line with no axes, described in words for screen readers.
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useRef } from 'preact/hooks';
import { useChart } from './Chart';

export interface TrendPoint {
  day: number;
  score: number;
}

/** "Score 41 to 72 over 14 days": the words the picture stands for. */
export function describeTrend(trend: TrendPoint[]): string {
  if (trend.length === 0) return 'No score history yet';
  const first = trend[0]!.score;
  const last = trend[trend.length - 1]!.score;
  const days = trend.length;
  if (days === 1) return `Score ${last}, first day scored`;
  const change = last === first ? 'steady at' : last > first ? 'rising to' : 'falling to';
  return `Score ${change} ${last} over ${days} days (from ${first})`;
}

export function Sparkline({ trend, width = 120, height = 32 }: { trend: TrendPoint[]; width?: number; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const rising = trend.length > 1 && trend[trend.length - 1]!.score > trend[0]!.score;
  const config = useMemo<ChartConfiguration>(() => {
    const colour = rising ? '#b42318' : '#0f6e50';
    return {
      type: 'line',
      data: {
        labels: trend.map((p) => p.day),
        datasets: [{ data: trend.map((p) => p.score), borderColor: colour, backgroundColor: rising ? '#b4231822' : '#0f6e5022', borderWidth: 2, pointRadius: 0, fill: 'start', tension: 0.3 }],
      },
      options: {
        responsive: false,
        animation: false,
        events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: { x: { display: false }, y: { display: false, min: 0, max: 100 } },
        layout: { padding: 2 },
      },
    };
  }, [trend, rising]);
  useChart(canvas, trend.length < 2 ? null : config);
  const text = describeTrend(trend);
  if (trend.length < 2) return <span class="muted small">{trend.length ? 'New' : '—'}</span>;
  return <canvas ref={canvas} class="spark" width={width} height={height} role="img" aria-label={text} title={text} />;
}
