import { api, ApiError, ComparableTrace, TraceResponse, TraceSpan } from './api';
import { errorBox, h, spinner } from './dom';
import { spanDetail } from './spanDetail';
import { tracesUrl } from './traceSearch/store';
import { humanize } from './units';

/**
 * The trace view: a span waterfall (the sample's span highlighted when ?span= is given), the trace's errors, logs
 * and metric events beside it. A trace that was not stored (traces are sampled far lower than metrics) offers
 * comparable traces: same release, environment and transaction, closest in time.
 */
export function tracePage(root: HTMLElement, params: Record<string, string>): void {
  const query = new URLSearchParams(location.search);
  const project = Number(query.get('project'));
  const span = query.get('span');
  const at = query.get('at');
  const traceId = params.traceId.toLowerCase();
  const body = h('div', { class: 'trace-body' }, spinner());
  root.replaceChildren(h('div', { class: 'page trace' }, h('div', { class: 'toolbar' }, h('h2', {}, `Trace ${traceId}`)), body));
  if (!project) {
    body.replaceChildren(errorBox('This link names no project: open the trace from a sample in the Explorer.'));
    return;
  }
  void (async () => {
    try {
      const trace = await api.trace(project, traceId, at);
      if (trace.spans.length === 0) {
        body.replaceChildren(await notStored(trace, project, at));
        return;
      }
      const root = trace.spans.find((s) => s.segment);
      body.replaceChildren(h('div', { class: 'range' }, `${trace.start} → ${trace.end}, ${humanize(trace.durationMs, 'millisecond')}, ${trace.spans.length} spans`
        + (trace.truncated ? ' (truncated)' : ''), root && trace.start ? [' · ', searchLink(project, trace.start,
        { release: root.release, environment: root.environment, transaction: root.transaction }, 'Comparable traces')] : null),
      h('div', { class: 'trace-layout' }, waterfall(trace, span), sidebar(trace, span)));
      // A span clicked in the waterfall is detailed at the top of the side column.
      const side = body.querySelector('.trace-side') as HTMLElement;
      body.querySelector('.waterfall')?.addEventListener('click', (e) => {
        const id = ((e.target as Element).closest('.span-row') as HTMLElement | null)?.dataset.span;
        const picked = trace.spans.find((s) => s.spanId === id);
        if (!picked) return;
        side.querySelector('.span-detail')?.remove();
        side.prepend(spanDetail(picked));
      });
      body.querySelector('.span-row.selected')?.scrollIntoView({ block: 'center' });
    } catch (e) {
      body.replaceChildren(errorBox((e as ApiError).message));
    }
  })();
}

function waterfall(trace: TraceResponse, selected: string | null): HTMLElement {
  const total = Math.max(trace.durationMs, 1);
  const erroring = new Set(trace.errors.map((e) => e.spanId));
  const rows = trace.spans.map((s: TraceSpan) => {
    const left = (s.offsetMs / total) * 100;
    const width = Math.max((s.durationMs / total) * 100, 0.3);
    return h('div', { class: `span-row${s.spanId === selected ? ' selected' : ''}`, 'data-span': s.spanId, title: s.description },
      h('div', { class: 'span-name', style: `padding-left: ${s.depth * 14}px` },
        erroring.has(s.spanId) ? h('span', { class: 'span-error', title: 'an error happened in this span' }, '●') : null,
        h('span', { class: 'span-op' }, s.op || '—'), ' ', h('span', { class: 'muted' }, s.description)),
      h('div', { class: 'span-track' },
        h('div', { class: `span-bar${s.segment ? ' segment' : ''}`, style: `left: ${left}%; width: ${width}%` }),
        h('span', { class: 'span-duration', style: durationPlace(left, width) }, humanize(s.durationMs, 'millisecond'))));
  });
  return h('section', { class: 'chart-card waterfall' }, h('h3', {}, 'Spans'), rows);
}

/** A span's duration label: after its bar, or before it when the bar reaches the right edge, or inside a full-width bar. */
function durationPlace(left: number, width: number): string {
  if (left + width <= 80) return `left: ${left + width}%`;
  if (left >= 15) return `right: calc(${100 - left}% + 8px)`;
  return `right: calc(${100 - left - width}% + 4px); color: #fff`;
}

