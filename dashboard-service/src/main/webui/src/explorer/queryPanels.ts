import { clear, h } from '../dom';
import { emptyQuery, nextEquationLabel, nextQueryLabel } from '../state';
import type { MetricCatalog } from './catalog';
import { queryRow } from './queryRow';
import type { ExplorerStore } from './store';
import { visibilityToggle } from './visibility';

/** The rows of the page: lettered queries, then equations over them, then the buttons that add either. */
export function queryPanels(store: ExplorerStore, catalog: MetricCatalog): HTMLElement {
  const panels = h('div', { class: 'panels' });
  const render = () => {
    const state = store.state;
    const dragged = { index: null as number | null };
    const next = nextQueryLabel(state.queries);
    clear(panels,
      ...state.queries.map((_, index) => queryRow(store, catalog, index, dragged)),
      ...state.equations.map((_, index) => equationRow(store, index)),
      h('div', { class: 'panel-actions' },
        h('button', {
          id: 'add-metric', disabled: next === null, onClick: () => {
            if (next) state.queries.push(emptyQuery(next));
            store.reshaped();
            store.remember();
          },
        }, '+ Add Metric'),
        h('button', {
          id: 'add-equation', onClick: () => {
            state.equations.push({ label: nextEquationLabel(state.equations), expression: '' });
            store.reshaped();
            store.remember();
          },
        }, '+ Add Equation')));
  };
  store.onReshape(render);
  render();
  return panels;
}

function equationRow(store: ExplorerStore, index: number): HTMLElement {
  const equation = store.state.equations[index];
  return h('div', { class: 'panel equation-panel', 'data-label': equation.label },
    h('span', { class: 'label eq' }, equation.label), visibilityToggle(store, equation.label),
    h('input', {
      class: 'expression', placeholder: 'equation, e.g. (A + (B / 2)) / C', value: equation.expression,
      'aria-label': `expression of ${equation.label}`,
      onChange: (e: Event) => {
        equation.expression = (e.target as HTMLInputElement).value.trim();
        store.changed();
      },
    }),
    h('button', {
      class: 'icon', title: `Remove ${equation.label}`, onClick: () => {
        store.state.equations.splice(index, 1);
        store.reshaped();
        store.changed();
      },
    }, '✕'));
}
