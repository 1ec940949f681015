// happy-dom has no canvas: chart.js is replaced by a recorder, so tests can check what each chart was asked to draw.
import { vi } from 'vitest';

export const drawn: Array<{ canvas: HTMLCanvasElement; config: { type: string; data: { labels?: unknown[]; datasets: Array<{ label?: string; data: unknown[] }> } } }> = [];

vi.mock('../chartjs', () => ({
  Chart: class {
    constructor(canvas: HTMLCanvasElement, config: (typeof drawn)[number]['config']) {
      drawn.push({ canvas, config });
    }
    destroy() {}
  },
}));
