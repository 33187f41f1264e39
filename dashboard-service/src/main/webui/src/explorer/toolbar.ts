import { h } from '../dom';
import { projectPicker } from '../projectPicker';
import { rememberProjects } from '../state';
import type { ExplorerStore } from './store';

const PERIODS = ['15m', '1h', '6h', '24h', '7d', '14d', '30d'];
const INTERVALS = ['', '10s', '1m', '5m', '15m', '1h', '6h', '1d'];

/**
 * What every query of the page shares: projects (picked by name, or several ids typed), time range (relative or
 * absolute), bucket width, comparison.
 */
export function toolbarControls(store: ExplorerStore, onProjects: () => void): HTMLElement[] {
  const state = store.state;
  const setProjects = (ids: number[]) => {
    state.projects = ids;
    projects.value = ids.join(',');
    rememberProjects(ids);
    onProjects();
    store.changed();
  };
  const projects = h('input', {
    id: 'projects', class: 'narrow', placeholder: 'project ids', value: state.projects.join(','), title: 'Project ids, comma separated',
    onChange: () => setProjects(projects.value.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0)),
  });
  const picker = projectPicker(state.projects.length === 1 ? state.projects[0] : undefined, setProjects, true);
  const startInput = h('input', { id: 'range-start', class: 'instant', placeholder: '2026-11-25T10:00:00Z', value: state.start ?? '' });
  const endInput = h('input', { id: 'range-end', class: 'instant', placeholder: '2026-11-25T12:00:00Z', value: state.end ?? '' });
  const custom = h('span', { class: 'custom-range', hidden: !state.start }, startInput, '→', endInput,
    h('button', {
      id: 'apply-range', onClick: () => {
        state.start = startInput.value.trim() || undefined;
        state.end = endInput.value.trim() || undefined;
        state.period = undefined;
        state.samplesBucket = undefined;
        store.changed();
      },
    }, 'Apply'));
  const period = h('select', {
    id: 'period', onChange: (e: Event) => {
      const value = (e.target as HTMLSelectElement).value;
      custom.hidden = value !== 'custom';
      if (value !== 'custom') {
        state.period = value;
        state.start = state.end = undefined;
        state.samplesBucket = undefined;
        store.changed();
      }
    },
  }, PERIODS.map((p) => h('option', { value: p, selected: !state.start && state.period === p }, `Last ${p}`)),
  h('option', { value: 'custom', selected: Boolean(state.start) }, 'Absolute…'));
  const interval = h('select', {
    id: 'interval', title: 'Bucket width', onChange: (e: Event) => {
      state.interval = (e.target as HTMLSelectElement).value || undefined;
      state.samplesBucket = undefined;
      store.changed();
    },
  }, INTERVALS.map((i) => h('option', { value: i, selected: (state.interval ?? '') === i }, i ? `every ${i}` : 'auto interval')));
  const compare = h('label', { class: 'check' }, h('input', {
    type: 'checkbox', id: 'compare', checked: state.compare, onChange: (e: Event) => {
      state.compare = (e.target as HTMLInputElement).checked;
      store.changed();
    },
  }), 'compare previous period');
  return [picker, projects, period, custom, interval, compare];
}
