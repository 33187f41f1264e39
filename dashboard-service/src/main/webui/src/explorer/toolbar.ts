import { h } from '../dom';
import { projectPicker } from '../projectPicker';
import { rangeControls } from '../rangeControl';
import { rememberProjects } from '../state';
import type { ExplorerStore } from './store';

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
  const range = rangeControls(state, () => {
    state.samplesBucket = undefined;
    store.changed();
  });
  // A drag-zoom on a chart changes the range without these controls.
  store.onRun(range.show);
  return [picker, projects, ...range, interval, compare];
}
