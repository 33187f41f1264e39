import { api, ApiError, type Dashboard, type Widget } from '../api';
import { errorBox, h } from '../dom';
import { fromRequest, stateToUrl, toRequest } from '../state';
import type { ExplorerStore } from './store';

/**
 * The Explorer page that edits a dashboard's widget: the widget's own queries and equations (without the
 * dashboard's filter, which stays the dashboard's) over the dashboard's projects and range.
 */
export function editWidgetUrl(dashboard: Dashboard, widget: Widget): string {
  const spec = dashboard.spec;
  const state = fromRequest({
    projects: spec.projects, ...(spec.start && spec.end ? { start: spec.start, end: spec.end } : { period: spec.period ?? '24h' }),
    interval: widget.interval, queries: widget.queries, equations: widget.equations,
  });
  state.editing = { dashboard: dashboard.id, widget: widget.id, title: widget.title ?? widget.series, version: dashboard.version };
  return stateToUrl(state);
}

/**
 * "Save to widget": the page's queries, equations and interval replace the widget's; its place, display and title
 * stay, and so does the series it shows while that label still exists ("all" otherwise). The dashboard must still
 * be at the version the widget was opened from, so that nobody's newer change is overwritten.
 */
export function saveToWidgetButton(store: ExplorerStore, notice: HTMLElement): HTMLElement | null {
  const editing = store.state.editing;
  if (!editing) return null;
  const save = async () => {
    const dashboard = await api.dashboard(editing.dashboard);
    const request = toRequest(store.state);
    const labels = [...request.queries.map((q) => q.label), ...(request.equations ?? []).map((e) => e.label)];
    if (!dashboard.spec.widgets.some((w) => w.id === editing.widget)) throw new Error(`the widget "${editing.title}" is no longer on "${dashboard.name}"`);
    const widgets = dashboard.spec.widgets.map((w) => (w.id !== editing.widget ? w : {
      ...w, queries: request.queries, equations: request.equations, interval: request.interval, series: labels.includes(w.series) ? w.series : 'all',
    }));
    const saved = await api.updateDashboard(dashboard.id, dashboard.name, { ...dashboard.spec, widgets }, editing.version);
    editing.version = saved.version;
    store.remember();
    notice.replaceChildren(h('div', { class: 'success', role: 'status' }, `Saved the widget "${editing.title}" of "${saved.name}".`,
      h('a', { href: `/dashboards/${saved.id}`, 'data-link': '' }, ' Open dashboard')));
  };
  return h('button', {
    id: 'save-widget', class: 'primary', title: `Put these queries into the widget "${editing.title}" of its dashboard`,
    onClick: () => save().catch((e) => notice.replaceChildren(errorBox(e instanceof ApiError && e.status === 409
      ? `Not saved: the dashboard was changed since this widget was opened (${e.message}); open it again from the dashboard`
      : `Not saved: ${(e as Error).message}`))),
  }, `Save to widget “${editing.title}”`);
}
