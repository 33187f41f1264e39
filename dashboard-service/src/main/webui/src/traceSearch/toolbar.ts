import { projectPicker } from '../projectPicker';
import { rangeControls } from '../rangeControl';
import type { TraceSearchStore } from './store';

/** The project and the time range searched: the last period, or absolute instants (what a pre-filled link sends). */
export function toolbarControls(store: TraceSearchStore): HTMLElement[] {
  const state = store.state;
  const project = projectPicker(state.project, ([id]) => {
    state.project = id;
    store.search();
  });
  return [project, ...rangeControls(state, () => store.search())];
}
