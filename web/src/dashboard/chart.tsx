// A bar chart drawn by Chart.js, loaded on first use. The canvas is an image to assistive
// technologies (role="img", a summary as its name); the same figures are always in a table next to
// it, so nothing depends on seeing, hovering or the chart library loading at all.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface BarDataset {
  label: string;
  data: number[];
  colours: string | string[];
  /** The bars' outline; their fill colour when absent. */
  border?: string;
}

export interface BarChartProps {
  /** The accessible summary of what the chart shows (its highest and lowest values, say). */
  summary: string;
  labels: string[];
  datasets: BarDataset[];
  /** Bars across (agency names read well at any width) rather than up. */
  horizontal?: boolean;
  /** The value axis' end (a score's maximum); the data's own otherwise. */
  max?: number;
  /** Datasets on top of one another (earned + remaining points). */
  stacked?: boolean;
  /** Numbers as the page writes them (the tooltip and the value axis). */
  format?: (value: number) => string;
  /** Longest category label drawn in full; longer ones are cut with "…" (the tooltip has the whole). */
  labelChars?: number;
  /** Pixels; horizontal charts grow with their bars. */
  height?: number;
}

const INK = '#1b1f24';
const GRID = '#d5d9df';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

const reducedMotion = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const shorten = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1).trimEnd()}…` : text);

export function BarChart({ summary, labels, datasets, horizontal = false, max, stacked = false, format, labelChars = 28, height }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify([labels, datasets, horizontal, max, stacked, labelChars]);

  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    import('./chart-setup').then(({ Chart }) => {
      if (cancelled || !canvas.current) return;
      Chart.defaults.font.family = FONT;
      Chart.defaults.color = INK;
      const valueAxis = {
        beginAtZero: true,
        max,
        stacked,
        grid: { color: GRID },
        // Axis steps are round numbers: written plainly in the page's language (the tooltip uses `format`).
        ticks: { callback: (v: string | number) => Number(v).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN') },
      };
      const categoryAxis = {
        stacked,
        grid: { display: false },
        ticks: {
          autoSkip: false,
          callback(this: { getLabelForValue(v: number): string }, v: string | number) { return shorten(this.getLabelForValue(Number(v)), labelChars); },
        },
      };
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: {
          labels,
          datasets: datasets.map((d) => ({ label: d.label, data: d.data, backgroundColor: d.colours, borderColor: d.border ?? d.colours, borderWidth: d.border ? 2 : 1, maxBarThickness: 28 })),
        },
        options: {
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: reducedMotion() ? false : { duration: 300 },
          scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
          plugins: {
            tooltip: {
              callbacks: {
                label: (item) => `${datasets.length > 1 ? `${item.dataset.label}: ` : ''}${format ? format(Number(item.raw)) : String(item.raw)}`,
              },
            },
          },
        },
      });
    }).catch(() => { if (!cancelled) setFailed(true); });
    return () => { cancelled = true; chart?.destroy(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Without the library (offline, blocked), the table beside the chart carries the same figures.
  if (failed) return null;
  const px = height ?? (horizontal ? Math.max(160, labels.length * (datasets.length > 1 && !stacked ? 40 : 26) + 48) : 280);
  return (
    <div class="chart-box dash-chart" style={{ height: `${px}px` }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
