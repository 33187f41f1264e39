import { h } from '../dom';
import { projectPicker } from '../projectPicker';
import type { TraceSearchStore } from './store';

const PERIODS = ['15m', '1h', '6h', '24h', '7d', '14d', '30d'];

/** The project and the time range searched: the last period, or absolute instants (what a pre-filled link sends). */
export function toolbarControls(store: TraceSearchStore): HTMLElement[] {
  const state = store.state;
  const startInput = h('input', { id: 'range-start', class: 'instant', placeholder: '2026-11-25T10:00:00Z', value: state.start ?? '' });
  const endInput = h('input', { id: 'range-end', class: 'instant', placeholder: '2026-11-25T12:00:00Z', value: state.end ?? '' });
  const custom = h('span', { class: 'custom-range', hidden: !state.start }, startInput, '→', endInput,
    h('button', {
      id: 'apply-range', onClick: () => {
        state.start = startInput.value.trim() || undefined;
        state.end = endInput.value.trim() || undefined;
        state.period = undefined;
        store.search();
      },
    }, 'Apply'));
  const period = h('select', {
    id: 'period', 'aria-label': 'time range', onChange: () => {
      custom.hidden = period.value !== 'custom';
      if (period.value !== 'custom') {
        state.period = period.value;
        state.start = state.end = undefined;
        store.search();
      }
    },
  }, PERIODS.map((p) => h('option', { value: p, selected: !state.start && state.period === p }, `Last ${p}`)),
  h('option', { value: 'custom', selected: Boolean(state.start) }, 'Absolute…'));
  const project = projectPicker(state.project, ([id]) => {
    state.project = id;
    store.search();
  });
  return [project, period, custom];
}
