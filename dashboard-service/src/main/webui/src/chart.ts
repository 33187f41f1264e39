import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Display, Series, TimeseriesResponse } from './api';
import { bigNumber } from './bigNumber';
import { h } from './dom';
import { axisGroups, yAxes } from './chartAxes';
import { tooltipPlugin } from './chartTooltip';
import { lowConfidenceBuckets, samplingNote } from './sampling';
import { humanize, roundForReading } from './units';

const PALETTE = ['#6c5fc7', '#f2b712', '#e1567c', '#3fa2f7', '#2ba185', '#f58c46', '#9e7bd6', '#c4577a', '#5b8def', '#7f8c2b'];

/** How a series is named in a legend: its label, then its group, e.g. "A · region:eu" ("region:(none)" lacks it). */
export function seriesName(series: Series): string {
  const group = series.other ? 'other'
    : Object.entries(series.group).map(([k, v]) => `${k}:${v === '' ? '(none)' : String(v)}`).join(', ');
  return group ? `${series.label} · ${group}` : series.label;
}

export interface Summary {
  avg: number | null;
  min: number | null;
  max: number | null;
  last: number | null;
}

/** The figures a legend shows, over the buckets that have data. */
export function summarize(values: (number | null)[]): Summary {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { avg: null, min: null, max: null, last: null };
  return {
    avg: present.reduce((a, b) => a + b, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    last: present[present.length - 1],
  };
}

/** How a chart may be used besides being read: a click picks a bucket (its index), a drag selects a time range. */
export interface ChartOptions {
  height?: number;
  /** One y axis per unit and size (see chartAxes) instead of one for all. */
  splitAxes?: boolean;
  onPick?: (bucket: number) => void;
  onZoom?: (start: Date, end: Date) => void;
}

/**
 * Draws the given series of one response: a uPlot chart (line, area or bar) with the unit on the y axis(es), a
 * tooltip at the cursor with every series' value and a legend table with one row per series; a "big number" (of a
 * response asked with totals) or a table for those widget kinds.
 */
export function renderChart(response: TimeseriesResponse, series: Series[], display: Display,
  { height = 220, splitAxes = false, onPick, onZoom }: ChartOptions = {}): HTMLElement {
  const unit = series.find((s) => s.unit)?.unit ?? null;
  let plot: uPlot | undefined;
  /** Each series' uPlot indexes: its line, and its previous period's when compared. */
  const lines: number[][] = [];
  const legend = legendTable(series, unit, (i, show) => lines[i].forEach((line) => plot?.setSeries(line, { show })));
  if (series.length === 0) {
    return h('div', { class: 'chart-empty' }, 'No data in this time range');
  }
  if (display === 'big_number') {
    return bigNumber(series[0], unit);
  }
  if (display === 'table') {
    return legend;
  }
  const plotHost = h('div', { class: 'plot' });
  const container = h('div', { class: 'chart' }, plotHost, samplingNote(response, series), legend);
  const groups = axisGroups(series, splitAxes);
  // Axes are drawn on the canvas: data-axes says which labels each measures, e.g. "A,B,C | f1".
  container.dataset.axes = groups.map((g) => [...new Set(g.members.map((i) => series[i].label))].join(',')).join(' | ');
  const scaleOf = (i: number) => groups.find((g) => g.members.includes(i))?.scale ?? 'y';
  const xs = response.timestamps.map((t) => t / 1000);
  const data: uPlot.AlignedData = [xs];
  const options: uPlot.Series[] = [{}];
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const value = (_u: uPlot, v: number | null) => humanize(v, s.unit);
    lines.push(s.previous ? [options.length, options.length + 1] : [options.length]);
    data.push(s.values.map((v) => (v === null ? null : v)) as (number | null)[]);
    options.push({
      label: seriesName(s),
      scale: scaleOf(i),
      stroke: color,
      width: 2,
      fill: display === 'area' ? `${color}33` : display === 'bar' ? `${color}aa` : undefined,
      paths: display === 'bar' ? uPlot.paths.bars!({ size: [0.8, 60] }) : undefined,
      // On a downsampled tier, hollow markers on the buckets resting on too few stored events (see sampling.ts).
      points: s.lowConfidence ? { show: true, filter: lowConfidenceBuckets(s), size: 9, fill: '#fff', stroke: color }
        : { show: xs.length < 60 },
      value,
    });
    if (s.previous) {
      data.push(s.previous);
      options.push({ label: `${seriesName(s)} (previous period)`, scale: scaleOf(i), stroke: color, width: 1, dash: [6, 4], points: { show: false }, value });
    }
  });
  // A drag ends in a click on the same spot: that click is the zoom's, not a pick.
  let zoomedAt = 0;
  // uPlot measures its host, so it is created once the chart is in the document.
  requestAnimationFrame(() => {
    const width = Math.max(plotHost.clientWidth, 300);
    plot = new uPlot({
      width,
      height,
      series: options,
      legend: { show: false },
      scales: { x: { time: true } },
      // With onZoom a drag selects a range for it; without, uPlot's own zoom of the drawing stays.
      cursor: onZoom ? { drag: { x: true, y: false, setScale: false } } : undefined,
      plugins: [tooltipPlugin(onPick ? 'click for the samples of this bucket' : undefined)],
      hooks: {
        setSelect: [(u) => {
          if (!onZoom || u.select.width < 2) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          zoomedAt = Date.now();
          onZoom(new Date(Math.round(from) * 1000), new Date(Math.round(to) * 1000));
        }],
        ready: [(u) => {
          if (!onPick) return;
          u.over.classList.add('pickable');
          u.over.addEventListener('click', () => {
            if (Date.now() - zoomedAt < 300) return;
            if (u.cursor.idx !== null && u.cursor.idx !== undefined) onPick(u.cursor.idx);
          });
        }],
      },
      axes: [{ stroke: '#555' }, ...yAxes(groups, series)],
    }, data, plotHost);
    // The chart follows its box: a window resized, a grid's columns or a widget's size changed.
    new ResizeObserver(() => {
      if (plotHost.clientWidth > 0 && plot && Math.abs(plot.width - plotHost.clientWidth) > 1) plot.setSize({ width: plotHost.clientWidth, height });
    }).observe(plotHost);
  });
  return container;
}

