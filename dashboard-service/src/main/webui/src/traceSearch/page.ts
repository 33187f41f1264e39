import { api } from '../api';
import { errorBox, h, spinner } from '../dom';
import { catalogLists } from './catalog';
import { conditionBuilder } from './conditionBuilder';
import { resultsView } from './results';
import { TraceSearchStore } from './store';
import { toolbarControls } from './toolbar';

/**
 * The Traces page: traces of a project and time range meeting every condition on their metrics, spans, logs and
 * errors. It waits for query-service's aggregates and operators, since reading the URL's conditions needs them.
 */
export function traceSearchPage(root: HTMLElement): void {
  const search = location.search;
  const page = h('div', {}, spinner());
  root.replaceChildren(page);
  api.traceAggregates().then((allowed) => {
    const store = new TraceSearchStore(search, allowed);
    const notice = h('div', { class: 'notice' });
    page.replaceChildren(h('div', { class: 'trace-search' },
      h('div', { class: 'toolbar' }, h('h2', {}, 'Traces'), ...toolbarControls(store)),
      notice, catalogLists(store.state.project, notice), conditionBuilder(store), resultsView(store)));
  }, (e) => page.replaceChildren(errorBox(`Trace search aggregates: ${(e as Error).message}`)));
}
