import { h } from './dom';

const PERIODS = ['15m', '1h', '6h', '24h', '7d', '14d', '30d'];

/** A page's time range: the last period, or absolute instants (start and end together). */
export interface TimeRange {
  period?: string;
  start?: string;
  end?: string;
}

/**
 * The period picker and, behind its "Absolute…" choice, the start and end inputs; {@code onChange} runs after the
 * range was changed in place.
 */
export function rangeControls(range: TimeRange, onChange: () => void): HTMLElement[] {
  const startInput = h('input', { id: 'range-start', class: 'instant', placeholder: '2026-11-25T10:00:00Z', value: range.start ?? '' });
  const endInput = h('input', { id: 'range-end', class: 'instant', placeholder: '2026-11-25T12:00:00Z', value: range.end ?? '' });
  const custom = h('span', { class: 'custom-range', hidden: !range.start }, startInput, '→', endInput,
    h('button', {
      id: 'apply-range', onClick: () => {
        range.start = startInput.value.trim() || undefined;
        range.end = endInput.value.trim() || undefined;
        range.period = undefined;
        onChange();
      },
    }, 'Apply'));
  const period = h('select', {
    id: 'period', 'aria-label': 'time range', onChange: () => {
      custom.hidden = period.value !== 'custom';
      if (period.value !== 'custom') {
        range.period = period.value;
        range.start = range.end = undefined;
        onChange();
      }
    },
  }, PERIODS.map((p) => h('option', { value: p, selected: !range.start && range.period === p }, `Last ${p}`)),
  h('option', { value: 'custom', selected: Boolean(range.start) }, 'Absolute…'));
  return [period, custom];
}
