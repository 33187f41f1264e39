import { api, type FoundTrace } from '../api';
import { errorBox, h, spinner } from '../dom';
import { navigate } from '../router';
import { durationChart } from './durationChart';
import { humanize } from '../units';
import type { TraceSearchStore } from './store';

/** At most this many traces per search, in the order asked for; query-service says when more matched. */
export const TRACE_CAP = 200;
const PAGE = 25;
const COLUMNS: [string, string | null][] = [['start', 'start'], ['root transaction', null], ['duration', 'duration'],
  ['spans', null], ['errors', null], ['metrics', null], ['release', null], ['environment', null]];

/**
 * The found traces: a duration histogram, then one row per trace, PAGE at a time. Sorting asks query-service again
 * (the cap applies after the order, so "longest first" are the longest of all); a row opens its trace. Each search
 * cancels the one before it.
 */
export function resultsView(store: TraceSearchStore): HTMLElement {
  const state = store.state;
  const results = h('div', { class: 'results' });
  let controller: AbortController | undefined;

  async function run(): Promise<void> {
    if (!state.project) return void results.replaceChildren(h('div', { class: 'hint' }, 'Choose a project to search its traces.'));
    if (!state.conditions.length) return void results.replaceChildren(h('div', { class: 'hint' }, 'Add a condition, or write one as text, then Search.'));
    controller?.abort();
    controller = new AbortController();
    results.setAttribute('aria-busy', 'true');
    results.prepend(spinner('Searching traces…'));
    try {
      const answer = await api.searchTraces({ project: state.project, period: state.period, start: state.start, end: state.end,
        conditions: state.conditions, sort: state.sort, limit: TRACE_CAP }, controller.signal);
      results.replaceChildren(h('div', { class: 'range', id: 'traces-count' }, answer.truncated
        ? `The first ${answer.traces.length} matching traces in this order: more matched (narrow the range or add a condition)`
        : `${answer.traces.length} matching traces`),
      durationChart(answer.traces.map((t) => t.durationMs)), table(answer.traces, 0));
      results.removeAttribute('aria-busy');
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      results.replaceChildren(errorBox((e as Error).message));
      results.removeAttribute('aria-busy');
    }
  }

  function table(traces: FoundTrace[], page: number): HTMLElement {
    const sortBy = (key: string) => {
      state.sort = state.sort === `-${key}` ? key : `-${key}`;
      store.search();
    };
    const header = COLUMNS.map(([name, key]) => h('th', {},
      key ? h('button', { class: 'sort', 'data-sort': key, onClick: () => sortBy(key) },
        name, state.sort === `-${key}` ? ' ↓' : state.sort === key ? ' ↑' : '') : name));
    const shown = traces.slice(page * PAGE, (page + 1) * PAGE);
    const pages = Math.ceil(traces.length / PAGE);
    const view = h('div', { class: 'found-traces' },
      h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, header)), h('tbody', {}, shown.map((t) => traceRow(t, state.project as number)))),
      pages > 1 ? h('div', { class: 'pager' },
        h('button', { id: 'previous-page', disabled: page === 0, onClick: () => view.replaceWith(table(traces, page - 1)) }, '← Previous'),
        h('span', { id: 'page' }, `${page * PAGE + 1}–${page * PAGE + shown.length} of ${traces.length}`),
        h('button', { id: 'next-page', disabled: page === pages - 1, onClick: () => view.replaceWith(table(traces, page + 1)) }, 'Next →')) : null);
    return view;
  }

  store.onSearch(() => void run());
  void run();
  return results;
}

function traceRow(t: FoundTrace, project: number): HTMLElement {
  const href = `/traces/${t.traceId}?project=${project}&at=${encodeURIComponent(t.start)}`;
  return h('tr', { class: 'found-trace', 'data-trace': t.traceId, onClick: (e: Event) => {
    if (!(e.target as Element).closest('a')) navigate(href);
  } },
    h('td', {}, h('a', { href, 'data-link': '' }, new Date(t.start).toISOString().replace('T', ' ').slice(0, 23))),
    h('td', {}, t.transaction ?? h('span', { class: 'muted' }, 'no root stored'),
      t.rootDurationMs !== null ? h('span', { class: 'muted' }, ` · ${t.op} · ${humanize(t.rootDurationMs, 'millisecond')}`) : null),
    h('td', { class: 'num' }, humanize(t.durationMs, 'millisecond')),
    h('td', { class: 'num' }, t.spanCount),
    h('td', { class: `num${t.errorCount ? ' error-count' : ''}` }, t.errorCount),
    h('td', { class: 'attrs' }, t.metrics.map((m) => h('span', { class: 'tag', title: `${m.count} events` },
      `${m.metric}: ${humanize(m.sum, m.unit)}`))),
    h('td', {}, t.release ?? ''), h('td', {}, t.environment ?? ''));
}
