// chart.js with only the pieces the console draws (lines, bars, floating interval bars), in a chunk of its own that
// loads with the first chart; the sign-in page never pays for it.
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.font.size = 12;
// Axis text meets AA on white (7.4:1).
Chart.defaults.color = '#424a53';
Chart.defaults.borderColor = '#e4e7eb';
Chart.defaults.maintainAspectRatio = false;
if (matchMedia('(prefers-reduced-motion: reduce)').matches) Chart.defaults.animation = false;

export { Chart };
