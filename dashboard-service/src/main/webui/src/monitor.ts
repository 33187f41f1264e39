import { api } from './api';
import { errorBox, h } from './dom';

/**
 * "Save As → Monitor": the monitor form pre-filled from the Explorer's first query. Monitors are created by
 * monitor-service (POST /api/v1/monitors); this page only prepares the request.
 */
export function newMonitorPage(root: HTMLElement): void {
  const params = new URLSearchParams(location.search);
  const field = (name: string, label: string, value: string) =>
    h('label', {}, h('span', {}, label), h('input', { name, value }));
  const result = h('div', { class: 'notice' });
  const form = h('form', { class: 'monitor-form' },
    field('name', 'Name', `${params.get('aggregate') ?? ''}(${params.get('metric') ?? ''})`),
    field('project', 'Project', params.get('project') ?? ''),
    field('metric', 'Metric', params.get('metric') ?? ''),
    field('aggregate', 'Aggregate', params.get('aggregate') ?? ''),
    field('filter', 'Filter', params.get('filter') ?? ''),
    field('groupBy', 'Group by', params.get('groupBy') ?? ''),
    field('interval', 'Interval', params.get('interval') ?? '1m'),
    h('label', {}, h('span', {}, 'Alert when above'), h('input', { name: 'threshold', type: 'number', value: '' })),
    h('button', { type: 'submit', class: 'primary' }, 'Create monitor'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      name: text('name'),
      projects: [Number(text('project'))],
      query: { label: 'A', metric: text('metric'), aggregate: text('aggregate'), filter: text('filter') || undefined,
        groupBy: text('groupBy') ? text('groupBy').split(',').map((s) => s.trim()) : undefined },
      interval: text('interval'),
      threshold: { above: Number(text('threshold')) },
    };
    try {
      await api.createMonitor(body);
      result.replaceChildren(h('div', { class: 'success' }, 'Monitor created.'));
    } catch (err) {
      result.replaceChildren(errorBox(`Monitor not created: ${(err as Error).message}`));
    }
  });
  root.replaceChildren(h('div', { class: 'page' }, h('h2', {}, 'New monitor'), result, form));
}
