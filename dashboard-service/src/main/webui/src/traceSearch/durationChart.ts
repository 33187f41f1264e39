import { h } from '../dom';
import { humanize } from '../units';

const BINS = 12;
const HEIGHT = 56;

/** How the found traces' durations spread: a small histogram of equal-width bins from the shortest to the longest. */
export function durationChart(durations: number[]): HTMLElement {
  if (durations.length === 0) return h('div', {});
  const min = Math.min(...durations);
  const max = Math.max(...durations);
  const width = (max - min) / BINS || 1;
  const counts = new Array<number>(BINS).fill(0);
  for (const d of durations) counts[Math.min(BINS - 1, Math.floor((d - min) / width))]++;
  const highest = Math.max(...counts);
  return h('figure', { class: 'duration-chart', 'aria-label': 'duration distribution' },
    h('div', { class: 'bars' }, counts.map((count, i) => h('div', {
      class: 'bar', style: `height: ${Math.round((count / highest) * HEIGHT)}px`, 'data-count': count,
      title: `${count} traces of ${humanize(min + i * width, 'millisecond')} to ${humanize(min + (i + 1) * width, 'millisecond')}`,
    }))),
    h('figcaption', { class: 'muted' }, h('span', {}, humanize(min, 'millisecond')), h('span', {}, 'trace duration'), h('span', {}, humanize(max, 'millisecond'))));
}