/**
 * One row per series with its figures; clicking a row hides or shows that series' lines. When compared, each series
 * also shows its average's change from the previous period, and a row of that period's figures.
 */
function legendTable(series: Series[], unit: string | null, onToggle: (index: number, show: boolean) => void): HTMLElement {
  const compared = series.some((s) => s.previous);
  const KEYS = ['avg', 'min', 'max', 'last'] as const;
  const figures = (summary: Summary, s: Series) =>
    KEYS.map((key) => h('td', { class: key, 'data-value': summary[key] }, humanize(summary[key], s.unit ?? unit)));
  return h('table', { class: 'legend' },
    h('thead', {}, h('tr', {}, h('th', {}, 'series'), KEYS.map((key) => h('th', {}, key)), compared ? h('th', {}, 'vs previous') : null)),
    h('tbody', {}, series.flatMap((s, i) => {
      const summary = summarize(s.values);
      const previous = s.previous ? summarize(s.previous) : null;
      const row: HTMLElement = h('tr', {
        'data-series': seriesName(s), 'data-label': s.label, class: 'toggles', title: 'Click to hide or show this series',
        onClick: () => onToggle(i, !row.classList.toggle('off')),
      },
      h('td', {}, h('span', { class: 'swatch', style: `background:${PALETTE[i % PALETTE.length]}` }), seriesName(s),
        sampleMarks(s)),
      figures(summary, s), compared ? changeCell(summary.avg, previous?.avg ?? null) : null);
      return previous ? [row, h('tr', { class: 'previous', 'data-label': s.label },
        h('td', { class: 'muted' }, h('span', { class: 'swatch dashed', style: `border-color:${PALETTE[i % PALETTE.length]}` }),
          `${seriesName(s)} · previous period`), figures(previous, s), h('td', {}))] : [row];
    })));
}

/** A legend's marks of a tier's series: ○ and how many low-confidence buckets it has, and min/max/last of a sample. */
function sampleMarks(s: Series): HTMLElement[] {
  const low = lowConfidenceBuckets(s).length;
  return [
    low ? h('span', { class: 'low-confidence', 'data-buckets': low, title: `${low} bucket${low === 1 ? '' : 's'} on fewer than 100 stored events` }, ` ○ ${low}`) : null,
    s.fromSample ? h('span', { class: 'muted', title: 'The minimum, maximum or last value of the kept events' }, ' (of the sample)') : null,
  ].filter((mark): mark is HTMLSpanElement => mark !== null);
}

/** How much the average moved from the previous period, in percent of the previous one. */
function changeCell(now: number | null, before: number | null): HTMLElement {
  const change = now !== null && before !== null && before !== 0 ? ((now - before) / Math.abs(before)) * 100 : null;
  const text = change === null ? '—' : `${change > 0 ? '+' : ''}${roundForReading(change)}%`;
  return h('td', { class: 'change', 'data-value': change }, text);
}
