import { api, type MetricQuery } from '../api';
import { clear, h } from '../dom';
import { filterInput } from '../filterInput';
import type { MetricCatalog } from './catalog';
import type { ExplorerStore } from './store';
import { topNControls } from './topN';
import { visibilityToggle } from './visibility';

/**
 * One lettered metric query: metric, aggregate (those of the metric's kind), filter and group-by, removable, and
 * draggable onto another row to take its place. `dragged` is shared by the rows of one render.
 */
export function queryRow(store: ExplorerStore, catalog: MetricCatalog, index: number, dragged: { index: number | null }): HTMLElement {
  const state = store.state;
  const query = state.queries[index];
  const aggregateOptions = () => catalog.aggregatesFor(query.metric).map((a) => h('option', { value: a, selected: a === query.aggregate }, a));
  const aggregate = h('select', {
    class: 'aggregate', 'aria-label': `aggregate of ${query.label}`, onChange: (e: Event) => {
      query.aggregate = (e.target as HTMLSelectElement).value;
      store.changed();
    },
  }, aggregateOptions());
  let topN = topNControls(store, query);
  const keysList = h('datalist', { id: `keys-${query.label}` });
  void loadKeys(query, state.projects[0], keysList);

  const panel = h('div', { class: 'panel query-panel', 'data-label': query.label, draggable: 'true' },
    h('span', { class: 'handle', title: 'Drag to reorder' }, '⋮⋮'),
    h('span', { class: 'label' }, query.label), visibilityToggle(store, query.label),
    h('input', {
      class: 'metric', list: 'metric-catalog', placeholder: 'metric, e.g. checkout.latency', value: query.metric,
      'aria-label': `metric of ${query.label}`,
      onChange: (e: Event) => {
        query.metric = (e.target as HTMLInputElement).value.trim();
        const allowed = catalog.aggregatesFor(query.metric);
        if (!allowed.includes(query.aggregate)) query.aggregate = allowed[0];
        clear(aggregate, ...aggregateOptions());
        void loadKeys(query, state.projects[0], keysList);
        store.changed();
      },
    }),
    aggregate,
    filterInput({
      value: query.filter ?? '',
      label: query.label,
      context: () => ({ project: state.projects[0], metric: query.metric }),
      onChange: (value) => {
        query.filter = value;
        store.changed();
      },
    }),
    h('input', {
      class: 'group-by', list: `keys-${query.label}`, placeholder: 'group by', value: (query.groupBy ?? []).join(', '),
      'aria-label': `group by of ${query.label}`,
      onChange: (e: Event) => {
        query.groupBy = (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
        const fresh = topNControls(store, query);
        topN.forEach((control, i) => control.replaceWith(fresh[i]));
        topN = fresh;
        store.changed();
      },
    }),
    ...topN,
    keysList,
    h('button', {
      class: 'icon', title: `Remove ${query.label}`, disabled: state.queries.length === 1, onClick: () => {
        state.queries.splice(index, 1);
        store.reshaped();
        store.changed();
      },
    }, '✕'));
  panel.addEventListener('dragstart', (e) => {
    dragged.index = index;
    e.dataTransfer?.setData('text/plain', query.label);
    panel.classList.add('dragging');
  });
  panel.addEventListener('dragend', () => panel.classList.remove('dragging'));
  panel.addEventListener('dragover', (e) => e.preventDefault());
  panel.addEventListener('drop', (e) => {
    e.preventDefault();
    if (dragged.index === null || dragged.index === index) return;
    // Labels stay with their queries, so equations keep meaning the same thing after a reorder.
    const [moved] = state.queries.splice(dragged.index, 1);
    state.queries.splice(index, 0, moved);
    store.reshaped();
    store.changed();
  });
  return panel;
}

/** The metric's attribute keys, offered by the group-by input. */
async function loadKeys(query: MetricQuery, project: number | undefined, list: HTMLElement): Promise<void> {
  if (!query.metric || !project) return;
  try {
    const attributes = await api.attributes(project, query.metric);
    clear(list, ...attributes.map((a) => h('option', { value: a.key }, a.type)));
  } catch {
    clear(list);
  }
}
