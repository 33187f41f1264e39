import { api, type Dashboard, type DashboardSpec, type ExplorerQuery, type Layout, type Widget } from './api';
import { renderChart } from './chart';
import { editGrid, place } from './dashboard/gridEditor';
import { clear, debounce, errorBox, h, spinner } from './dom';
import { navigate } from './router';
import { editWidgetUrl } from './explorer/widgetEditing';
import { fromRequest, lastProjects, stateToUrl } from './state';

const PERIODS = ['1h', '6h', '24h', '7d', '30d'];

export function dashboardsPage(root: HTMLElement): void {
  const list = h('div', { class: 'list' });
  const searchBox = h('input', { id: 'search', type: 'search', placeholder: 'Search by name' });

  async function load(): Promise<void> {
    clear(list, spinner());
    try {
      const page = await api.dashboards(searchBox.value, 0, 100);
      clear(list, page.items.length === 0 ? h('div', { class: 'hint' }, 'No dashboards yet: create one, or use Save As → Dashboard widget in the Explorer.') : '',
        h('ul', { class: 'cards' }, page.items.map((d) => h('li', { class: 'dashboard-card', 'data-id': d.id },
          h('a', { href: `/dashboards/${d.id}`, 'data-link': '' }, d.name),
          h('span', { class: 'muted' }, `${d.spec.widgets.length} widgets`)))));
    } catch (e) {
      clear(list, errorBox((e as Error).message));
    }
  }

  async function create(): Promise<void> {
    const name = prompt('Dashboard name');
    if (!name) return;
    try {
      const dashboard = await api.createDashboard(name, { projects: lastProjects(), period: '24h', widgets: [] });
      navigate(`/dashboards/${dashboard.id}`);
    } catch (e) {
      list.prepend(errorBox((e as Error).message));
    }
  }

  searchBox.addEventListener('input', debounce(() => void load(), 250));
  root.replaceChildren(h('div', { class: 'page' }, h('h2', {}, 'Dashboards'),
    h('div', { class: 'toolbar' }, searchBox, h('button', { id: 'new-dashboard', onClick: () => void create() }, '+ New dashboard')), list));
  void load();
}

/** The request a widget sends: the dashboard's projects, time range and filter around the widget's queries. */
export function widgetRequest(spec: DashboardSpec, widget: Widget): ExplorerQuery {
  const filter = spec.filter?.trim();
  return {
    projects: spec.projects,
    ...(spec.start && spec.end ? { start: spec.start, end: spec.end } : { period: spec.period ?? '24h' }),
    interval: widget.interval,
    queries: widget.queries.map((q) => ({ ...q, filter: [q.filter, filter].filter(Boolean).join(' ') || undefined })),
    equations: widget.equations,
  };
}

