import type { ExplorerQuery } from '../api';
import { h } from '../dom';
import { MetricCatalog } from '../explorer/catalog';
import { lastProjects } from '../state';

/**
 * The "Application Metrics" template: one metric of a project, with its kind's aggregates, a filter and a group-by,
 * for a monitor started here rather than from the Explorer. `query()` is what it stands for now.
 */
export function templateQuery(onChange: () => void): { element: HTMLElement; query: () => ExplorerQuery } {
  const notice = h('div', {});
  const catalog = new MetricCatalog(notice);
  const field = (label: string, input: HTMLElement) => h('label', {}, h('span', {}, label), input);
  const project = h('input', { name: 'project', value: lastProjects()[0] ?? '', inputmode: 'numeric' });
  const metric = h('input', { name: 'metric', list: 'metric-catalog', placeholder: 'e.g. checkout.duration' });
  const aggregate = h('select', { name: 'aggregate' });
  const filter = h('input', { name: 'filter', placeholder: 'e.g. route:/checkout' });
  const groupBy = h('input', { name: 'groupBy', placeholder: 'e.g. region' });
  const fillAggregates = () => {
    const current = aggregate.value;
    const allowed = catalog.aggregatesFor(metric.value.trim());
    aggregate.replaceChildren(...allowed.map((a) => h('option', { value: a, selected: a === current }, a)));
  };
  project.addEventListener('change', () => void catalog.loadMetrics(Number(project.value)).then(fillAggregates));
  metric.addEventListener('change', () => {
    fillAggregates();
    onChange();
  });
  [aggregate, filter, groupBy].forEach((input) => input.addEventListener('change', onChange));
  void catalog.loadAggregates().then(() => catalog.loadMetrics(Number(project.value))).then(fillAggregates);

  const query = (): ExplorerQuery => ({
    projects: [Number(project.value)],
    queries: [{
      label: 'A', metric: metric.value.trim(), aggregate: aggregate.value,
      ...(filter.value.trim() ? { filter: filter.value.trim() } : {}),
      ...(groupBy.value.trim() ? { groupBy: groupBy.value.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    }],
  });
  return {
    element: h('fieldset', { class: 'template' }, h('legend', {}, 'Application Metrics'), notice, catalog.datalist,
      field('Project', project), field('Metric', metric), field('Aggregate', aggregate), field('Filter', filter), field('Group by', groupBy)),
    query,
  };
}
