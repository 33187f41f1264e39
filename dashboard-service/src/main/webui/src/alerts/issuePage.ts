import { clear, errorBox, h, spinner } from '../dom';
import { type Delivery, type HistoryEntry, type Issue, type Monitor, monitorApi } from '../monitorApi';
import { deliveriesTable } from './deliveriesTable';
import { alertsNav, badge, groupText, issueFlags, value, when } from './format';
import { groupMatch } from './silenceText';
import { watchedChart } from './watchedChart';

const SNOOZES = ['15m', '1h', '4h', '1d', '7d'];

/**
 * One issue: status, group and values over its life, actions that hold or end its notifications, its history with
 * who did what, and every delivery of its notifications with the attempts it took.
 */
export function issuePage(root: HTMLElement, params: Record<string, string>): void {
  const id = Number(params.id);
  const page = h('div', { class: 'page issue-page' }, alertsNav('issues'), spinner());
  root.replaceChildren(page);

  async function load(): Promise<void> {
    try {
      const [issue, deliveries] = await Promise.all([monitorApi.issue(id), monitorApi.issueDeliveries(id)]);
      // The monitor may be gone (deleted) while its issue's history stays.
      const monitor = await monitorApi.monitor(issue.monitorId).catch(() => null);
      render(issue, monitor, deliveries);
    } catch (e) {
      clear(page, alertsNav('issues'), errorBox((e as Error).message));
    }
  }

  function render(issue: Issue, monitor: Monitor | null, deliveries: Delivery[]): void {
    const open = issue.status !== 'resolved';
    const snoozed = Boolean(issue.snoozedUntil && Date.parse(issue.snoozedUntil) > Date.now());
    const snooze = h('select', { id: 'snooze-for' }, SNOOZES.map((d) => h('option', { value: d }, d)));
    const action = (key: string, text: string, body?: () => unknown) =>
      h('button', { id: `issue-${key}`, onClick: () => void act(monitorApi.act(id, key, body?.())) }, text);
    const hour = 3_600_000;
    const range = { start: new Date(Date.parse(issue.openedAt) - hour).toISOString(), end: new Date(issue.resolvedAt ? Date.parse(issue.resolvedAt) + hour : Date.now()).toISOString() };
    clear(page, alertsNav('issues'),
      h('div', { class: 'toolbar' }, h('h2', {}, `Issue #${issue.id}`), h('span', { class: 'issue-status' }, badge(issue.status)),
        h('span', { class: 'muted flags' }, issueFlags(issue))),
      h('dl', { class: 'facts' },
        h('dt', {}, 'monitor'), h('dd', {}, monitor ? h('a', { href: `/monitors/${monitor.id}`, 'data-link': '' }, monitor.name) : `monitor ${issue.monitorId} (deleted)`),
        h('dt', {}, 'group'), h('dd', {}, groupText(issue.group)),
        h('dt', {}, 'severity'), h('dd', {}, issue.severity),
        h('dt', {}, 'last value'), h('dd', {}, value(issue.lastValue)),
        h('dt', {}, 'opened'), h('dd', {}, when(issue.openedAt)),
        h('dt', {}, 'resolved'), h('dd', {}, when(issue.resolvedAt)),
        h('dt', {}, 'dedup key'), h('dd', { class: 'mono' }, issue.dedupKey)),
      open ? h('div', { class: 'toolbar actions' },
        issue.muted ? action('unmute', 'Unmute') : action('mute', 'Mute'),
        snoozed ? action('unsnooze', 'Unsnooze') : [snooze, action('snooze', 'Snooze', () => ({ duration: snooze.value }))],
        action('resolve', 'Resolve'),
        // Holds this group's notifications only; the issue still opens, changes and resolves.
        h('a', { id: 'silence-group', class: 'button', 'data-link': '', href: `/monitors/silences/new?${new URLSearchParams(
          { monitor: String(issue.monitorId), match: groupMatch(issue.group) })}` }, 'Silence this group')) : '',
      h('h3', {}, 'Values over time'),
      monitor ? watchedChart(monitor.query, monitor.detection, range, issue.group) : h('div', { class: 'hint' }, 'The monitor was deleted.'),
      h('h3', {}, 'History'), historyTable(issue.history ?? []),
      h('h3', {}, 'Deliveries'), deliveriesTable(deliveries));
  }

  async function act(done: Promise<unknown>): Promise<void> {
    try {
      await done;
      void load();
    } catch (e) {
      page.prepend(errorBox((e as Error).message));
    }
  }

  void load();
}

function historyTable(history: HistoryEntry[]): HTMLElement {
  return h('table', { class: 'grid history' },
    h('thead', {}, h('tr', {}, ['at', 'status', 'severity', 'value', 'by', 'message'].map((c) => h('th', {}, c)))),
    h('tbody', {}, history.map((e) => h('tr', { 'data-status': e.status },
      h('td', { class: 'muted' }, when(e.at)), h('td', {}, e.status), h('td', {}, e.severity), h('td', { class: 'num' }, value(e.value)),
      h('td', { class: 'actor' }, e.actor ?? '—'), h('td', {}, e.message ?? '')))));
}
