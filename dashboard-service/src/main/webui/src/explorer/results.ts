import { clear, errorBox, h, spinner } from '../dom';
import type { ExplorerState } from '../state';
import { chartPanel } from './chartPanel';
import { type CellPick, heatmapPanel, pickedCellHeatmap } from './heatmapPanel';
import { samplesTable } from './samplesTable';
import type { ExplorerStore } from './store';

/**
 * The Aggregates and Samples tabs and what they show. Each run cancels the one before it, so a slow answer to an
 * older question never replaces a newer one.
 */
export function resultsView(store: ExplorerStore): HTMLElement {
  const state = store.state;
  const results = h('div', { class: 'results' });
  const select = (tab: ExplorerState['tab']) => {
    state.tab = tab;
    store.runNow();
  };
  const tabs = h('div', { class: 'tabs', role: 'tablist' },
    h('button', { role: 'tab', id: 'tab-aggregates', onClick: () => select('aggregates') }, 'Aggregates'),
    h('button', { role: 'tab', id: 'tab-samples', onClick: () => select('samples') }, 'Samples'),
    h('button', { role: 'tab', id: 'tab-heatmap', onClick: () => select('heatmap'), title: 'Distributions over time' }, 'Heatmap'));
  const pickCell = (cell: CellPick) => {
    state.samplesLabel = cell.label;
    state.samplesBucket = { start: cell.start, end: cell.end };
    state.samplesValues = { from: cell.from, to: cell.to };
    select('samples');
  };
  let run = 0;
  let controller: AbortController | undefined;

  async function runQueries(): Promise<void> {
    for (const tab of tabs.children) tab.classList.toggle('active', tab.id === `tab-${state.tab}`);
    const missing = ready(state);
    if (missing) {
      clear(results, h('div', { class: 'hint' }, missing));
      return;
    }
    const mine = ++run;
    controller?.abort();
    controller = new AbortController();
    results.setAttribute('aria-busy', 'true');
    const slow = window.setTimeout(() => results.prepend(spinner('Running query…')), 150);
    try {
      const signal = controller.signal;
      const view = state.tab === 'aggregates'
        ? await chartPanel(store, signal, {
          onPick: (bucket, label) => {
            state.samplesBucket = bucket;
            state.samplesValues = undefined;
            if (state.queries.some((q) => q.label === label)) state.samplesLabel = label;
            select('samples');
          },
          onZoom: (start, end) => {
            state.start = start.toISOString();
            state.end = end.toISOString();
            state.period = undefined;
            state.samplesBucket = undefined;
            store.runNow();
          },
        })
        : state.tab === 'heatmap' ? await heatmapPanel(state, signal, pickCell)
          : h('div', {}, ...await Promise.all([pickedCellHeatmap(state, signal, pickCell), samplesTable(store, signal)]));
      if (mine === run) clear(results, view);
    } catch (e) {
      if ((e as Error).name !== 'AbortError' && mine === run) clear(results, errorBox(byLabel((e as Error).message, state)));
    } finally {
      window.clearTimeout(slow);
      if (mine === run) results.removeAttribute('aria-busy');
    }
  }

  store.onRun(() => void runQueries());
  void runQueries();
  return h('div', {}, tabs, results);
}

/** query-service names fields by position ("queries[1].filter"); the page names them as its rows do ("B.filter"). */
function byLabel(message: string, state: ExplorerState): string {
  return message.replace(/(queries|equations)\[(\d+)\]/g, (whole, list: string, index: string) =>
    (list === 'queries' ? state.queries : state.equations)[Number(index)]?.label ?? whole);
}

/** What the page still needs before it can ask anything, or null. */
function ready(state: ExplorerState): string | null {
  if (!state.projects.length) return 'Choose a project to start.';
  if (state.queries.some((q) => !q.metric)) return 'Pick a metric for every query.';
  if (state.equations.some((e) => !e.expression)) return 'Write an expression for every equation.';
  return null;
}
