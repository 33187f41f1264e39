import { h } from '../dom';
import { catalogLists } from './catalog';
import { conditionBuilder } from './conditionBuilder';
import { resultsView } from './results';
import { TraceSearchStore } from './store';
import { toolbarControls } from './toolbar';

/** The Traces page: traces of a project and time range meeting every condition on their metrics, spans, logs and errors. */
export function traceSearchPage(root: HTMLElement): void {
  const store = new TraceSearchStore(location.search);
  const notice = h('div', { class: 'notice' });
  root.replaceChildren(h('div', { class: 'trace-search' },
    h('div', { class: 'toolbar' }, h('h2', {}, 'Traces'), ...toolbarControls(store)),
    notice, catalogLists(store.state.project, notice), conditionBuilder(store), resultsView(store)));
}
