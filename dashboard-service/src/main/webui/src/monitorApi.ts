/** monitor-service's API as dashboard-service forwards it: monitors, their issues, and notification channels. */
import type { Equation, MetricQuery } from './api';
import { call } from './http';

export interface MonitorQuery {
  projects: number[];
  queries: MetricQuery[];
  equations?: Equation[];
  watch?: string;
  interval?: string;
  window?: string;
}

export interface Detection {
  type: 'threshold' | 'change' | 'anomaly';
  direction?: string;
  warning?: number | null;
  critical?: number | null;
  resolve?: number | null;
  [other: string]: unknown;
}

export interface MonitorSpec {
  name: string;
  enabled?: boolean;
  query: MonitorQuery;
  detection: Detection;
  evaluation?: { every?: string; delay?: string; reduce?: string; consecutive?: number };
  noData?: string;
  channels?: number[];
}

/** Health fields (state … consecutiveFailures) are absent from a monitor-service that does not report them yet. */
export interface Monitor extends MonitorSpec {
  id: number;
  enabled: boolean;
  channels: number[];
  state?: string;
  lastEvaluatedAt?: string | null;
  lastValue?: number | null;
  lastError?: string | null;
  consecutiveFailures?: number;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  status: string;
  severity: string;
  value: number | null;
  message: string | null;
  at: string;
  /** Who made the entry: "token:<id>" for an API call, "evaluation" for the monitor itself. */
  actor?: string | null;
}

export interface Issue {
  id: number;
  monitorId: number;
  group: Record<string, unknown>;
  status: 'pending' | 'firing' | 'resolved';
  severity: string;
  lastValue: number | null;
  dedupKey: string;
  muted: boolean;
  snoozedUntil: string | null;
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  history?: HistoryEntry[];
}

export interface Delivery {
  id: number;
  notificationId: string;
  channelId: number;
  issueId: number | null;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Channel {
  id: number;
  name: string;
  type: 'slack' | 'pagerduty' | 'email' | 'webhook';
  config: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface PageOf<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

/** What a PUT takes: the monitor's spec without its id, timestamps and health. */
export function specOf(monitor: Monitor): MonitorSpec {
  const { name, enabled, query, detection, evaluation, noData, channels } = monitor;
  return { name, enabled, query, detection, evaluation, noData, channels };
}

export const monitorApi = {
  monitors: () => call<PageOf<Monitor>>('GET', '/api/v1/monitors?size=200'),
  monitor: (id: number) => call<Monitor>('GET', `/api/v1/monitors/${id}`),
  createMonitor: (spec: MonitorSpec) => call<Monitor>('POST', '/api/v1/monitors', spec),
  updateMonitor: (id: number, spec: MonitorSpec) => call<Monitor>('PUT', `/api/v1/monitors/${id}`, spec),
  deleteMonitor: (id: number) => call<void>('DELETE', `/api/v1/monitors/${id}`),

  issues: (filter: { status?: string; monitor?: number }) => call<PageOf<Issue>>('GET', `/api/v1/issues?size=200${
    filter.status ? `&status=${filter.status}` : ''}${filter.monitor ? `&monitor=${filter.monitor}` : ''}`),
  issue: (id: number) => call<Issue>('GET', `/api/v1/issues/${id}`),
  issueDeliveries: (id: number) => call<Delivery[]>('GET', `/api/v1/issues/${id}/deliveries`),
  /** mute, unmute, unsnooze, resolve; snooze takes a duration. */
  act: (id: number, action: string, body?: unknown) => call<Issue>('POST', `/api/v1/issues/${id}/${action}`, body),

  channels: () => call<PageOf<Channel>>('GET', '/api/v1/channels?size=200'),
  createChannel: (channel: { name: string; type: string; config: Record<string, unknown> }) =>
    call<Channel>('POST', '/api/v1/channels', channel),
  deleteChannel: (id: number) => call<void>('DELETE', `/api/v1/channels/${id}`),
  testChannel: (id: number) => call<{ notificationId: string }>('POST', `/api/v1/channels/${id}/test`),
  channelDeliveries: (id: number) => call<Delivery[]>('GET', `/api/v1/channels/${id}/deliveries`),
};
