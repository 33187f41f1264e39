import { api, type MetricQuery, type Sample, type TimeRange } from '../api';
import { errorBox, h } from '../dom';
import { toRequest } from '../state';
import { tracesUrl } from '../traceSearch/store';
import { humanize } from '../units';
import type { ExplorerStore } from './store';
import { valueRangeChip, withValueRange } from './valueRange';

const COLUMNS = ['time', 'project', 'value', 'attributes', 'trace'];
const SORTS = [['-timestamp', 'newest first'], ['timestamp', 'oldest first'], ['-value', 'largest value'], ['value', 'smallest value']];

/**
 * The Samples tab: the events behind one query (of the whole range, or of the chart bucket or heatmap cell clicked),
 * each linked to its trace, 50 at a time.
 */
export async function samplesTable(store: ExplorerStore, signal: AbortSignal): Promise<HTMLElement> {
  const state = store.state;
  const label = state.samplesLabel && state.queries.some((q) => q.label === state.samplesLabel) ? state.samplesLabel : state.queries[0].label;
  const query = state.queries.find((q) => q.label === label) as MetricQuery;
  const range: TimeRange = state.samplesBucket ?? toRequest(state);
  const page = (cursor: string | null) => api.samples({
    projects: state.projects, start: range.start, end: range.end, period: range.period, metric: query.metric,
    filter: withValueRange(query.filter, state.samplesValues), sort: state.samplesSort, limit: 50, cursor,
  }, signal);
  const first = await page(null);
  const body = h('tbody', {}, first.samples.map(sampleRow));
  const table = h('div', { class: 'samples' },
    h('div', { class: 'samples-bar' },
      h('select', {
        id: 'samples-label', onChange: (e: Event) => {
          state.samplesLabel = (e.target as HTMLSelectElement).value;
          store.runNow();
        },
      }, state.queries.map((q) => h('option', { value: q.label, selected: q.label === label }, `${q.label}: ${q.metric}`))),
      h('select', {
        id: 'samples-sort', onChange: (e: Event) => {
          state.samplesSort = (e.target as HTMLSelectElement).value;
          store.runNow();
        },
      }, SORTS.map(([v, t]) => h('option', { value: v, selected: v === state.samplesSort }, t))),
      state.samplesBucket ? h('span', { class: 'bucket', id: 'samples-bucket' },
        `bucket ${state.samplesBucket.start} → ${state.samplesBucket.end}`,
        h('button', {
          class: 'icon', title: 'Samples of the whole time range', onClick: () => {
            state.samplesBucket = undefined;
            store.runNow();
          },
        }, '✕'),
        h('a', {
          id: 'bucket-traces', 'data-link': '', href: tracesUrl({
            project: state.projects[0], start: state.samplesBucket.start, end: state.samplesBucket.end,
            conditions: [{ kind: 'metric', metric: query.metric, filter: query.filter || undefined }],
          }),
        }, 'Traces in this bucket')) : null,
      valueRangeChip(store, (v) => humanize(v, first.samples[0]?.unit))),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', {}, c)))), body),
    first.samples.length === 0 ? h('div', { class: 'hint' }, 'No samples in this time range') : null);

  const more = (cursor: string | null) => {
    if (!cursor) return;
    const button = h('button', {
      class: 'more', onClick: () => page(cursor).then((next) => {
        body.append(...next.samples.map(sampleRow));
        button.remove();
        more(next.nextCursor);
      }).catch((e) => table.append(errorBox((e as Error).message))),
    }, 'Load more');
    table.append(button);
  };
  more(first.nextCursor);
  return table;
}

function sampleRow(s: Sample): HTMLElement {
  const trace = `/traces/${s.traceId}?project=${s.projectId}&at=${encodeURIComponent(s.timestamp)}${s.spanId ? `&span=${s.spanId}` : ''}`;
  return h('tr', {},
    h('td', {}, s.timestamp), h('td', {}, s.projectId), h('td', { class: 'num', 'data-value': s.value }, humanize(s.value, s.unit)),
    h('td', { class: 'attrs' }, Object.entries(s.attributes).map(([k, v]) => h('span', { class: 'tag' }, `${k}:${String(v)}`))),
    h('td', {}, h('a', { class: 'trace', 'data-link': '', href: trace }, s.traceId.slice(0, 8))));
}
