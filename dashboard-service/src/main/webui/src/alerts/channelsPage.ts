import { clear, errorBox, h, spinner } from '../dom';
import { type Channel, monitorApi } from '../monitorApi';
import { alertsNav } from './format';
import { deliveriesTable } from './deliveriesTable';

/** What each channel type needs, as monitor-service's channel config names it. */
const CONFIG_FIELDS: Record<string, { name: string; label: string }[]> = {
  slack: [{ name: 'url', label: 'Incoming webhook URL' }],
  pagerduty: [{ name: 'routingKey', label: 'Routing key' }, { name: 'url', label: 'Events API URL (optional)' }],
  email: [{ name: 'url', label: 'Email webhook URL' }, { name: 'recipients', label: 'Recipients, comma separated' }],
  webhook: [{ name: 'url', label: 'URL' }, { name: 'secret', label: 'Signing secret (16 characters or more)' }],
};

/** Notification channels: add one, send it a test, see what was delivered to it lately. */
export function channelsPage(root: HTMLElement): void {
  const list = h('div', { class: 'list' }, spinner());
  const notice = h('div', { class: 'notice' });

  async function load(): Promise<void> {
    try {
      const channels = (await monitorApi.channels()).items;
      clear(list, channels.length === 0 ? h('div', { class: 'hint' }, 'No channels yet.') : h('div', {}, channels.map(card)));
    } catch (e) {
      clear(list, errorBox((e as Error).message));
    }
  }

  function card(channel: Channel): HTMLElement {
    const deliveries = h('div', { class: 'channel-deliveries' });
    const showDeliveries = () => monitorApi.channelDeliveries(channel.id)
      .then((d) => clear(deliveries, deliveriesTable(d))).catch((e) => clear(deliveries, errorBox((e as Error).message)));
    return h('section', { class: 'chart-card channel', 'data-id': channel.id, 'data-name': channel.name },
      h('div', { class: 'toolbar' }, h('h3', {}, `${channel.name} · ${channel.type}`),
        h('span', { class: 'muted' }, String(channel.config.url ?? '')),
        h('button', {
          class: 'test-channel', onClick: () => monitorApi.testChannel(channel.id)
            .then(() => notice.replaceChildren(h('div', { class: 'success', role: 'status' }, `Test sent to "${channel.name}".`)))
            .then(() => window.setTimeout(() => void showDeliveries(), 1500))
            .catch((e) => notice.replaceChildren(errorBox((e as Error).message))),
        }, 'Send test'),
        h('button', { class: 'show-deliveries', onClick: () => void showDeliveries() }, 'Recent deliveries'),
        h('button', {
          class: 'danger', onClick: async () => {
            if (!confirm(`Delete channel "${channel.name}"?`)) return;
            await monitorApi.deleteChannel(channel.id).catch((e) => notice.replaceChildren(errorBox((e as Error).message)));
            void load();
          },
        }, 'Delete')),
      deliveries);
  }

  const type = h('select', { name: 'type', id: 'channel-type' }, Object.keys(CONFIG_FIELDS).map((t) => h('option', { value: t }, t)));
  const configFields = h('div', {});
  const showFields = () => clear(configFields, ...CONFIG_FIELDS[type.value].map((f) =>
    h('label', {}, h('span', {}, f.label), h('input', { name: f.name }))));
  type.addEventListener('change', showFields);
  showFields();
  const form = h('form', { class: 'monitor-form channel-form' },
    h('h3', {}, 'New channel'),
    h('label', {}, h('span', {}, 'Name'), h('input', { name: 'name', id: 'channel-name' })),
    h('label', {}, h('span', {}, 'Type'), type), configFields,
    h('button', { type: 'submit', class: 'primary' }, 'Add channel'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const config: Record<string, unknown> = {};
    for (const f of CONFIG_FIELDS[type.value]) {
      const text = String(data.get(f.name) ?? '').trim();
      if (text) config[f.name] = f.name === 'recipients' ? text.split(',').map((s) => s.trim()) : text;
    }
    try {
      const channel = await monitorApi.createChannel({ name: String(data.get('name') ?? '').trim(), type: type.value, config });
      notice.replaceChildren(h('div', { class: 'success', role: 'status' }, `Added channel "${channel.name}".`));
      form.reset();
      showFields();
      void load();
    } catch (err) {
      notice.replaceChildren(errorBox(`Channel not added: ${(err as Error).message}`));
    }
  });
  root.replaceChildren(h('div', { class: 'page' }, alertsNav('channels'), h('h2', {}, 'Channels'), notice, list, form));
  void load();
}
