import { api, type CatalogMetric } from '../api';
import { clear, errorBox, h } from '../dom';

/**
 * What the Explorer offers for a metric: the project's metrics (a datalist for the metric inputs) and the aggregates
 * of the metric's kind, as query-service states them (GET /api/v1/catalog/aggregates).
 */
export class MetricCatalog {
  readonly datalist = h('datalist', { id: 'metric-catalog' });
  private metrics: CatalogMetric[] = [];
  private byKind: Record<string, string[]> = {};

  constructor(private readonly notice: HTMLElement) {}

  /** The aggregates first: query rows cannot offer any before them. */
  async loadAggregates(): Promise<void> {
    try {
      this.byKind = await api.aggregates();
    } catch (e) {
      this.notice.replaceChildren(errorBox(`Aggregates: ${(e as Error).message}`));
    }
  }

  async loadMetrics(project: number | undefined): Promise<void> {
    if (!project) return;
    try {
      this.metrics = await api.metrics(project);
      clear(this.datalist, ...this.metrics.map((m) => h('option', { value: m.name }, `${m.kind}${m.unit ? ` · ${m.unit}` : ''}`)));
    } catch (e) {
      this.notice.replaceChildren(errorBox(`Metric catalog: ${(e as Error).message}`));
    }
  }

  /**
   * The aggregates a metric takes. A metric of unknown kind gets every aggregate, the longest kind's list first so
   * that they read in the same order as for a known kind.
   */
  aggregatesFor(metric: string): string[] {
    const kind = this.metrics.find((m) => m.name === metric)?.kind;
    if (kind && this.byKind[kind]) return this.byKind[kind];
    const lists = Object.values(this.byKind).sort((a, b) => b.length - a.length);
    return [...new Set(lists.flat())];
  }
}
