import type { Equation, ExplorerQuery, MetricQuery } from './api';

/** Everything on the Explorer page; it lives in the URL so a link reopens exactly what was on screen. */
export interface ExplorerState {
  projects: number[];
  period?: string;
  start?: string;
  end?: string;
  interval?: string;
  queries: MetricQuery[];
  equations: Equation[];
  compare: boolean;
  /** A tier the page forces (absent: query-service chooses); kept in the URL like the rest. */
  sampling?: ExplorerQuery['sampling'];
  tab: 'aggregates' | 'samples' | 'heatmap';
  samplesLabel?: string;
  /** One chart bucket the Samples tab is narrowed to, picked by clicking the chart there. */
  samplesBucket?: { start: string; end: string };
  /** The value range [from, to) the Samples tab is narrowed to, picked by clicking a heatmap cell. */
  samplesValues?: { from: number; to: number };
  samplesSort: string;
  /** Queries and equations whose charts are hidden (a query hidden still feeds the equations). */
  hidden?: string[];
  /** How the charts are laid out: one per row (the default), a grid of 2 or 3 columns, or all on one chart. */
  layout?: ChartLayout;
  /** The dashboard widget this page was opened from to be edited, and the dashboard's version then. */
  editing?: { dashboard: number; widget: string; title: string; version: number };
  saved?: { id: number; name: string; version: number };
}

export type ChartLayout = 'rows' | 'grid2' | 'grid3' | 'overlay';

export const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PROJECT_KEY = 'appmetrics.project';

export function lastProjects(): number[] {
  const stored = localStorage.getItem(PROJECT_KEY);
  return stored ? stored.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
}

export function rememberProjects(projects: number[]): void {
  localStorage.setItem(PROJECT_KEY, projects.join(','));
}

export function emptyQuery(label: string): MetricQuery {
  return { label, metric: '', aggregate: 'count', filter: '', groupBy: [] };
}

export function defaultState(): ExplorerState {
  return { projects: lastProjects(), period: '24h', queries: [emptyQuery('A')], equations: [], compare: false, tab: 'aggregates', samplesSort: '-timestamp' };
}

export function nextQueryLabel(queries: MetricQuery[]): string | null {
  return [...LABELS].find((l) => !queries.some((q) => q.label === l)) ?? null;
}

export function nextEquationLabel(equations: Equation[]): string {
  let n = 1;
  while (equations.some((e) => e.label === `f${n}`)) n++;
  return `f${n}`;
}

export function stateFromUrl(search: string): ExplorerState {
  const text = new URLSearchParams(search).get('state');
  if (!text) return defaultState();
  try {
    return { ...defaultState(), ...(JSON.parse(text) as Partial<ExplorerState>) };
  } catch {
    return defaultState();
  }
}

export function stateToUrl(state: ExplorerState): string {
  return `/explorer?state=${encodeURIComponent(JSON.stringify(state))}`;
}

/** The request query-service answers; a saved query stores exactly this. */
export function toRequest(state: ExplorerState): ExplorerQuery {
  const request: ExplorerQuery = {
    projects: state.projects,
    queries: state.queries.map(cleanQuery),
  };
  if (state.start && state.end) {
    request.start = state.start;
    request.end = state.end;
  } else {
    request.period = state.period || '24h';
  }
  if (state.interval) request.interval = state.interval;
  if (state.equations.length) request.equations = state.equations.map((e) => ({ ...e }));
  if (state.compare) request.compare = 'previous_period';
  if (state.sampling) request.sampling = state.sampling;
  return request;
}

export function cleanQuery(query: MetricQuery): MetricQuery {
  const clean: MetricQuery = { label: query.label, metric: query.metric.trim(), aggregate: query.aggregate };
  if (query.filter?.trim()) clean.filter = query.filter.trim();
  if (query.groupBy?.length) clean.groupBy = query.groupBy;
  if (query.limit) clean.limit = query.limit;
  if (query.order) clean.order = query.order;
  return clean;
}

export function fromRequest(request: ExplorerQuery, saved?: ExplorerState['saved']): ExplorerState {
  return {
    ...defaultState(),
    projects: request.projects,
    period: request.period,
    start: request.start,
    end: request.end,
    interval: request.interval,
    queries: request.queries.map((q) => ({ filter: '', groupBy: [], ...q })),
    equations: request.equations ?? [],
    compare: request.compare === 'previous_period',
    sampling: request.sampling,
    saved,
  };
}

/** How a series of a request is titled wherever it is shown: "A: p95(checkout.latency) route:/x" or "f1 = A / B". */
export function seriesTitle(request: ExplorerQuery, label: string): string {
  const query = request.queries.find((q) => q.label === label);
  if (query) return `${label}: ${query.aggregate}(${query.metric})${query.filter ? ` ${query.filter}` : ''}`;
  return `${label} = ${request.equations?.find((e) => e.label === label)?.expression ?? ''}`;
}
