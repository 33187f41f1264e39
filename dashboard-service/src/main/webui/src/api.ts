/**
 * The HTTP API of dashboard-service: projects, saved queries, dashboards, and query-service's query and trace API
 * behind it. Over 200 lines because it is the one place that states these shapes; splitting it would scatter one
 * contract.
 */
import { call } from './http';

export { ApiError, auth } from './http';

export interface MetricQuery {
  label: string;
  metric: string;
  aggregate: string;
  filter?: string;
  groupBy?: string[];
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface Equation {
  label: string;
  expression: string;
}

export interface TimeRange {
  period?: string;
  start?: string;
  end?: string;
}

export interface ExplorerQuery extends TimeRange {
  projects: number[];
  interval?: string;
  queries: MetricQuery[];
  equations?: Equation[];
  compare?: 'previous_period';
  /** Each series' value over the whole range as well, in `total` (big numbers). */
  totals?: boolean;
  /** Which table answers: the finest tier within query-service's row budget (auto, the default), or one forced. */
  sampling?: 'auto' | 'exact' | 'downsample_8' | 'downsample_64' | 'downsample_512';
}

export interface Series {
  label: string;
  type: 'query' | 'equation';
  metric?: string;
  aggregate?: string;
  expression?: string;
  unit: string | null;
  group: Record<string, unknown>;
  other: boolean;
  values: (number | null)[];
  /** The stored events behind each value; on a downsampled tier, the buckets resting on too few are lowConfidence. */
  storedEvents?: number[];
  lowConfidence?: boolean[];
  /** min, max or last read from a tier: values of the sample, not extrapolated. */
  fromSample?: boolean;
  previous?: (number | null)[];
  total?: { value: number | null; previous?: number | null };
}

/** The tier that answered a request and the stored events behind its query series. */
export interface SamplingInfo {
  tier: string;
  weight: number;
  requested: string;
  storedEvents: number;
}

export interface TimeseriesResponse {
  start: string;
  end: string;
  intervalSeconds: number;
  timestamps: number[];
  sampling?: SamplingInfo;
  series: Series[];
}

/** POST /api/v1/query/validate: the request checked as execution plans it; warnings name what will come back empty. */
export interface QueryCheck {
  warnings: { field: string; reason: string }[];
}

/** POST /api/v1/query/heatmap: bucket i of `edges` holds the values in [edges[i], edges[i + 1]). */
export interface HeatmapResponse {
  start: string;
  end: string;
  intervalSeconds: number;
  timestamps: number[];
  unit: string | null;
  edges: number[];
  series: { group: Record<string, string>; other: boolean; cells: HeatmapCell[]; outside: number }[];
}

/** Weighted count of the events of time bucket `time` in value bucket `bucket`. */
export interface HeatmapCell {
  time: number;
  bucket: number;
  count: number;
}

export interface Sample {
  timestamp: string;
  projectId: number;
  metric: string;
  kind: string;
  value: number;
  unit: string | null;
  traceId: string;
  spanId: string | null;
  clientSampleRate: number;
  attributes: Record<string, unknown>;
}

export interface SamplesResponse {
  samples: Sample[];
  nextCursor: string | null;
}

export interface TraceSpan {
  spanId: string;
  parentSpanId: string;
  depth: number;
  segment: boolean;
  op: string;
  description: string;
  status: string;
  transaction: string;
  release: string;
  environment: string;
  start: string;
  offsetMs: number;
  durationMs: number;
  attributes: Record<string, unknown>;
}

export interface TraceResponse {
  traceId: string;
  projectId: number;
  start: string | null;
  end: string | null;
  durationMs: number;
  spans: TraceSpan[];
  logs: { timestamp: string; spanId: string; level: string; body: string; attributes: Record<string, unknown> }[];
  errors: {
    eventId: string; timestamp: string; spanId: string; level: string; type: string; value: string;
    frames: { filename: string; function: string; lineno: number; inApp: boolean }[];
    release: string; environment: string; transaction: string;
  }[];
  metrics: { timestamp: string; spanId: string; metric: string; kind: string; value: number; unit: string; attributes: Record<string, unknown> }[];
  truncated: boolean;
}

export interface ComparableTrace {
  label: string;
  traceId: string;
  rootSpanId: string;
  transaction: string;
  op: string;
  release: string;
  environment: string;
  status: string;
  start: string;
  durationMs: number;
  distanceMs: number;
}

export interface Comparison {
  operator: string;
  value: number;
}

/** One condition of a trace search: the selectors of its kind, and what the selected events must add up to. */
export interface TraceCondition {
  kind: 'metric' | 'span' | 'log' | 'error';
  metric?: string;
  filter?: string;
  op?: string;
  status?: string;
  level?: string;
  exceptionType?: string;
  text?: string;
  transaction?: string;
  release?: string;
  environment?: string;
  durationMs?: Comparison;
  having?: Comparison & { aggregate: string };
}

export interface TraceSearchRequest extends TimeRange {
  project: number;
  conditions: TraceCondition[];
  sort: string;
  limit: number;
}

export interface FoundTrace {
  traceId: string;
  start: string;
  end: string;
  durationMs: number;
  transaction: string | null;
  op: string | null;
  rootDurationMs: number | null;
  release: string | null;
  environment: string | null;
  spanCount: number;
  errorCount: number;
  metrics: { metric: string; count: number; sum: number; unit: string }[];
}

/** What a trace search condition's `having` takes: each kind's aggregates (the kinds in order) and the operators. */
export interface TraceAggregates {
  aggregates: Record<string, string[]>;
  operators: string[];
}

export interface TraceCatalog {
  ops: string[];
  transactions: string[];
  statuses: string[];
  releases: string[];
  environments: string[];
  logLevels: string[];
  exceptionTypes: string[];
}

export interface Project {
  id: number;
  slug: string;
  name: string;
}

export interface CatalogMetric {
  name: string;
  kind: string;
  unit: string | null;
  lastSeen: string;
  count: number;
}

export interface Document<S> {
  id: number;
  name: string;
  spec: S;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface Layout {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Display = 'line' | 'area' | 'bar' | 'big_number' | 'table';

export interface Widget {
  id: string;
  title?: string;
  display: Display;
  queries: MetricQuery[];
  equations?: Equation[];
  interval?: string;
  series: string;
  layout: Layout;
}

export interface DashboardSpec extends TimeRange {
  projects: number[];
  filter?: string;
  widgets: Widget[];
}

export type SavedQuery = Document<ExplorerQuery>;
export type Dashboard = Document<DashboardSpec>;

const enc = encodeURIComponent;
let aggregatesOnce: Promise<Record<string, string[]>> | undefined;
let traceAggregatesOnce: Promise<TraceAggregates> | undefined;

export const api = {
  timeseries: (request: ExplorerQuery, signal?: AbortSignal) =>
    call<TimeseriesResponse>('POST', '/api/v1/query/timeseries', request, signal),
  validate: (request: ExplorerQuery, signal?: AbortSignal) =>
    call<QueryCheck>('POST', '/api/v1/query/validate', request, signal),
  heatmap: (request: Record<string, unknown>, signal?: AbortSignal) =>
    call<HeatmapResponse>('POST', '/api/v1/query/heatmap', request, signal),
  samples: (request: Record<string, unknown>, signal?: AbortSignal) =>
    call<SamplesResponse>('POST', '/api/v1/query/samples', request, signal),
  /** Which aggregates each metric kind takes, the first its default: query-service's own rule. Asked once. */
  aggregates: () => aggregatesOnce ??= call<{ aggregates: Record<string, string[]> }>('GET', '/api/v1/catalog/aggregates')
    .then((r) => r.aggregates, (e) => {
      aggregatesOnce = undefined;
      throw e;
    }),
  metrics: (project: number) =>
    call<{ metrics: CatalogMetric[] }>('GET', `/api/v1/catalog/metrics?project=${project}`).then((r) => r.metrics),
  attributes: (project: number, metric: string) =>
    call<{ attributes: { key: string; type: string }[] }>('GET', `/api/v1/catalog/metrics/${enc(metric)}/attributes?project=${project}`)
      .then((r) => r.attributes),
  attributeValues: (project: number, metric: string, key: string, prefix: string) =>
    call<{ values: { value: unknown; count: number }[] }>('GET',
      `/api/v1/catalog/metrics/${enc(metric)}/attributes/${enc(key)}/values?project=${project}&prefix=${enc(prefix)}`)
      .then((r) => r.values),

  trace: (project: number, traceId: string, at: string | null) =>
    call<TraceResponse>('GET', `/api/v1/traces/${enc(traceId)}?project=${project}${at ? `&at=${enc(at)}` : ''}`),
  comparableTraces: (request: { project: number; timestamp: string; match: Record<string, string>; excludeTraceId?: string; limit?: number }) =>
    call<{ label: string; traces: ComparableTrace[] }>('POST', '/api/v1/traces/comparable', request),
  searchTraces: (request: TraceSearchRequest, signal?: AbortSignal) =>
    call<{ traces: FoundTrace[]; truncated: boolean }>('POST', '/api/v1/traces/search', request, signal),
  traceCatalog: (project: number) => call<TraceCatalog>('GET', `/api/v1/catalog/traces?project=${project}`),
  /** Trace search's own rule, as `aggregates` is the Explorer's. Asked once. */
  traceAggregates: () => traceAggregatesOnce ??= call<TraceAggregates>('GET', '/api/v1/catalog/traces/aggregates')
    .catch((e) => {
      traceAggregatesOnce = undefined;
      throw e;
    }),
  projects: () => call<Page<Project>>('GET', '/api/v1/projects?limit=100').then((r) => r.items),

  savedQueries: (search: string, offset: number, limit: number) =>
    call<Page<SavedQuery>>('GET', `/api/v1/saved-queries?search=${enc(search)}&offset=${offset}&limit=${limit}`),
  savedQuery: (id: number) => call<SavedQuery>('GET', `/api/v1/saved-queries/${id}`),
  createSavedQuery: (name: string, spec: ExplorerQuery) => call<SavedQuery>('POST', '/api/v1/saved-queries', { name, spec }),
  updateSavedQuery: (id: number, name: string, spec: ExplorerQuery, version: number) =>
    call<SavedQuery>('PUT', `/api/v1/saved-queries/${id}`, { name, spec, version }),
  deleteSavedQuery: (id: number) => call<void>('DELETE', `/api/v1/saved-queries/${id}`),

  dashboards: (search: string, offset: number, limit: number) =>
    call<Page<Dashboard>>('GET', `/api/v1/dashboards?search=${enc(search)}&offset=${offset}&limit=${limit}`),
  dashboard: (id: number) => call<Dashboard>('GET', `/api/v1/dashboards/${id}`),
  createDashboard: (name: string, spec: DashboardSpec) => call<Dashboard>('POST', '/api/v1/dashboards', { name, spec }),
  updateDashboard: (id: number, name: string, spec: DashboardSpec, version: number) =>
    call<Dashboard>('PUT', `/api/v1/dashboards/${id}`, { name, spec, version }),
  deleteDashboard: (id: number) => call<void>('DELETE', `/api/v1/dashboards/${id}`),

};
