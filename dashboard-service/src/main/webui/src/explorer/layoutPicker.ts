import { h } from '../dom';
import type { ChartLayout } from '../state';
import type { ExplorerStore } from './store';

const LAYOUTS: [ChartLayout, string][] = [['rows', 'One chart per row'], ['grid2', 'Grid, 2 columns'], ['grid3', 'Grid, 3 columns'],
  ['overlay', 'All on one chart']];

/** How the Aggregates tab lays its charts out; a change is a step of history, like any other view change. */
export function layoutPicker(store: ExplorerStore): HTMLElement {
  const current = store.state.layout ?? 'rows';
  return h('select', {
    id: 'chart-layout', 'aria-label': 'chart layout', onChange: (e: Event) => {
      const layout = (e.target as HTMLSelectElement).value as ChartLayout;
      store.state.layout = layout === 'rows' ? undefined : layout;
      store.runNow();
    },
  }, LAYOUTS.map(([value, text]) => h('option', { value, selected: value === current }, text)));
}
