import { formatNumber, h } from '../dom';
import type { Issue, Monitor, MonitorQuery } from '../monitorApi';

/** The sections of alerting, one link each, above every alerting page. */
export function alertsNav(active: 'monitors' | 'issues' | 'channels' | 'silences'): HTMLElement {
  const link = (key: typeof active, href: string, text: string) =>
    h('a', { href, 'data-link': '', class: key === active ? 'active' : '' }, text);
  return h('div', { class: 'subnav' }, link('monitors', '/monitors', 'Monitors'), link('issues', '/monitors/issues', 'Issues'),
    link('channels', '/monitors/channels', 'Channels'), link('silences', '/monitors/silences', 'Silences'));
}

/** A monitor's state as monitor-service reports it; a disabled monitor is "disabled" whatever it last reported. */
export function monitorState(monitor: Monitor): string {
  if (!monitor.enabled) return 'disabled';
  return monitor.state ? monitor.state.toLowerCase() : 'unknown';
}

export function badge(text: string): HTMLElement {
  return h('span', { class: `badge badge-${text.toLowerCase()}` }, text.toUpperCase());
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function groupText(group: Record<string, unknown>): string {
  const entries = Object.entries(group);
  return entries.length ? entries.map(([k, v]) => `${k}:${String(v)}`).join(', ') : '(all)';
}

export function value(v: number | null | undefined): string {
  return formatNumber(v);
}

/** An issue's status with what holds its notifications back. */
export function issueFlags(issue: Issue): string {
  const snoozed = issue.snoozedUntil && Date.parse(issue.snoozedUntil) > Date.now() ? `snoozed until ${when(issue.snoozedUntil)}` : '';
  return [issue.muted ? 'muted' : '', snoozed].filter(Boolean).join(', ');
}

/** The label a monitor judges: its watch, else the last equation, else the only query (monitor-service's rule). */
export function watchedLabel(query: MonitorQuery): string {
  return query.watch || query.equations?.at(-1)?.label || query.queries[query.queries.length - 1]?.label || 'A';
}

/** One line per query and equation, as the Explorer writes them. */
export function querySummary(query: MonitorQuery): string {
  return [
    ...query.queries.map((q) => `${q.label}: ${q.aggregate}(${q.metric})${q.filter ? ` ${q.filter}` : ''}${q.groupBy?.length ? ` by ${q.groupBy.join(', ')}` : ''}`),
    ...(query.equations ?? []).map((e) => `${e.label} = ${e.expression}`),
  ].join('\n');
}
