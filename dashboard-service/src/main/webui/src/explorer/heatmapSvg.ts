import type { HeatmapCell, HeatmapResponse } from '../api';
import { humanize, roundForReading } from '../units';

const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 1200;
const HEIGHT = 300;
const M = { left: 84, right: 12, top: 8, bottom: 26 };
/** Light to dark: few events are pale, many are deep purple. */
const LOW = [239, 234, 249];
const HIGH = [59, 31, 143];

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(NS, tag);
  Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, String(v)));
  element.append(...children);
  return element;
}

/** A cell's colour: its count on a log scale of the heatmap's largest, so rare values stay visible. */
function colour(count: number, max: number): string {
  const t = Math.log1p(count) / Math.log1p(max);
  return `rgb(${LOW.map((low, i) => Math.round(low + (HIGH[i] - low) * t)).join(',')})`;
}

function clock(millis: number): string {
  return new Date(millis).toISOString().slice(11, 16);
}

/**
 * One series of a heatmap answer as SVG: time across, value up on a log axis (each bucket as tall as the ratio of its
 * edges), a cell per non-empty (time, value) bucket coloured by its weighted count. Each cell carries its data
 * (`data-time`, `data-bucket`, `data-count`) and a tooltip; clicking one calls onPick. It scales to its box.
 */
export function heatmapSvg(response: HeatmapResponse, cells: HeatmapCell[], selected: { time: number; bucket: number } | null,
  onPick: (cell: HeatmapCell) => void): SVGElement {
  const { edges, timestamps, unit } = response;
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const low = Math.log10(edges[0]);
  const span = Math.log10(edges[edges.length - 1]) - low;
  const y = (value: number) => M.top + plotH - ((Math.log10(value) - low) / span) * plotH;
  const x = (time: number) => M.left + (time / timestamps.length) * plotW;
  const max = Math.max(1, ...cells.map((c) => c.count));
  const root = svg('svg', { class: 'heatmap', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' });
  root.append(svg('rect', { x: M.left, y: M.top, width: plotW, height: plotH, class: 'heatmap-plot' }));
  for (const cell of cells) {
    const from = timestamps[cell.time];
    const top = y(edges[cell.bucket + 1]);
    const rect = svg('rect', {
      class: selected && selected.time === cell.time && selected.bucket === cell.bucket ? 'cell selected' : 'cell',
      x: x(cell.time), y: top, width: plotW / timestamps.length, height: y(edges[cell.bucket]) - top,
      fill: colour(cell.count, max), 'data-time': cell.time, 'data-bucket': cell.bucket, 'data-count': cell.count,
    }, svg('title', {}, `${clock(from)}–${clock(from + response.intervalSeconds * 1000)} · `
      + `${humanize(edges[cell.bucket], unit)} – ${humanize(edges[cell.bucket + 1], unit)}: ${roundForReading(cell.count)} events`));
    rect.addEventListener('click', () => onPick(cell));
    root.append(rect);
  }
  // About eight value labels, counted down from the top edge so that none crowds it, and seven time labels.
  const everyEdge = Math.max(1, Math.ceil(edges.length / 8));
  for (let i = edges.length - 1; i >= 0; i -= everyEdge) {
    root.append(svg('text', { x: M.left - 6, y: y(edges[i]) + 4, 'text-anchor': 'end', class: 'axis' }, humanize(edges[i], unit)));
  }
  const everyTime = Math.max(1, Math.ceil(timestamps.length / 7));
  timestamps.forEach((t, i) => {
    if (i % everyTime !== 0) return;
    root.append(svg('text', { x: x(i), y: HEIGHT - 8, 'text-anchor': 'start', class: 'axis' }, clock(t)));
  });
  return root;
}
