import { api } from './api';
import { errorBox, h } from './dom';
import { stateFromUrl, toRequest } from './state';

/**
 * "Save As → Monitor": monitor-service's creation form, pre-filled with the Explorer's queries, equations, filters,
 * group-bys and interval (the page state arrives in the URL). Posting goes through dashboard-service to
 * monitor-service's POST /api/v1/monitors.
 */
export function newMonitorPage(root: HTMLElement): void {
  const request = toRequest(stateFromUrl(location.search));
  const labels = [...request.queries.map((q) => q.label), ...(request.equations ?? []).map((e) => e.label)];
  const first = request.queries[0];
  const input = (name: string, label: string, value: string, type = 'text') =>
    h('label', {}, h('span', {}, label), h('input', { name, value, type, step: type === 'number' ? 'any' : undefined }));
  const select = (name: string, label: string, options: string[], value: string) =>
    h('label', {}, h('span', {}, label), h('select', { name }, options.map((o) => h('option', { value: o, selected: o === value }, o))));
  const result = h('div', { class: 'notice' });
  const form = h('form', { class: 'monitor-form' },
    input('name', 'Name', first ? `${first.aggregate}(${first.metric})` : ''),
    h('pre', { class: 'query-summary' }, [
      ...request.queries.map((q) => `${q.label}: ${q.aggregate}(${q.metric})${q.filter ? ` ${q.filter}` : ''}${q.groupBy?.length ? ` by ${q.groupBy.join(', ')}` : ''}`),
      ...(request.equations ?? []).map((e) => `${e.label} = ${e.expression}`),
    ].join('\n')),
    select('watch', 'Watch', labels, labels[labels.length - 1] ?? ''),
    input('interval', 'Interval', request.interval ?? '1m'),
    input('window', 'Evaluation window', '5m'),
    select('direction', 'Alert when the value is', ['above', 'below'], 'above'),
    input('warning', 'Warning level', '', 'number'),
    input('critical', 'Critical level', '', 'number'),
    h('button', { type: 'submit', class: 'primary' }, 'Create monitor'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const level = (name: string) => (text(name) === '' ? undefined : Number(text(name)));
    try {
      await api.createMonitor({
        name: text('name'),
        query: { projects: request.projects, queries: request.queries, equations: request.equations ?? [], watch: text('watch'),
          interval: text('interval'), window: text('window') },
        detection: { type: 'threshold', direction: text('direction'), warning: level('warning'), critical: level('critical') },
      });
      result.replaceChildren(h('div', { class: 'success', role: 'status' }, `Monitor "${text('name')}" created.`));
    } catch (err) {
      result.replaceChildren(errorBox(`Monitor not created: ${(err as Error).message}`));
    }
  });
  root.replaceChildren(h('div', { class: 'page' }, h('h2', {}, 'New monitor'), result, form));
}
