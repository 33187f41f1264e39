import type { MetricQuery } from '../api';
import { h } from '../dom';
import type { ExplorerStore } from './store';

const LIMITS = [1, 3, 5, 10, 20, 50];

/**
 * Top-N of a grouped query: how many groups it draws (the rest folded into one "other" series by query-service)
 * and from which end they are ranked, by the aggregate over the whole range. Without a group-by there is nothing
 * to rank, so they are disabled.
 */
export function topNControls(store: ExplorerStore, query: MetricQuery): HTMLElement[] {
  const grouped = Boolean(query.groupBy?.length);
  const limit = h('select', {
    class: 'limit', 'aria-label': `limit of ${query.label}`, disabled: !grouped,
    title: grouped ? 'How many groups to draw; the others are summed into "other"' : 'Group by a key to rank its groups',
    onChange: (e: Event) => {
      const value = Number((e.target as HTMLSelectElement).value);
      query.limit = value > 0 ? value : undefined;
      order.disabled = !query.limit;
      store.changed();
    },
  }, h('option', { value: '' }, 'all groups'), LIMITS.map((n) => h('option', { value: n, selected: query.limit === n }, `top ${n}`)));
  const order: HTMLSelectElement = h('select', {
    class: 'order', 'aria-label': `order of ${query.label}`, disabled: !grouped || !query.limit,
    onChange: (e: Event) => {
      const value = (e.target as HTMLSelectElement).value as 'asc' | 'desc';
      query.order = value === 'asc' ? 'asc' : undefined;
      store.changed();
    },
  }, h('option', { value: 'desc' }, 'highest'), h('option', { value: 'asc', selected: query.order === 'asc' }, 'lowest'));
  return [limit, order];
}
