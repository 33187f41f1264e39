import type { TimeRange, TraceAggregates, TraceCondition } from '../api';
import { lastProjects } from '../state';
import { formatSearch, parseSearch } from './syntax';

export interface TraceSearchState extends TimeRange {
  project?: number;
  conditions: TraceCondition[];
  sort: string;
}

type Listener = () => void;

/**
 * The Traces page's one state. It lives in the URL as plain parameters, the conditions as search text
 * (`/traces?project=12&period=24h&q=metric:checkout.failed sum:>0&sort=-duration`), so a link is readable and each
 * search is a step Back returns to. Components change `state` and call `search()` or `edited()`; the page listens.
 * `allowed` is query-service's rule for what conditions take, which reading the text needs.
 */
export class TraceSearchStore {
  readonly state: TraceSearchState;
  /** Set when the URL's text did not parse: the text box shows it with the reason. */
  readonly unparsed?: { text: string; reason: string };
  private readonly searches: Listener[] = [];
  private readonly edits: Listener[] = [];

  constructor(search: string, readonly allowed: TraceAggregates) {
    const params = new URLSearchParams(search);
    const q = params.get('q') ?? '';
    let conditions: TraceCondition[] = [];
    try {
      conditions = parseSearch(q, allowed);
    } catch (e) {
      this.unparsed = { text: q, reason: (e as Error).message };
    }
    const start = params.get('start') ?? undefined;
    this.state = {
      project: Number(params.get('project')) || lastProjects()[0],
      period: start ? undefined : params.get('period') ?? '24h',
      start,
      end: params.get('end') ?? undefined,
      conditions,
      sort: params.get('sort') ?? '-start',
    };
  }

  /** The conditions changed shape (rows came, went, or were rewritten from text): the builder redraws. */
  edited(): void {
    this.edits.forEach((listener) => listener());
  }

  /** Run the search; a new question is a new history entry, the same one (a reload) is not. */
  search(): void {
    const url = tracesUrl(this.state);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    this.searches.forEach((listener) => listener());
  }

  onSearch(listener: Listener): void {
    this.searches.push(listener);
  }

  onEdit(listener: Listener): void {
    this.edits.push(listener);
  }
}

/** The Traces page for a search; what other pages link to, pre-filled. */
export function tracesUrl(state: Partial<TraceSearchState>): string {
  const params = new URLSearchParams();
  if (state.project) params.set('project', String(state.project));
  if (state.start && state.end) {
    params.set('start', state.start);
    params.set('end', state.end);
  } else if (state.period) {
    params.set('period', state.period);
  }
  const q = formatSearch(state.conditions ?? []);
  if (q) params.set('q', q);
  if (state.sort && state.sort !== '-start') params.set('sort', state.sort);
  return `/traces?${params}`;
}
