import type { TraceSpan } from './api';
import { h } from './dom';
import { humanize } from './units';

/** One span of the waterfall, picked by a click: what it did, when, how it ended, and its attributes. */
export function spanDetail(span: TraceSpan): HTMLElement {
  const facts: [string, string][] = [
    ['op', span.op || '—'], ['description', span.description || '—'], ['status', span.status || '—'],
    ['start', span.start], ['offset', humanize(span.offsetMs, 'millisecond')], ['duration', humanize(span.durationMs, 'millisecond')],
    ['transaction', span.transaction || '—'], ['span id', span.spanId], ['parent', span.parentSpanId || '— (a root)'],
    ...Object.entries(span.attributes).map(([k, v]): [string, string] => [k, String(v)]),
  ];
  return h('section', { class: 'chart-card span-detail', 'data-span': span.spanId },
    h('h3', {}, `Span ${span.op || ''}`),
    h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}
