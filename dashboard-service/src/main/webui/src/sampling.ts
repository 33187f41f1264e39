import type { Series, TimeseriesResponse } from './api';
import { h } from './dom';

/**
 * What a chart says when query-service answered it from a downsampled tier (docs/query.md, Downsampled tiers): how
 * many stored events its values are extrapolated from, and which buckets rest on too few of them to trust.
 */

/** The stored events behind these series, when a tier served them; null on the exact table. */
export function extrapolatedFrom(response: TimeseriesResponse, series: Series[]): number | null {
  if (!response.sampling || response.sampling.tier === 'exact') return null;
  return series.reduce((n, s) => n + (s.storedEvents ?? []).reduce((a, b) => a + b, 0), 0);
}

/** The buckets of a series that query-service flagged low confidence (none on the exact table). */
export function lowConfidenceBuckets(series: Series): number[] {
  return (series.lowConfidence ?? []).flatMap((low, i) => (low ? [i] : []));
}

/** The note under a tier's chart: "Extrapolated from N events (1 in w kept)" and its low-confidence buckets. */
export function samplingNote(response: TimeseriesResponse, series: Series[]): HTMLElement | null {
  const events = extrapolatedFrom(response, series);
  if (events === null || !response.sampling) return null;
  const low = series.reduce((n, s) => n + lowConfidenceBuckets(s).length, 0);
  return h('div', {
    class: 'sampling-note', 'data-tier': response.sampling.tier, 'data-events': events, 'data-low': low,
    title: `Read from the ${response.sampling.tier} tier: each stored event stands for ${response.sampling.weight}. `
      + 'A bucket on fewer than 100 stored events is marked ○: its count may be off by more than ±20 %.',
  }, `Extrapolated from ${events.toLocaleString('en-US')} event${events === 1 ? '' : 's'} (1 in ${response.sampling.weight} kept)`,
  low ? h('span', { class: 'low-confidence' }, ` · ○ ${low} low-confidence bucket${low === 1 ? '' : 's'}`) : null);
}
