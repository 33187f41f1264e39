import { api, ApiError, type Dashboard, type Display, type SavedQuery, type Widget } from '../api';
import { errorBox, h } from '../dom';
import { modal } from '../modal';
import { navigate } from '../router';
import { toRequest } from '../state';
import type { ExplorerStore } from './store';

/** Save As: the page as a new or an existing saved query, as a dashboard widget, or as a monitor. */
export function saveAsMenu(store: ExplorerStore, notice: HTMLElement): HTMLElement {
  const state = store.state;

  const saved = (message: string, link: { href: string; text: string }) => notice.replaceChildren(
    h('div', { class: 'success', role: 'status' }, message, h('a', { href: link.href, 'data-link': '' }, ` ${link.text}`)));
  const failed = (e: unknown) => notice.replaceChildren(errorBox(e instanceof ApiError && e.status === 409
    ? `Not saved: ${e.message}` : `Not saved: ${(e as Error).message}`));
  const remember = (query: SavedQuery) => {
    state.saved = { id: query.id, name: query.name, version: query.version };
    store.remember();
  };

  async function newQuery(): Promise<void> {
    const name = await modal.prompt('Save as new query', 'Name', state.saved?.name ?? '');
    if (!name) return;
    const query = await api.createSavedQuery(name, toRequest(state));
    remember(query);
    saved(`Saved query "${query.name}".`, { href: '/saved-queries', text: 'All saved queries' });
  }

  async function existingQuery(): Promise<void> {
    const existing = (await api.savedQueries('', 0, 200)).items;
    const chosen = await modal.choose('Save over an existing query', existing.map((q) => ({ value: String(q.id), text: q.name })),
      state.saved ? String(state.saved.id) : undefined);
    if (!chosen) return;
    const target = existing.find((q) => String(q.id) === chosen) as SavedQuery;
    // The version we opened wins over the list's: overwriting someone's newer save must fail, not pass silently.
    const version = state.saved?.id === target.id ? state.saved.version : target.version;
    const query = await api.updateSavedQuery(target.id, target.name, toRequest(state), version);
    remember(query);
    saved(`Updated "${query.name}".`, { href: '/saved-queries', text: 'All saved queries' });
  }

  async function widget(): Promise<void> {
    const dashboards = (await api.dashboards('', 0, 200)).items;
    const labels = [...state.queries.map((q) => q.label), ...state.equations.map((e) => e.label)];
    const form = await modal.form('Add to a dashboard', [
      { name: 'dashboard', label: 'Dashboard', options: [{ value: 'new', text: 'New dashboard…' }, ...dashboards.map((d) => ({ value: String(d.id), text: d.name }))] },
      { name: 'newName', label: 'New dashboard name', value: '' },
      { name: 'series', label: 'Show', options: [{ value: 'all', text: 'All Metrics' }, ...labels.map((l) => ({ value: l, text: l }))] },
      { name: 'display', label: 'As', options: ['line', 'area', 'bar', 'big_number', 'table'].map((d) => ({ value: d, text: d.replace('_', ' ') })) },
      { name: 'title', label: 'Title', value: '' },
    ]);
    if (!form) return;
    const request = toRequest(state);
    const widgetAt = (y: number): Widget => ({
      id: crypto.randomUUID().slice(0, 8),
      title: form.title || (form.series === 'all' ? labels.join(', ') : form.series),
      display: form.display as Display,
      queries: request.queries,
      equations: request.equations,
      interval: request.interval,
      series: form.series,
      layout: { x: 0, y, w: 12, h: 6 },
    });
    let dashboard: Dashboard;
    if (form.dashboard === 'new') {
      dashboard = await api.createDashboard(form.newName || 'Untitled dashboard',
        { projects: state.projects, period: request.period, start: request.start, end: request.end, widgets: [widgetAt(0)] });
    } else {
      const current = await api.dashboard(Number(form.dashboard));
      const bottom = Math.max(0, ...current.spec.widgets.map((w) => w.layout.y + w.layout.h));
      dashboard = await api.updateDashboard(current.id, current.name, { ...current.spec, widgets: [...current.spec.widgets, widgetAt(bottom)] }, current.version);
    }
    saved(`Added a widget to "${dashboard.name}".`, { href: `/dashboards/${dashboard.id}`, text: 'Open dashboard' });
  }

  const choices: Record<string, () => Promise<void>> = {
    query: newQuery,
    existing: existingQuery,
    widget,
    monitor: async () => navigate(`/monitors/new?state=${encodeURIComponent(JSON.stringify(state))}`),
  };
  return h('select', {
    id: 'save-as', onChange: (e: Event) => {
      const select = e.target as HTMLSelectElement;
      const choice = choices[select.value];
      select.value = '';
      choice?.().catch(failed);
    },
  }, h('option', { value: '' }, 'Save As…'), h('option', { value: 'query' }, 'New Query'), h('option', { value: 'existing' }, 'Existing Query'),
  h('option', { value: 'widget' }, 'Dashboard widget'), h('option', { value: 'monitor' }, 'Monitor'));
}
