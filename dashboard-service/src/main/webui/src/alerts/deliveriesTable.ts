import { h } from '../dom';
import type { Delivery } from '../monitorApi';
import { badge, when } from './format';

/** Deliveries of an issue's or a channel's notifications: one row each, its attempts and the receiver's last answer. */
export function deliveriesTable(deliveries: Delivery[]): HTMLElement {
  if (deliveries.length === 0) return h('div', { class: 'hint' }, 'No deliveries.');
  return h('table', { class: 'grid deliveries' },
    h('thead', {}, h('tr', {}, ['at', 'event', 'channel', 'status', 'attempts', 'response', 'error'].map((c) => h('th', {}, c)))),
    h('tbody', {}, deliveries.map((d) => h('tr', { class: 'delivery', 'data-event': d.event, 'data-status': d.status },
      h('td', { class: 'muted' }, when(d.createdAt)), h('td', {}, d.event), h('td', {}, `#${d.channelId}`), h('td', {}, badge(d.status)),
      h('td', { class: 'num attempts' }, d.attempts), h('td', {}, d.responseStatus ?? '—'), h('td', { class: 'muted' }, d.error ?? '')))));
}
