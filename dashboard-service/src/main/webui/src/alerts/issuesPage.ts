import { clear, errorBox, h, spinner } from '../dom';
import { monitorApi } from '../monitorApi';
import { alertsNav, badge, groupText, issueFlags, value, when } from './format';

const STATUSES = ['', 'pending', 'firing', 'resolved'];

/** Issues of every monitor, newest first, narrowed to one status. */
export function issuesPage(root: HTMLElement): void {
  const params = new URLSearchParams(location.search);
  let status = params.get('status') ?? '';
  const list = h('div', { class: 'list' });

  async function load(): Promise<void> {
    history.replaceState(null, '', `/monitors/issues${status ? `?status=${status}` : ''}`);
    clear(list, spinner());
    try {
      const [issues, monitors] = await Promise.all([monitorApi.issues({ status }), monitorApi.monitors()]);
      const names = new Map(monitors.items.map((m) => [m.id, m.name]));
      clear(list, issues.items.length === 0 ? h('div', { class: 'hint' }, 'No issues.') : h('table', { class: 'grid issues' },
        h('thead', {}, h('tr', {}, ['issue', 'monitor', 'group', 'status', 'severity', 'value', 'opened', ''].map((c) => h('th', {}, c)))),
        h('tbody', {}, issues.items.map((issue) => h('tr', { class: 'issue-row', 'data-id': issue.id, 'data-monitor': issue.monitorId },
          h('td', {}, h('a', { href: `/monitors/issues/${issue.id}`, 'data-link': '' }, `#${issue.id}`)),
          // A deleted monitor is not listed any more; its issues still are.
          h('td', {}, names.get(issue.monitorId) ?? `monitor ${issue.monitorId}`),
          h('td', {}, groupText(issue.group)), h('td', { class: 'status' }, badge(issue.status)), h('td', {}, issue.severity),
          h('td', { class: 'num' }, value(issue.lastValue)), h('td', { class: 'muted' }, when(issue.openedAt)),
          h('td', { class: 'muted flags' }, issueFlags(issue)))))));
    } catch (e) {
      clear(list, errorBox((e as Error).message));
    }
  }

  const filter = h('select', {
    id: 'issue-status', onChange: (e: Event) => {
      status = (e.target as HTMLSelectElement).value;
      void load();
    },
  }, STATUSES.map((s) => h('option', { value: s, selected: s === status }, s || 'any status')));
  root.replaceChildren(h('div', { class: 'page' }, alertsNav('issues'), h('div', { class: 'toolbar' }, h('h2', {}, 'Issues'), filter), list));
  void load();
}
