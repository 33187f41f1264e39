import { api, type Series, type TimeRange } from '../api';
import { renderChart } from '../chart';
import { clear, errorBox, h, spinner } from '../dom';
import type { Detection, MonitorQuery } from '../monitorApi';
import { watchedLabel } from './format';

/**
 * The series a monitor judges, asked of query-service exactly as the monitor's query states it, over a range of the
 * caller's choice; a threshold's warning and critical levels are drawn as flat series beside it. With a group, only
 * that group's series (an issue's).
 */
export function watchedChart(query: MonitorQuery, detection: Detection, range: TimeRange,
  group?: Record<string, unknown>): HTMLElement {
  const host = h('div', { class: 'watched-chart' }, spinner());
  const label = watchedLabel(query);
  api.timeseries({ projects: query.projects, queries: query.queries, equations: query.equations, interval: query.interval, ...range })
    .then((response) => {
      const watched = response.series.filter((s) => s.label === label && (!group || sameGroup(s.group, group)));
      const levels = detection.type === 'threshold' ? levelSeries(detection, response.timestamps.length) : [];
      clear(host, watched.length ? renderChart(response, [...watched, ...levels], 'line', { height: 240 })
        : h('div', { class: 'chart-empty' }, 'No data in this time range'));
    })
    .catch((e) => clear(host, errorBox((e as Error).message)));
  return host;
}

function levelSeries(detection: Detection, points: number): Series[] {
  return (['warning', 'critical'] as const)
    .filter((level) => typeof detection[level] === 'number')
    .map((level) => ({
      label: level, type: 'query', unit: null, group: {}, other: false,
      values: new Array<number>(points).fill(detection[level] as number),
    }));
}

function sameGroup(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((k) => String(a[k]) === String(b[k]));
}
