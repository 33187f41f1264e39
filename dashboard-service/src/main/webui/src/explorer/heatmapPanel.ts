import { api, type HeatmapCell, type HeatmapResponse, type MetricQuery } from '../api';
import { errorBox, h } from '../dom';
import { type ExplorerState, toRequest } from '../state';
import { humanize, roundForReading } from '../units';
import { heatmapSvg } from './heatmapSvg';

/** What a click on a cell narrows the Samples tab to: the query, the time bucket and the value range [from, to). */
export interface CellPick {
  label: string;
  start: string;
  end: string;
  from: number;
  to: number;
}

type OnPick = (pick: CellPick) => void;

/** One query's heatmap request: the page's projects, range and interval, the query's metric and filter (all groups). */
function heatmapRequest(state: ExplorerState, query: MetricQuery): Record<string, unknown> {
  const { projects, start, end, period, interval } = toRequest(state);
  return { projects, start, end, period, interval, query: { metric: query.metric, filter: query.filter?.trim() || undefined } };
}

function pickOf(response: HeatmapResponse, label: string, cell: HeatmapCell): CellPick {
  const start = response.timestamps[cell.time];
  // The last bucket ends with the answer's range.
  const end = Math.min(start + response.intervalSeconds * 1000, Date.parse(response.end));
  return {
    label, start: new Date(start).toISOString(), end: new Date(end).toISOString(),
    from: response.edges[cell.bucket], to: response.edges[cell.bucket + 1],
  };
}

/** The cell the Samples tab is narrowed to, if it is one of this query's heatmap. */
function selectedCell(state: ExplorerState, label: string, response: HeatmapResponse): { time: number; bucket: number } | null {
  if (state.samplesLabel !== label || !state.samplesValues || !state.samplesBucket) return null;
  const time = response.timestamps.indexOf(Date.parse(state.samplesBucket.start));
  const bucket = response.edges.indexOf(state.samplesValues.from);
  return time < 0 || bucket < 0 ? null : { time, bucket };
}

function draw(state: ExplorerState, label: string, response: HeatmapResponse, onPick: OnPick): HTMLElement {
  if (response.edges.length === 0) return h('div', { class: 'chart-empty' }, 'No positive values in this time range');
  const cells = response.series[0]?.cells ?? [];
  const outside = response.series[0]?.outside ?? 0;
  const unit = response.unit;
  return h('div', { class: 'heatmap-box' },
    heatmapSvg(response, cells, selectedCell(state, label, response), (cell) => onPick(pickOf(response, label, cell))),
    h('div', { class: 'muted heatmap-legend' },
      `${humanize(response.edges[0], unit)} to ${humanize(response.edges[response.edges.length - 1], unit)} on a log scale, `
      + `every ${response.intervalSeconds} s; darker cells hold more events (up to `
      + `${roundForReading(Math.max(0, ...cells.map((c) => c.count)))}).`,
      outside > 0 ? ` ${roundForReading(outside)} events of 0 or less are not drawn.` : ''));
}

async function heatmapCard(state: ExplorerState, query: MetricQuery, signal: AbortSignal, onPick: OnPick): Promise<HTMLElement> {
  let body: HTMLElement;
  try {
    body = draw(state, query.label, await api.heatmap(heatmapRequest(state, query), signal), onPick);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    body = errorBox(`${query.label}: ${(e as Error).message}`);
  }
  return h('section', { class: 'chart-card heatmap-card', 'data-label': query.label },
    h('h3', {}, `${query.label}: ${query.metric}${query.filter ? ` ${query.filter}` : ''}`), body);
}

/** The Heatmap tab: each shown query's distribution over time; a click on a cell opens its samples. */
export async function heatmapPanel(state: ExplorerState, signal: AbortSignal, onPick: OnPick): Promise<HTMLElement> {
  const queries = state.queries.filter((q) => !state.hidden?.includes(q.label));
  const cards = await Promise.all(queries.map((q) => heatmapCard(state, q, signal, onPick)));
  return h('div', {}, h('div', { class: 'hint' }, 'Time across, value up; click a cell for the samples behind it.'),
    h('div', { class: 'charts' }, cards));
}

/** Above the samples of a heatmap cell: that query's heatmap with the cell marked, where another can be picked. */
export async function pickedCellHeatmap(state: ExplorerState, signal: AbortSignal, onPick: OnPick): Promise<HTMLElement | null> {
  const query = state.queries.find((q) => q.label === state.samplesLabel);
  return state.samplesValues && query ? heatmapCard(state, query, signal, onPick) : null;
}
