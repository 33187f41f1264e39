import type { Comparison, TraceAggregates, TraceCondition } from '../api';

type Kind = TraceCondition['kind'];
type Field = 'op' | 'status' | 'text' | 'transaction' | 'release' | 'environment' | 'durationMs' | 'level' | 'exceptionType' | 'count';

/**
 * The search syntax of trace conditions, e.g. `metric:checkout.failed sum:>0 region:eu span.op:db.query
 * span.duration:>500ms error.type:TypeError`. `metric:` starts a metric condition; the aggregates and any other
 * `key:value` terms after it (its attribute filter) belong to it. A kind's field joins the last condition of that
 * kind, or starts a new one when that condition has it already, so `span.op:a span.op:b` is two span conditions.
 * Which aggregates and operators there are is query-service's rule (GET /api/v1/catalog/traces/aggregates).
 */
const FIELDS: Record<string, [Kind, Field]> = {
  'span.op': ['span', 'op'], 'span.status': ['span', 'status'], 'span.transaction': ['span', 'transaction'],
  'span.release': ['span', 'release'], 'span.environment': ['span', 'environment'], 'span.description': ['span', 'text'],
  'span.duration': ['span', 'durationMs'], 'span.count': ['span', 'count'],
  'log.level': ['log', 'level'], 'log.message': ['log', 'text'], 'log.count': ['log', 'count'],
  'error.type': ['error', 'exceptionType'], 'error.level': ['error', 'level'], 'error.value': ['error', 'text'],
  'error.count': ['error', 'count'],
};
const TOKENS = /(?:[^\s"]+|"(?:[^"\\]|\\.)*")+/g;

export function parseSearch(text: string, allowed: TraceAggregates): TraceCondition[] {
  // The longest operator first, so that >= is not read as > followed by =.
  const operators = [...allowed.operators].sort((a, b) => b.length - a.length).map((o) => o.replace(/[^\w]/g, '\\$&'));
  const pattern = new RegExp(`^(${operators.join('|')})?(-?\\d+(?:\\.\\d+)?)(ms|s)?$`);
  const comparison = (token: string, value: string, duration: boolean): Comparison => {
    const match = pattern.exec(value);
    if (!match || (match[3] && !duration)) throw new Error(`'${token}' needs a comparison such as >0${duration ? ' or >500ms' : ''}`);
    const number = Number(match[2]) * (match[3] === 's' ? 1000 : 1);
    return { operator: match[1] ?? '=', value: number };
  };
  const conditions: TraceCondition[] = [];
  const lastOf = (kind: Kind) => [...conditions].reverse().find((c) => c.kind === kind);
  for (const token of text.match(TOKENS) ?? []) {
    const colon = token.indexOf(':');
    if (colon <= 0) throw new Error(`'${token}' is not key:value`);
    const key = token.slice(0, colon);
    const value = unquote(token.slice(colon + 1));
    const metric = lastOf('metric');
    if (key === 'metric') {
      conditions.push({ kind: 'metric', metric: value });
    } else if (allowed.aggregates.metric?.includes(key) && metric) {
      metric.having = { aggregate: key, ...comparison(token, value, false) };
    } else if (FIELDS[key]) {
      const [kind, field] = FIELDS[key];
      let condition = lastOf(kind);
      const taken = (c: TraceCondition) => (field === 'count' ? c.having !== undefined : c[field] !== undefined);
      if (!condition || taken(condition)) conditions.push(condition = { kind });
      if (field === 'count') condition.having = { aggregate: 'count', ...comparison(token, value, false) };
      else if (field === 'durationMs') condition.durationMs = comparison(token, value, true);
      else condition[field] = value;
    } else if (metric) {
      metric.filter = metric.filter ? `${metric.filter} ${token}` : token;
    } else {
      throw new Error(`'${key}' is not a condition's key; a metric's attribute filter follows metric:name`);
    }
  }
  return conditions;
}

export function formatSearch(conditions: TraceCondition[]): string {
  return conditions.map(formatCondition).filter(Boolean).join(' ');
}

function formatCondition(c: TraceCondition): string {
  const terms: string[] = [];
  const prefix = c.kind === 'metric' ? '' : `${c.kind}.`;
  if (c.kind === 'metric') {
    if (!c.metric) return '';
    terms.push(`metric:${quote(c.metric)}`);
    if (c.having) terms.push(`${c.having.aggregate}:${c.having.operator}${c.having.value}`);
    if (c.filter) terms.push(c.filter);
    return terms.join(' ');
  }
  for (const [key, [kind, field]] of Object.entries(FIELDS)) {
    if (kind !== c.kind) continue;
    if (field === 'count') {
      if (c.having) terms.push(`${key}:${c.having.operator}${c.having.value}`);
    } else if (field === 'durationMs') {
      if (c.durationMs) terms.push(`${key}:${c.durationMs.operator}${c.durationMs.value}ms`);
    } else if (c[field]) {
      terms.push(`${key}:${quote(c[field] as string)}`);
    }
  }
  // A condition that selects nothing still says it exists: at least one event of its kind.
  return terms.length ? terms.join(' ') : `${prefix}count:>0`;
}

function quote(value: string): string {
  return /^[^\s"]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}
