import { clear, errorBox, h, spinner } from '../dom';
import { type Issue, type Monitor, monitorApi, specOf } from '../monitorApi';
import { navigate } from '../router';
import { alertsNav, badge, groupText, issueFlags, monitorState, querySummary, value, watchedLabel, when } from './format';
import { watchedChart } from './watchedChart';

const PERIODS = ['1h', '6h', '24h', '7d'];

/** One monitor: its health, what it watches charted against its levels, its open issues, and what can be done to it. */
export function monitorPage(root: HTMLElement, params: Record<string, string>): void {
  const id = Number(params.id);
  const page = h('div', { class: 'page monitor-page' }, alertsNav('monitors'), spinner());
  root.replaceChildren(page);

  async function load(): Promise<void> {
    try {
      const [monitor, issues] = await Promise.all([monitorApi.monitor(id), monitorApi.issues({ monitor: id })]);
      render(monitor, issues.items.filter((i) => i.status !== 'resolved'));
    } catch (e) {
      clear(page, alertsNav('monitors'), errorBox((e as Error).message));
    }
  }

  function render(monitor: Monitor, open: Issue[]): void {
    const chartHost = h('div', {});
    const showChart = (period: string) => clear(chartHost, watchedChart(monitor.query, monitor.detection, { period }));
    const detection = monitor.detection;
    clear(page, alertsNav('monitors'),
      h('div', { class: 'toolbar' }, h('h2', {}, monitor.name), badge(monitorState(monitor)),
        h('a', { href: `/monitors/${id}/edit`, 'data-link': '', class: 'button', id: 'edit-monitor' }, 'Edit'),
        h('button', { id: 'toggle-monitor', onClick: () => act(monitorApi.updateMonitor(id, { ...specOf(monitor), enabled: !monitor.enabled })) },
          monitor.enabled ? 'Disable' : 'Enable'),
        h('button', {
          class: 'danger', id: 'delete-monitor', onClick: async () => {
            if (!confirm(`Delete monitor "${monitor.name}"? Its open issues are resolved.`)) return;
            await act(monitorApi.deleteMonitor(id), '/monitors');
          },
        }, 'Delete')),
      monitor.lastError ? errorBox(`Last evaluation failed${monitor.consecutiveFailures ? ` (${monitor.consecutiveFailures} in a row)` : ''}: ${monitor.lastError}`) : '',
      h('dl', { class: 'facts' },
        h('dt', {}, 'watches'), h('dd', {}, h('pre', { class: 'query-summary' }, querySummary(monitor.query)), `judged: ${watchedLabel(monitor.query)}`),
        h('dt', {}, 'alerts when'), h('dd', {}, detection.type === 'threshold'
          ? `${detection.direction} warning ${value(detection.warning)} · critical ${value(detection.critical)}`
          : JSON.stringify(detection)),
        h('dt', {}, 'evaluates'), h('dd', {}, `every ${monitor.evaluation?.every ?? '—'}, window ${monitor.query.window ?? '—'}, no data: ${monitor.noData ?? '—'}`),
        h('dt', {}, 'last evaluation'), h('dd', {}, `${when(monitor.lastEvaluatedAt)} · value ${value(monitor.lastValue)}`)),
      h('div', { class: 'toolbar' }, h('h3', {}, 'Watched series'),
        h('select', { id: 'monitor-period', onChange: (e: Event) => showChart((e.target as HTMLSelectElement).value) },
          PERIODS.map((p) => h('option', { value: p, selected: p === '6h' }, `Last ${p}`)))),
      chartHost,
      h('h3', {}, 'Open issues'),
      open.length === 0 ? h('div', { class: 'hint' }, 'No open issues.') : h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['issue', 'group', 'status', 'severity', 'value', 'opened', ''].map((c) => h('th', {}, c)))),
        h('tbody', {}, open.map((issue) => h('tr', { class: 'issue-row', 'data-id': issue.id },
          h('td', {}, h('a', { href: `/monitors/issues/${issue.id}`, 'data-link': '' }, `#${issue.id}`)),
          h('td', {}, groupText(issue.group)), h('td', {}, badge(issue.status)), h('td', {}, issue.severity),
          h('td', { class: 'num' }, value(issue.lastValue)), h('td', { class: 'muted' }, when(issue.openedAt)),
          h('td', { class: 'muted' }, issueFlags(issue)))))));
    showChart('6h');
  }

  async function act(done: Promise<unknown>, then?: string): Promise<void> {
    try {
      await done;
      if (then) navigate(then);
      else void load();
    } catch (e) {
      page.prepend(errorBox((e as Error).message));
    }
  }

  void load();
}
