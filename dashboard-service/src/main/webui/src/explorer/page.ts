import { h } from '../dom';
import { MetricCatalog } from './catalog';
import { queryPanels } from './queryPanels';
import { resultsView } from './results';
import { saveAsMenu } from './saveAsMenu';
import { ExplorerStore } from './store';
import { toolbarControls } from './toolbar';
import { saveToWidgetButton } from './widgetEditing';

/** The Metrics Explorer: lettered metric queries, equations, charts per query, samples, and Save As. */
export function explorerPage(root: HTMLElement): void {
  const store = new ExplorerStore();
  const notice = h('div', { class: 'notice' });
  const catalog = new MetricCatalog(notice);
  const loadMetrics = () => void catalog.loadMetrics(store.state.projects[0]);
  // The rows wait for the aggregates, which only query-service can tell; the rest of the page does not.
  const panels = h('div', { class: 'panels' });
  root.replaceChildren(h('div', { class: 'explorer' },
    h('div', { class: 'toolbar' },
      h('h2', {}, 'Metrics Explorer', store.state.saved ? h('span', { class: 'saved-name' }, ` · ${store.state.saved.name}`) : null),
      ...toolbarControls(store, loadMetrics), saveToWidgetButton(store, notice), saveAsMenu(store, notice)),
    notice, catalog.datalist, panels, resultsView(store)));
  void catalog.loadAggregates().then(() => panels.replaceWith(queryPanels(store, catalog)));
  loadMetrics();
}