function sidebar(trace: TraceResponse, selected: string | null): HTMLElement {
  const mark = (spanId: string) => (spanId && spanId === selected ? ' selected' : '');
  return h('aside', { class: 'trace-side' },
    h('section', { class: 'chart-card errors' }, h('h3', {}, `Errors (${trace.errors.length})`),
      trace.errors.length === 0 ? h('div', { class: 'hint' }, 'No errors in this trace') : null,
      trace.errors.map((e) => h('div', { class: `trace-error${mark(e.spanId)}` },
        h('div', {}, h('strong', {}, e.type), `: ${e.value}`),
        h('div', { class: 'muted' }, `${e.timestamp} · ${e.level} · ${e.release} · ${e.environment}`),
        h('ol', { class: 'frames', reversed: true }, [...e.frames].reverse().map((f) =>
          h('li', { class: f.inApp ? 'in-app' : 'muted' }, `${f.function || '?'} (${f.filename}:${f.lineno})`)))))),
    h('section', { class: 'chart-card logs' }, h('h3', {}, `Logs (${trace.logs.length})`),
      trace.logs.length === 0 ? h('div', { class: 'hint' }, 'No logs in this trace') : null,
      h('table', { class: 'grid' }, h('tbody', {}, trace.logs.map((l) => h('tr', { class: `log ${l.level}${mark(l.spanId)}` },
        h('td', { class: 'muted' }, l.timestamp.slice(11, 23)), h('td', {}, l.level), h('td', {}, l.body)))))),
    h('section', { class: 'chart-card metrics' }, h('h3', {}, `Metrics (${trace.metrics.length})`),
      h('table', { class: 'grid' }, h('tbody', {}, trace.metrics.map((m) => h('tr', { class: mark(m.spanId).trim() },
        h('td', {}, m.metric), h('td', { class: 'num' }, humanize(m.value, m.unit))))))));
}

/**
 * The Traces page searching what a sample or trace is like: spans of its release, environment and transaction within
 * an hour of it, ready to be widened or narrowed there.
 */
function searchLink(project: number, at: string, match: Record<string, string>, text: string): HTMLElement {
  const millis = Date.parse(at);
  const span = Object.fromEntries(Object.entries(match).filter(([, v]) => v));
  const href = tracesUrl({
    project, start: new Date(millis - 3_600_000).toISOString(), end: new Date(millis + 3_600_000).toISOString(),
    conditions: [{ kind: 'span', ...span }],
  });
  return h('a', { href, 'data-link': '', class: 'search-like' }, text);
}

/** The sample's attributes that name its release, environment and transaction, in Sentry's or plain spelling. */
function matchOf(trace: TraceResponse): Record<string, string> {
  const match: Record<string, string> = {};
  for (const m of trace.metrics) {
    const a = m.attributes;
    const pick = (...keys: string[]) => keys.map((k) => a[k]).find((v) => typeof v === 'string' && v !== '') as string | undefined;
    match.release ??= pick('sentry.release', 'release') as string;
    match.environment ??= pick('sentry.environment', 'environment') as string;
    match.transaction ??= pick('sentry.transaction', 'transaction', 'route') as string;
  }
  return Object.fromEntries(Object.entries(match).filter(([, v]) => v !== undefined));
}

async function notStored(trace: TraceResponse, project: number, at: string | null): Promise<HTMLElement> {
  const intro = h('p', { class: 'hint' }, 'This trace was not stored: traces are sampled far lower than metrics.');
  const match = matchOf(trace);
  const timestamp = at ?? trace.metrics[0]?.timestamp;
  if (!timestamp || Object.keys(match).length === 0) {
    return h('div', {}, intro, h('p', { class: 'hint' }, 'The sample names no release, environment or transaction to find comparable traces by.'));
  }
  const answer = await api.comparableTraces({ project, timestamp, match, excludeTraceId: trace.traceId, limit: 10 });
  const link = (t: ComparableTrace) => `/traces/${t.traceId}?project=${project}&at=${encodeURIComponent(t.start)}`;
  const sample = h('section', { class: 'chart-card sample-event' }, h('h3', {}, 'The sample'),
    h('table', { class: 'grid' }, h('tbody', {}, trace.metrics.map((m) => h('tr', {},
      h('td', {}, m.timestamp), h('td', {}, m.metric), h('td', { class: 'num' }, humanize(m.value, m.unit)),
      h('td', { class: 'attrs' }, Object.entries(m.attributes).map(([k, v]) => h('span', { class: 'tag' }, `${k}:${String(v)}`))))))));
  return h('div', { class: 'comparable' }, intro, sample,
    h('h3', {}, `Comparable traces: ${Object.entries(match).map(([k, v]) => `${k} ${v}`).join(', ')}`),
    h('p', {}, searchLink(project, timestamp, match, 'Search these traces on the Traces page'), ' to widen or narrow them.'),
    answer.traces.length === 0 ? h('div', { class: 'hint' }, 'No comparable trace within a week') : null,
    h('table', { class: 'grid comparable-traces' },
      h('thead', {}, h('tr', {}, ['', 'trace', 'transaction', 'start', 'duration', 'from the sample'].map((c) => h('th', {}, c)))),
      h('tbody', {}, answer.traces.map((t) => h('tr', {},
        h('td', {}, h('span', { class: 'tag' }, t.label)),
        h('td', {}, h('a', { href: link(t), 'data-link': '' }, t.traceId.slice(0, 8))),
        h('td', {}, t.transaction), h('td', {}, t.start),
        h('td', { class: 'num' }, humanize(t.durationMs, 'millisecond')),
        h('td', { class: 'num' }, humanize(t.distanceMs, 'millisecond')))))));
}
