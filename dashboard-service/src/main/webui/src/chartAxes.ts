import type uPlot from 'uplot';
import type { Series } from './api';
import { displayFor, humanize } from './units';

/**
 * Series that share a y axis: one unit, and values of a comparable size. A ratio (0–1) beside counts (0–100) of the
 * same unit gets its own axis, or it would be drawn as a flat line at the bottom.
 */
export interface AxisGroup {
  scale: string;
  unit: string | null;
  /** The indexes (in the chart's series) drawn against this axis. */
  members: number[];
}

/** A label's series are this many times smaller than the largest of their unit: they get an axis of their own. */
const SEPARATE_BELOW = 10;

const peak = (s: Series) => Math.max(0, ...[...s.values, ...(s.previous ?? [])].map((v) => Math.abs(v ?? 0)));

/**
 * With `split`, one axis per unit, and per size within a unit (the series of one label stay together); without,
 * every series on one axis, as a monitor's chart wants its thresholds beside the values they judge.
 */
export function axisGroups(series: Series[], split: boolean): AxisGroup[] {
  if (!split) return [{ scale: 'y', unit: series.find((s) => s.unit)?.unit ?? null, members: series.map((_, i) => i) }];
  const labelPeak = new Map<string, number>();
  series.forEach((s) => labelPeak.set(s.label, Math.max(labelPeak.get(s.label) ?? 0, peak(s))));
  const unitPeak = new Map<string, number>();
  series.forEach((s) => unitPeak.set(s.unit ?? '', Math.max(unitPeak.get(s.unit ?? '') ?? 0, peak(s))));
  const byKey = new Map<string, AxisGroup>();
  series.forEach((s, i) => {
    const small = (labelPeak.get(s.label) ?? 0) * SEPARATE_BELOW < (unitPeak.get(s.unit ?? '') ?? 0);
    const key = `${s.unit ?? ''}${small ? ' (small)' : ''}`;
    if (!byKey.has(key)) byKey.set(key, { scale: byKey.size === 0 ? 'y' : `y${byKey.size + 1}`, unit: s.unit, members: [] });
    byKey.get(key)?.members.push(i);
  });
  const groups = [...byKey.values()];
  return groups;
}

/**
 * One uPlot axis per group, alternating left and right, each scaled to its unit's readable step (ms → s) and
 * labelled with it; the first group's axis is on the left.
 */
export function yAxes(groups: AxisGroup[], series: Series[]): uPlot.Axis[] {
  return groups.map((group, n) => {
    const largest = Math.max(0, ...group.members.map((i) => peak(series[i])));
    const display = displayFor(group.unit, largest);
    return {
      scale: group.scale,
      side: n % 2 === 0 ? 3 : 1,
      grid: { show: n === 0 },
      stroke: '#555',
      // With several axes, each also names the series it measures.
      label: [display.symbol, groups.length > 1 ? [...new Set(group.members.map((i) => series[i].label))].join(', ') : '']
        .filter(Boolean).join(' · '),
      size: 70,
      values: (_u: uPlot, splits: number[]) => splits.map((v) => humanize(v, group.unit, { ...display, symbol: '' })),
    };
  });
}
