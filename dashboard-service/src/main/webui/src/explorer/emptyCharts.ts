import { api, type ExplorerQuery, type TimeseriesResponse } from '../api';
import { h } from '../dom';

/**
 * Why a query's or equation's chart is empty, in words: a metric with no events at all in these projects and range
 * (query-service's validate endpoint warns about it: often a misspelt name), a filter that matched none of the
 * metric's events, or no events in the range. Asked only when a shown label came back blank: without series, or
 * with nothing but nulls (and zeros, for a count, which the API fills in for buckets without events). On a
 * downsampled tier a blank chart says so: the tier may keep none of a few events.
 */
export async function emptyReasons(request: ExplorerQuery, response: TimeseriesResponse, labels: string[],
  signal: AbortSignal): Promise<Map<string, string>> {
  const empty = labels.filter((label) => blank(request, response, label));
  const reasons = new Map<string, string>();
  if (empty.length === 0) return reasons;
  const tier = response.sampling && response.sampling.tier !== 'exact' ? response.sampling : null;
  if (tier) {
    empty.forEach((label) => reasons.set(label, `No value: the ${tier.tier} tier keeps 1 event in ${tier.weight}, `
      + `and none of ${label}'s in this time range`));
    return reasons;
  }
  const check = await api.validate(request, signal);
  for (const label of empty) {
    const index = request.queries.findIndex((q) => q.label === label);
    const query = request.queries[index];
    if (!query) {
      reasons.set(label, `No value: ${label}'s queries have no data in this time range`);
      continue;
    }
    const unknown = check.warnings.find((w) => w.field === `queries[${index}].metric`);
    reasons.set(label, unknown ? `Unknown metric: ${unknown.reason}`
      : query.filter ? `No events of '${query.metric}' match the filter ${query.filter} in this time range`
        : `No events of '${query.metric}' in this time range`);
  }
  return reasons;
}

export function emptyChart(reason: string): HTMLElement {
  return h('div', { class: 'chart-empty' }, reason);
}

function blank(request: ExplorerQuery, response: TimeseriesResponse, label: string): boolean {
  const count = request.queries.find((q) => q.label === label)?.aggregate === 'count';
  return response.series.filter((s) => s.label === label)
    .every((s) => s.values.every((v) => v === null || (count && v === 0)));
}