export function dashboardPage(root: HTMLElement, params: Record<string, string>): void {
  const id = Number(params.id);
  const grid = h('div', { class: 'dashboard-grid' });
  const header = h('div', { class: 'toolbar' });
  const notice = h('div', { class: 'notice' });
  let dashboard: Dashboard;
  /** A range, filter or layout picked here changes what this page shows, not the shared dashboard, until Save. */
  let view: Pick<DashboardSpec, 'period' | 'start' | 'end' | 'filter' | 'widgets'> | null = null;
  /** Whether the widgets can be moved and resized. */
  let arranging = false;

  async function save(spec: DashboardSpec): Promise<void> {
    try {
      dashboard = await api.updateDashboard(dashboard.id, dashboard.name, spec, dashboard.version);
      view = null;
      notice.replaceChildren();
      render();
    } catch (e) {
      notice.replaceChildren(errorBox(`Not saved: ${(e as Error).message}`));
    }
  }

  /** The view departs from the saved dashboard by `next`. */
  function edit(next: Partial<DashboardSpec>): void {
    const now = spec();
    view = { period: now.period, start: now.start, end: now.end, filter: now.filter, widgets: now.widgets, ...next };
  }

  function change(next: Partial<DashboardSpec>): void {
    edit(next);
    render();
  }

  /** What the page shows: the saved dashboard, with the range, filter and layout picked here. */
  const spec = (): DashboardSpec => ({ ...dashboard.spec, ...view });

  /** A widget moved or resized: only its card changes (redrawn when its size did), and Save appears. */
  function arranged(id: string, layout: Layout): void {
    const before = spec().widgets.find((w) => w.id === id);
    edit({ widgets: spec().widgets.map((w) => (w.id === id ? { ...w, layout } : w)) });
    renderHeader();
    const widget = spec().widgets.find((w) => w.id === id);
    if (!before || !widget || (before.layout.w === layout.w && before.layout.h === layout.h)) return;
    grid.querySelector(`.widget[data-widget="${CSS.escape(id)}"]`)?.replaceWith(widgetCard(spec(), widget));
    editGrid(grid, layoutOf, arranged);
  }

  const layoutOf = (id: string) => spec().widgets.find((w) => w.id === id)?.layout;

  function render(): void {
    renderHeader();
    const shown = spec();
    clear(grid, ...shown.widgets.map((widget) => widgetCard(shown, widget)));
    editGrid(grid, layoutOf, arranged);
    if (shown.widgets.length === 0) grid.append(h('div', { class: 'hint' }, 'No widgets yet: in the Explorer, use Save As → Dashboard widget.'));
  }

  function renderHeader(): void {
    const shown = spec();
    const filter = h('input', { id: 'dashboard-filter', class: 'filter', placeholder: 'dashboard filter, e.g. region:eu', value: shown.filter ?? '' });
    filter.addEventListener('change', () => change({ filter: filter.value.trim() || undefined }));
    clear(header, h('h2', {}, dashboard.name),
      h('select', { id: 'dashboard-period', onChange: (e: Event) => change({ period: (e.target as HTMLSelectElement).value, start: undefined, end: undefined }) },
        shown.start ? h('option', { selected: true }, `${shown.start} → ${shown.end}`) : null,
        PERIODS.map((p) => h('option', { value: p, selected: !shown.start && shown.period === p }, `Last ${p}`))),
      filter,
      h('button', { id: 'arrange', 'aria-pressed': String(arranging), title: 'Move widgets by their title, resize them by their corner', onClick: () => {
        arranging = !arranging;
        grid.classList.toggle('editing', arranging);
        renderHeader();
      } },
        arranging ? 'Done arranging' : 'Arrange'),
      ...(view ? [h('button', { id: 'save-view', class: 'primary', title: 'Save this range, filter and layout into the dashboard, for everyone', onClick: () => void save(shown) }, 'Save'),
        h('button', { id: 'reset-view', onClick: () => { view = null; render(); } }, 'Reset')] : []),
      h('button', { class: 'danger', onClick: async () => {
        if (!confirm(`Delete dashboard "${dashboard.name}"?`)) return;
        await api.deleteDashboard(dashboard.id);
        navigate('/dashboards');
      } }, 'Delete'));
  }

  function widgetCard(spec: DashboardSpec, widget: Widget): HTMLElement {
    const body = h('div', { class: 'widget-body' }, spinner());
    const explore = stateToUrl(fromRequest(widgetRequest(spec, widget)));
    const card = h('section', { class: 'widget', 'data-widget': widget.id },
    h('header', {}, h('h3', {}, widget.title ?? widget.series),
      h('a', { href: explore, 'data-link': '', title: 'Open in Explorer' }, 'explore'),
      h('a', { href: editWidgetUrl(dashboard, widget), 'data-link': '', class: 'edit-widget', title: 'Edit the queries of this widget in the Explorer' }, 'edit'),
      h('button', { class: 'icon', title: 'Remove widget', onClick: () => void save({ ...dashboard.spec, widgets: dashboard.spec.widgets.filter((w) => w.id !== widget.id) }) }, '✕')),
    body);
    place(card, widget.layout);
    const request = widgetRequest(spec, widget);
    api.timeseries(widget.display === 'big_number' ? { ...request, totals: true, compare: 'previous_period' } : request).then((response) => {
      const series = widget.series === 'all' ? response.series : response.series.filter((s) => s.label === widget.series);
      // The legend takes a row per series; the plot gets the rest of the widget's cells (72 px each with the gap).
      clear(body, renderChart(response, series, widget.display,
        {
          height: Math.max(100, widget.layout.h * 72 - 100 - 28 * (series.length + 1)),
          splitAxes: true,
          onZoom: (start, end) => change({ period: undefined, start: start.toISOString(), end: end.toISOString() }),
        }));
    }).catch((e) => clear(body, errorBox((e as Error).message)));
    return card;
  }

  root.replaceChildren(h('div', { class: 'page' }, header, notice, grid));
  clear(grid, spinner());
  api.dashboard(id).then((d) => {
    dashboard = d;
    render();
  }).catch((e) => clear(grid, errorBox((e as Error).message)));
}
