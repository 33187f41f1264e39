import type { ExplorerQuery } from '../api';
import { clear, errorBox, h, spinner } from '../dom';
import { type Channel, type Monitor, monitorApi, type MonitorSpec } from '../monitorApi';
import { navigate } from '../router';
import { seriesTitle, stateFromUrl, toRequest } from '../state';
import { alertsNav, querySummary, watchedLabel } from './format';
import { templateQuery } from './templateQuery';

/**
 * Creating and editing a monitor. Its query comes from the Explorer ("Save As → Monitor": the page state in the URL),
 * from the "Application Metrics" template, or, when editing, from the monitor itself; the rest is the same form.
 * The name follows the watched series until it is typed in.
 */
export function newMonitorPage(root: HTMLElement): void {
  const fromExplorer = new URLSearchParams(location.search).has('state');
  const template = fromExplorer ? null : templateQuery(() => form.renamed());
  const request = fromExplorer ? toRequest(stateFromUrl(location.search)) : null;
  const form = monitorForm(root, request ? () => request : template!.query, template?.element ?? null, null);
}

export function editMonitorPage(root: HTMLElement, params: Record<string, string>): void {
  root.replaceChildren(spinner());
  monitorApi.monitor(Number(params.id))
    .then((monitor) => monitorForm(root, () => monitor.query, null, monitor))
    .catch((e) => root.replaceChildren(errorBox((e as Error).message)));
}

function monitorForm(root: HTMLElement, query: () => ExplorerQuery, queryFields: HTMLElement | null, existing: Monitor | null) {
  const labels = () => [...query().queries.map((q) => q.label), ...(query().equations ?? []).map((e) => e.label)];
  const detection = existing?.detection;
  const input = (name: string, label: string, value: unknown, type = 'text') =>
    h('label', {}, h('span', {}, label), h('input', { name, value: value ?? '', type, step: type === 'number' ? 'any' : undefined }));
  const select = (name: string, label: string, options: string[], value: string) =>
    h('label', {}, h('span', {}, label), h('select', { name }, options.map((o) => h('option', { value: o, selected: o === value }, o))));
  const watch = select('watch', 'Watch', labels(), existing ? watchedLabel(existing.query) : labels().at(-1) ?? 'A');
  const name = h('input', { name: 'name', value: existing?.name ?? '' });
  let named = Boolean(existing);
  name.addEventListener('input', () => { named = true; });
  const renamed = () => {
    if (!named) name.value = seriesTitle(query(), (watch.querySelector('select') as HTMLSelectElement).value);
  };
  watch.addEventListener('change', renamed);
  const channelBox = h('fieldset', { class: 'channel-picker' }, h('legend', {}, 'Notify'), spinner());
  const result = h('div', { class: 'notice' });
  const form = h('form', { class: 'monitor-form' },
    h('label', {}, h('span', {}, 'Name'), name),
    queryFields ?? h('pre', { class: 'query-summary' }, querySummary(query())),
    watch,
    input('interval', 'Interval', existing?.query.interval ?? query().interval ?? '1m'),
    input('window', 'Evaluation window', existing?.query.window ?? '5m'),
    input('every', 'Evaluate every', existing?.evaluation?.every ?? '1m'),
    input('delay', 'Delay (for late data)', existing?.evaluation?.delay ?? '1m'),
    detection && detection.type !== 'threshold'
      ? h('p', { class: 'muted' }, `Detection: ${detection.type}, kept as it is.`)
      : [select('direction', 'Alert when the value is', ['above', 'below'], detection?.direction ?? 'above'),
        input('warning', 'Warning level', detection?.warning, 'number'),
        input('critical', 'Critical level', detection?.critical, 'number')],
    select('noData', 'When there is no data', ['keep', 'ok', 'alert'], existing?.noData ?? 'keep'),
    channelBox,
    h('button', { type: 'submit', class: 'primary' }, existing ? 'Save monitor' : 'Create monitor'));
  renamed();

  monitorApi.channels().then((channels) => clear(channelBox, h('legend', {}, 'Notify'),
    ...channels.items.map((c: Channel) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'channel', value: c.id, checked: existing?.channels.includes(c.id) }), `${c.name} (${c.type})`)),
    h('a', { href: '/monitors/channels', 'data-link': '' }, channels.items.length ? 'Manage channels' : 'No channels yet: add one')))
    .catch((e) => clear(channelBox, errorBox(`Channels: ${(e as Error).message}`)));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const text = (field: string) => String(data.get(field) ?? '').trim();
    const level = (field: string) => (text(field) === '' ? undefined : Number(text(field)));
    const { projects, queries, equations } = query();
    const body: MonitorSpec = {
      name: text('name'),
      enabled: existing?.enabled ?? true,
      query: { projects, queries, equations: equations ?? [], watch: text('watch'), interval: text('interval'), window: text('window') },
      detection: detection && detection.type !== 'threshold' ? detection
        : { type: 'threshold', direction: text('direction'), warning: level('warning'), critical: level('critical') },
      evaluation: { ...existing?.evaluation, every: text('every'), delay: text('delay') },
      noData: text('noData'),
      channels: data.getAll('channel').map(Number),
    };
    try {
      const saved = existing ? await monitorApi.updateMonitor(existing.id, body) : await monitorApi.createMonitor(body);
      navigate(`/monitors/${saved.id}`);
    } catch (err) {
      result.replaceChildren(errorBox(`Monitor not ${existing ? 'saved' : 'created'}: ${(err as Error).message}`));
    }
  });
  root.replaceChildren(h('div', { class: 'page' }, alertsNav('monitors'), h('h2', {}, existing ? `Edit ${existing.name}` : 'New monitor'), result, form));
  return { renamed };
}
