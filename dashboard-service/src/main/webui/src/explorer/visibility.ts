import { h } from '../dom';
import type { ExplorerStore } from './store';

/** The eye on a query or equation row: hides or shows its chart, remembered in the page's state. */
export function visibilityToggle(store: ExplorerStore, label: string): HTMLElement {
  const hidden = store.state.hidden?.includes(label) ?? false;
  return h('button', {
    class: `icon visibility${hidden ? ' off' : ''}`, 'aria-label': `${hidden ? 'show' : 'hide'} ${label}`, 'aria-pressed': String(hidden),
    title: hidden ? `Show the chart of ${label}` : `Hide the chart of ${label}`, onClick: () => {
      const others = (store.state.hidden ?? []).filter((l) => l !== label);
      store.state.hidden = hidden ? others : [...others, label];
      store.reshaped();
      store.runNow();
    },
  }, hidden ? '◌' : '◉');
}
