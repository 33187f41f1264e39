import { api, type ExplorerQuery, type TimeseriesResponse } from '../api';
import { renderChart } from '../chart';
import { h } from '../dom';
import { type ExplorerState, seriesTitle, toRequest } from '../state';
import { emptyChart, emptyReasons } from './emptyCharts';
import { layoutPicker } from './layoutPicker';
import type { ExplorerStore } from './store';

type Bucket = NonNullable<ExplorerState['samplesBucket']>;

/** What a chart of the tab hands back: a picked bucket of a query or equation, or a dragged time range. */
export interface ChartActions {
  onPick: (bucket: Bucket, label: string) => void;
  onZoom: (start: Date, end: Date) => void;
}

/**
 * The Aggregates tab: one chart per query and equation (one per row or in a grid), or all of them on one chart with
 * an axis per unit. A click on a chart picks that bucket, of the chart's query (an equation's, or the overlay's, goes
 * to the samples of the first query); a drag over it zooms the page's range.
 */
export async function chartPanel(store: ExplorerStore, signal: AbortSignal, actions: ChartActions): Promise<HTMLElement> {
  const state = store.state;
  const request = toRequest(state);
  const response = await api.timeseries(request, signal);
  const labels = [...state.queries.map((q) => q.label), ...state.equations.map((e) => e.label)]
    .filter((label) => !state.hidden?.includes(label));
  const empty = await emptyReasons(request, response, labels, signal);
  const chart = (shown: string[]) => shown.every((label) => empty.has(label))
    ? h('div', {}, shown.map((label) => emptyChart(empty.get(label) ?? '')))
    : renderChart(response, response.series.filter((s) => shown.includes(s.label)), 'line', {
      height: state.layout === 'overlay' ? 320 : 220,
      splitAxes: true,
      onPick: (index) => actions.onPick(bucketAt(response, index), shown[0]),
      onZoom: actions.onZoom,
    });
  const charts = state.layout === 'overlay' && labels.length
    ? [h('section', { class: 'chart-card overlay', 'data-label': labels.join(',') }, titles(request, labels), chart(labels))]
    : labels.map((label) => h('section', { class: 'chart-card', 'data-label': label }, titles(request, [label]), chart([label])));
  return h('div', {},
    labels.length === 0 ? h('div', { class: 'hint' }, 'Every chart is hidden: show one with its ◌ in the rows above.') : null,
    h('div', { class: 'chart-bar' }, layoutPicker(store),
      h('span', { class: 'range' }, `${response.start} → ${response.end}, every ${response.intervalSeconds} s`),
      h('span', { class: 'muted' }, 'drag over a chart to zoom')),
    h('div', { class: `charts ${state.layout ?? 'rows'}` }, charts));
}

function titles(request: ExplorerQuery, labels: string[]): HTMLElement {
  return h('h3', {}, labels.map((label) => h('span', { class: 'chart-title' }, seriesTitle(request, label))));
}

/** The bucket's time range; the last bucket ends with the response. */
function bucketAt(response: TimeseriesResponse, index: number): Bucket {
  const start = response.timestamps[index];
  const end = Math.min(start + response.intervalSeconds * 1000, Date.parse(response.end));
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
