import type { Comparison, TraceAggregates, TraceCondition } from '../api';
import { h } from '../dom';
import { filterInput } from '../filterInput';
import type { CatalogList } from './catalog';

type Kind = TraceCondition['kind'];
type TextField = 'metric' | 'op' | 'transaction' | 'release' | 'environment' | 'status' | 'text' | 'level' | 'exceptionType';

/** Each kind's text fields: what the field is called on screen and which catalog list completes it. */
const TEXT_FIELDS: Record<Kind, [TextField, string, CatalogList | null][]> = {
  metric: [['metric', 'metric', 'metrics']],
  span: [['op', 'op', 'ops'], ['transaction', 'transaction', 'transactions'], ['release', 'release', 'releases'],
    ['environment', 'environment', 'environments'], ['status', 'status', 'statuses'], ['text', 'description contains', null]],
  log: [['level', 'level', 'logLevels'], ['text', 'message contains', null]],
  error: [['exceptionType', 'type', 'exceptionTypes'], ['level', 'level', 'logLevels'], ['text', 'value contains', null]],
};

interface Props {
  condition: TraceCondition;
  index: number;
  /** query-service's kinds, their aggregates and the operators. */
  allowed: TraceAggregates;
  project: () => number | undefined;
  /** A field changed: the text form follows. */
  onChange: () => void;
  /** The kind changed or the row was removed: the rows are redrawn. */
  onReplace: (next: TraceCondition | null) => void;
}

/** One condition: its kind, its selectors (completed from the catalog) and, for a metric, what its events add up to. */
export function conditionRow({ condition, index, allowed, project, onChange, onReplace }: Props): HTMLElement {
  const label = (field: string) => `${field} of condition ${index + 1}`;
  // The kinds query-service searches that this row knows how to draw.
  const kinds = Object.keys(allowed.aggregates).filter((k): k is Kind => k in TEXT_FIELDS);
  const kind = h('select', { 'aria-label': label('kind'), onChange: () => onReplace({ kind: kind.value as Kind }) },
    kinds.map((k) => h('option', { value: k, selected: k === condition.kind }, k)));
  const texts = TEXT_FIELDS[condition.kind].map(([field, name, list]) => h('input', {
    class: field === 'metric' ? 'metric' : 'selector', placeholder: name, value: condition[field] ?? '', list: list ? `traces-${list}` : undefined,
    'aria-label': label(name), autocomplete: 'off', onChange: (e: Event) => {
      const value = (e.target as HTMLInputElement).value.trim();
      if (value) condition[field] = value;
      else delete condition[field];
      onChange();
    },
  }));
  const extra = condition.kind === 'metric'
    ? [filterInput({
      value: condition.filter ?? '', label: `condition ${index + 1}`,
      context: () => ({ project: project(), metric: condition.metric ?? '' }),
      onChange: (value) => {
        if (value.trim()) condition.filter = value.trim();
        else delete condition.filter;
        onChange();
      },
    }), ...comparison(label, 'aggregate', condition.having, allowed.aggregates.metric ?? [], allowed.operators, (next) => {
      condition.having = next as TraceCondition['having'];
      onChange();
    })]
    : condition.kind === 'span'
      ? comparison(label, 'duration', condition.durationMs, null, allowed.operators, (next) => {
        condition.durationMs = next;
        onChange();
      })
      : [];
  return h('div', { class: 'panel condition', 'data-kind': condition.kind }, kind, ...texts, ...extra,
    h('button', { class: 'icon', title: 'Remove this condition', 'aria-label': label('remove'), onClick: () => onReplace(null) }, '✕'));
}

/**
 * "sum > 0" for a metric (an aggregate, or "any" for at least one event), "duration > 500 ms" for a span (no
 * aggregate): a comparison that is complete once it has a number.
 */
function comparison(label: (field: string) => string, name: string, current: (Comparison & { aggregate?: string }) | undefined,
  aggregates: string[] | null, operators: string[], onChange: (next: (Comparison & { aggregate?: string }) | undefined) => void): HTMLElement[] {
  const aggregate = aggregates ? h('select', { 'aria-label': label(name) },
    h('option', { value: '' }, 'any event'), aggregates.map((a) => h('option', { value: a, selected: current?.aggregate === a }, a))) : null;
  const operator = h('select', { 'aria-label': label(`${name} operator`) },
    operators.map((o) => h('option', { value: o, selected: (current?.operator ?? '>') === o }, o)));
  const value = h('input', {
    type: 'number', class: 'threshold', placeholder: aggregates ? 'value' : 'ms', value: current?.value ?? '', 'aria-label': label(`${name} value`),
  });
  const changed = () => {
    const number = value.value === '' ? NaN : Number(value.value);
    if ((aggregate && !aggregate.value) || Number.isNaN(number)) onChange(undefined);
    else onChange({ ...(aggregate ? { aggregate: aggregate.value } : {}), operator: operator.value, value: number });
  };
  for (const control of [aggregate, operator, value]) control?.addEventListener('change', changed);
  return [aggregate, aggregates ? null : h('span', { class: 'muted' }, 'duration'), operator, value, aggregates ? null : h('span', { class: 'muted' }, 'ms')]
    .filter((e): e is HTMLElement => e !== null);
}
