import { api, type TimeseriesResponse } from '../api';
import { renderChart } from '../chart';
import { h } from '../dom';
import { type ExplorerState, seriesTitle, toRequest } from '../state';

type Bucket = NonNullable<ExplorerState['samplesBucket']>;

/**
 * The Aggregates tab: one chart per query and equation. A click on a chart picks that bucket, of the chart's query
 * (an equation's goes to the samples of the first query).
 */
export async function chartPanel(state: ExplorerState, signal: AbortSignal,
  onPick: (bucket: Bucket, label: string) => void): Promise<HTMLElement> {
  const request = toRequest(state);
  const response = await api.timeseries(request, signal);
  const labels = [...state.queries.map((q) => q.label), ...state.equations.map((e) => e.label)]
    .filter((label) => !state.hidden?.includes(label));
  const charts = labels.map((label) => h('section', { class: 'chart-card', 'data-label': label },
    h('h3', {}, seriesTitle(request, label)),
    renderChart(response, response.series.filter((s) => s.label === label), 'line', 220,
      (index) => onPick(bucketAt(response, index), label))));
  return h('div', {},
    labels.length === 0 ? h('div', { class: 'hint' }, 'Every chart is hidden: show one with its ◌ in the rows above.') : null,
    h('div', { class: 'range' }, `${response.start} → ${response.end}, every ${response.intervalSeconds} s`),
    h('div', { class: 'charts' }, charts));
}

/** The bucket's time range; the last bucket ends with the response. */
function bucketAt(response: TimeseriesResponse, index: number): Bucket {
  const start = response.timestamps[index];
  const end = Math.min(start + response.intervalSeconds * 1000, Date.parse(response.end));
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
