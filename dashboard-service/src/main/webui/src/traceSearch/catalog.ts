import { api, type TraceCatalog } from '../api';
import { errorBox, h } from '../dom';

/** Which catalog list each field's autocomplete offers, by datalist id. */
export type CatalogList = keyof TraceCatalog | 'metrics';

/**
 * The project's values for autocomplete, as datalists the condition rows point at: metric names from the metric
 * catalog, span ops, transactions, statuses, releases, environments, log levels and exception types from
 * query-service's GET /api/v1/catalog/traces.
 */
export function catalogLists(project: number | undefined, notice: HTMLElement): HTMLElement {
  const lists = h('div', { hidden: true });
  if (!project) return lists;
  const fill = (id: CatalogList, values: string[]) =>
    lists.append(h('datalist', { id: `traces-${id}` }, values.map((v) => h('option', { value: v }))));
  api.metrics(project).then((metrics) => fill('metrics', metrics.map((m) => m.name)))
    .catch((e) => notice.append(errorBox(`Metric catalog: ${(e as Error).message}`)));
  api.traceCatalog(project).then((catalog) => {
    for (const [id, values] of Object.entries(catalog)) fill(id as CatalogList, values);
  }).catch((e) => notice.append(errorBox(`Trace catalog: ${(e as Error).message}`)));
  return lists;
}
