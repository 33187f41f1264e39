import type { Series } from './api';
import { h } from './dom';
import { humanize, roundForReading } from './units';

/**
 * A big-number widget: the series' value over the whole range (query-service's `total`, so a p95 is the p95 of every
 * event, not of the buckets) and its change from the previous period, in percent of the previous value.
 */
export function bigNumber(series: Series, unit: string | null): HTMLElement {
  const value = series.total?.value ?? null;
  const previous = series.total?.previous ?? null;
  const change = value !== null && previous !== null && previous !== 0 ? ((value - previous) / Math.abs(previous)) * 100 : null;
  return h('div', { class: 'big-number', 'data-label': series.label, 'data-value': value },
    h('span', { class: 'big-value' }, humanize(value, unit)),
    change === null ? null : h('span', {
      class: `big-change ${change >= 0 ? 'up' : 'down'}`, 'data-change': change,
      title: `previous period: ${humanize(previous, unit)}`,
    }, `${change >= 0 ? '▲' : '▼'} ${roundForReading(Math.abs(change))}% vs previous period`));
}
