import { clear, errorBox, h, spinner } from '../dom';
import { type Channel, type Monitor, monitorApi, specOf } from '../monitorApi';
import { alertsNav, badge, monitorState, value, when } from './format';

/** Every monitor of the organization: its state, last value and evaluation, channels, and a switch to pause it. */
export function monitorsPage(root: HTMLElement): void {
  const list = h('div', { class: 'list' }, spinner());

  async function load(): Promise<void> {
    try {
      const [monitors, channels] = await Promise.all([monitorApi.monitors(), monitorApi.channels()]);
      const names = new Map(channels.items.map((c: Channel) => [c.id, c.name]));
      clear(list, monitors.items.length === 0
        ? h('div', { class: 'hint' }, 'No monitors yet: create one here, or in the Explorer with Save As → Monitor.')
        : h('table', { class: 'grid monitors' },
          h('thead', {}, h('tr', {}, ['name', 'state', 'last value', 'last evaluation', 'channels', 'enabled'].map((c) => h('th', {}, c)))),
          h('tbody', {}, monitors.items.map((m) => row(m, names)))));
    } catch (e) {
      clear(list, errorBox((e as Error).message));
    }
  }

  function row(monitor: Monitor, channelNames: Map<number, string>): HTMLElement {
    const toggle = h('input', {
      type: 'checkbox', class: 'enabled', checked: monitor.enabled, 'aria-label': `enable ${monitor.name}`,
      onChange: async () => {
        try {
          await monitorApi.updateMonitor(monitor.id, { ...specOf(monitor), enabled: toggle.checked });
        } catch (e) {
          list.prepend(errorBox(`${monitor.name}: ${(e as Error).message}`));
        }
        void load();
      },
    });
    return h('tr', { class: 'monitor-row', 'data-id': monitor.id },
      h('td', {}, h('a', { href: `/monitors/${monitor.id}`, 'data-link': '' }, monitor.name)),
      h('td', { class: 'state', title: monitor.lastError ?? '' }, badge(monitorState(monitor))),
      h('td', { class: 'num last-value' }, value(monitor.lastValue)),
      h('td', { class: 'muted' }, when(monitor.lastEvaluatedAt)),
      h('td', { class: 'channels' }, monitor.channels.map((id) => channelNames.get(id) ?? `#${id}`).join(', ') || '—'),
      h('td', {}, toggle));
  }

  root.replaceChildren(h('div', { class: 'page' }, alertsNav('monitors'),
    h('div', { class: 'toolbar' }, h('h2', {}, 'Monitors'),
      h('a', { href: '/monitors/new', 'data-link': '', id: 'new-monitor', class: 'button' }, '+ New monitor (Application Metrics)')),
    list));
  void load();
}
