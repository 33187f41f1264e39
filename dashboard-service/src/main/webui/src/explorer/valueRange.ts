import { h } from '../dom';
import type { ExplorerState } from '../state';
import type { ExplorerStore } from './store';

/**
 * A query's filter narrowed to the values of a heatmap cell, in the search syntax: `(filter) value:>=from value:<to`
 * (the parentheses keep an OR inside the filter from swallowing the range).
 */
export function withValueRange(filter: string | undefined, values: ExplorerState['samplesValues']): string | undefined {
  const own = filter?.trim();
  if (!values) return own || undefined;
  const range = `value:>=${values.from} value:<${values.to}`;
  return own ? `(${own}) ${range}` : range;
}

/** The chip naming the value range the samples are narrowed to; its ✕ widens back to every value. */
export function valueRangeChip(store: ExplorerStore, unit: (value: number) => string): HTMLElement | null {
  const values = store.state.samplesValues;
  if (!values) return null;
  return h('span', { class: 'bucket', id: 'samples-values' }, `values ${unit(values.from)} to ${unit(values.to)}`,
    h('button', {
      class: 'icon', title: 'Samples of every value', onClick: () => {
        store.state.samplesValues = undefined;
        store.runNow();
      },
    }, '✕'));
}
