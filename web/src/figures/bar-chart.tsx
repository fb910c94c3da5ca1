import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

// Only the parts the bar charts use, so that the rest of Chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  /** One value per label; null where there is none (a rate without a denominator). */
  values: (number | null)[];
  colour: string;
}

/**
 * A bar chart drawn by Chart.js. The canvas is an image for screen readers, named by `summary`;
 * the numbers themselves are in the table the caller shows beside it, which is what they read.
 */
export function BarChart(props: {
  labels: string[];
  series: Series[];
  summary: string;
  horizontal?: boolean;
  /** The value axis's maximum (100 for percents); the data's own otherwise. */
  max?: number;
  unit?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { labels, series, summary, horizontal = false, max, unit = '' } = props;

  useEffect(() => {
    if (!canvas.current) return;
    const valueAxis = { beginAtZero: true, max, ticks: { callback: (value: string | number) => `${value}${unit}` } };
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.colour })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        // Redrawn at once: an animation would only delay what a reader or a test looks at.
        animation: false,
        scales: horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: { legend: { display: series.length > 1, position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, horizontal, max, unit]);

  const height = horizontal ? Math.max(160, labels.length * 36 + 60) : 280;
  return (
    <div className="chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
