/**
 * One chart.js canvas (issue 8 item 3: a well-kept chart library, not hand-drawn SVG). Only the pieces the app uses
 * are registered (bar and doughnut, tree-shaken), without animation (no idle CPU, nothing moves for people who
 * prefer less motion) and without the library's hover tooltips: the figures are written next to every chart.
 * The canvas is an image with a text alternative (`description`, required), and `seuils` draws the label's
 * thresholds as vertical lines with their names on a horizontal bar chart.
 */
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, LinearScale, LineController, LineElement, PointElement, type ChartConfiguration, type Plugin } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { SeuilLine } from '../lib/charts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, LineController, LineElement, PointElement);
Chart.defaults.animation = false;

/** A CSS custom property of the page (the theme's colours), with a fallback (also outside a browser: unit tests). */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') return fallback;
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/**
 * Draws each seuil as a dashed line across the chart area at its value on the % scale: vertical on a horizontal
 * bar chart (`axis` 'x', names above, ~30 px of top padding), horizontal on a line chart (`axis` 'y', names at the
 * right end).
 */
export function seuilPlugin<T extends 'bar' | 'line'>(seuils: readonly SeuilLine[], color: string, axis: 'x' | 'y' = 'x'): Plugin<T> {
  return {
    id: 'seuils',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const scale = chart.scales[axis];
      if (!scale) return;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.font = '11px system-ui, sans-serif';
      seuils.forEach((s, i) => {
        const px = scale.getPixelForValue(s.value);
        ctx.beginPath();
        if (axis === 'x') {
          ctx.moveTo(px, chartArea.top);
          ctx.lineTo(px, chartArea.bottom);
        } else {
          ctx.moveTo(chartArea.left, px);
          ctx.lineTo(chartArea.right, px);
        }
        ctx.stroke();
        if (axis === 'x') {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          // Names on two staggered lines, so close seuils (65 %, 75 %) do not overwrite each other.
          ctx.fillText(s.nom, px, chartArea.top - 2 - (i % 2) * 13);
        } else {
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(s.nom, chartArea.right - 2, px - 2);
        }
      });
      ctx.restore();
    },
  };
}

export interface ChartCanvasProps {
  /** Built on each render; the chart is rebuilt when `dataKey` changes. */
  config: () => ChartConfiguration<'bar'> | ChartConfiguration<'doughnut'> | ChartConfiguration<'line'>;
  /** Changes when the figures change (e.g. JSON of the values). */
  dataKey: string;
  description: string;
  height: number;
  width?: number;
  testId?: string;
  className?: string;
}

export function ChartCanvas({ config, dataKey, description, height, width, testId, className }: ChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const build = useRef(config);
  build.current = config;
  useEffect(() => {
    if (!ref.current) return;
    Chart.defaults.font.family = cssVar('--font', 'system-ui, sans-serif');
    const chart = new Chart(ref.current, build.current() as ChartConfiguration);
    return () => chart.destroy();
  }, [dataKey]);
  return (
    <div className={className ?? 'chart'} style={{ height, width, position: 'relative' }}>
      <canvas ref={ref} role="img" aria-label={description} data-testid={testId} data-chart={dataKey}>
        {description}
      </canvas>
    </div>
  );
}
