import { api } from './api';
import { h } from './dom';
import { rememberProjects } from './state';

/**
 * The organization's projects by name, so nobody needs to know an id. Until they load (or if listing fails) the
 * current id stays selectable; the choice is remembered for the next page.
 */
export function projectPicker(current: number | undefined, onPick: (projects: number[]) => void,
  offerAll = false): HTMLSelectElement {
  let all: number[] = [];
  const option = (id: number, text: string) => h('option', { value: id, selected: id === current }, text);
  const select = h('select', {
    id: 'project', 'aria-label': 'project', onChange: () => {
      const picked = select.value === 'all' ? all : [Number(select.value)];
      rememberProjects(picked);
      onPick(picked);
    },
  }, current ? option(current, `project ${current}`) : h('option', { value: '' }, 'Choose a project…'));
  void api.projects().then((projects) => {
    all = projects.map((p) => p.id);
    const known = projects.some((p) => p.id === current);
    select.replaceChildren(
      ...(current && !known ? [option(current, `project ${current}`)] : []),
      ...(!current ? [h('option', { value: '' }, 'Choose a project…')] : []),
      ...projects.map((p) => option(p.id, `${p.name} (${p.slug})`)),
      offerAll && projects.length > 1 ? h('option', { value: 'all' }, 'All projects') : '');
  }).catch(() => { /* the id typed in the URL still works; the list is a convenience */ });
  return select;
}
