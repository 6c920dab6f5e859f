// Chart.js with only what the dashboard draws: bar charts on category and linear scales, with
// tooltips. Imported dynamically by chart.tsx, so it is its own chunk, loaded by the dashboard's
// pages alone and after their tables (never part of the home page's first load).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
