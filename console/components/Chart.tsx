// One chart.js chart on a canvas, created when chart.js has loaded, replaced when its configuration changes, and
// destroyed with the component. The canvas is an image with a text alternative; pages add the data as a table.
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';

type ChartClass = typeof import('chart.js').Chart;
let loading: Promise<ChartClass> | undefined;
/** chart.js arrives in its own chunk, once. */
export const loadChart = (): Promise<ChartClass> => (loading ||= import('../chartjs').then((m) => m.Chart));

/** Series colours, distinct for common colour blindness and ≥ 3:1 against white as non-text contrast asks. */
export const PALETTE = ['#0f6e50', '#c2410c', '#1d4ed8', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#a16207', '#475569'];

export interface ChartProps {
  config: ChartConfiguration;
  /** What the chart shows, for people who cannot see it. */
  label: string;
  /** CSS size class of the frame (chart.js fills its parent). */
  size?: 'sm' | 'md' | 'lg';
  /** Pixels, for charts that grow with their rows; set through the CSSOM, which the page's CSP allows. */
  height?: number;
}

/** Draws `config` on the canvas once chart.js is in; redraws when `config` changes (memoise it). */
export function useChart(canvas: { current: HTMLCanvasElement | null }, config: ChartConfiguration | null): boolean {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!config) return;
    let chart: InstanceType<ChartClass> | undefined;
    let gone = false;
    loadChart().then(
      (Chart) => {
        if (!gone && canvas.current) chart = new Chart(canvas.current, config);
      },
      () => setFailed(true),
    );
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [config]);
  return failed;
}

export function ChartCanvas({ config, label, size = 'md', height }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (frame.current && height) frame.current.style.height = `${height}px`;
  }, [height]);
  if (useChart(canvas, config)) return <p class="muted">The chart could not load; the table below has the same figures.</p>;
  return (
    <div ref={frame} class={`chart chart-${size}`}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
