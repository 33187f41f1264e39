import { api, type SavedQuery } from './api';
import { clear, debounce, errorBox, h, spinner } from './dom';
import { fromRequest, stateToUrl } from './state';

const PAGE = 20;

/** Every saved query of the organization, searchable by name, newest first. */
export function savedQueriesPage(root: HTMLElement): void {
  const params = new URLSearchParams(location.search);
  let search = params.get('search') ?? '';
  let offset = Number(params.get('offset') ?? 0);
  const list = h('div', { class: 'list' });

  async function load(): Promise<void> {
    history.replaceState(null, '', `/saved-queries?search=${encodeURIComponent(search)}&offset=${offset}`);
    clear(list, spinner());
    try {
      const page = await api.savedQueries(search, offset, PAGE);
      clear(list,
        page.items.length === 0 ? h('div', { class: 'hint' }, 'No saved queries yet: build one in the Explorer and use Save As → New Query.') : '',
        h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, h('th', {}, 'name'), h('th', {}, 'queries'), h('th', {}, 'updated'), h('th', {}, ''))),
          h('tbody', {}, page.items.map(row))),
        pager(page.total));
    } catch (e) {
      clear(list, errorBox((e as Error).message));
    }
  }

  function row(query: SavedQuery): HTMLElement {
    const href = stateToUrl(fromRequest(query.spec, { id: query.id, name: query.name, version: query.version }));
    const summary = [...query.spec.queries.map((q) => `${q.label}: ${q.aggregate}(${q.metric})`), ...(query.spec.equations ?? []).map((e) => `${e.label} = ${e.expression}`)];
    return h('tr', { class: 'saved-query', 'data-id': query.id },
      h('td', {}, h('a', { href, 'data-link': '' }, query.name)),
      h('td', { class: 'muted' }, summary.join(' · ')),
      h('td', { class: 'muted' }, new Date(query.updatedAt).toLocaleString()),
      h('td', {}, h('button', {
        class: 'icon', title: 'Delete', onClick: async () => {
          if (!confirm(`Delete "${query.name}"?`)) return;
          try {
            await api.deleteSavedQuery(query.id);
            void load();
          } catch (e) {
            list.prepend(errorBox((e as Error).message));
          }
        },
      }, '✕')));
  }

  function pager(total: number): HTMLElement {
    return h('div', { class: 'pager' },
      h('button', { disabled: offset === 0, onClick: () => { offset = Math.max(0, offset - PAGE); void load(); } }, '← newer'),
      h('span', {}, total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`),
      h('button', { disabled: offset + PAGE >= total, onClick: () => { offset += PAGE; void load(); } }, 'older →'));
  }

  const searchBox = h('input', { id: 'search', type: 'search', placeholder: 'Search by name', value: search });
  searchBox.addEventListener('input', debounce(() => {
    search = searchBox.value;
    offset = 0;
    void load();
  }, 250));
  root.replaceChildren(h('div', { class: 'page' }, h('h2', {}, 'Saved queries'), searchBox, list));
  void load();
}
