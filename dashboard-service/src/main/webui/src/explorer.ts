import { api, ApiError, type CatalogMetric, type Display, type MetricQuery, type SavedQuery, type TimeRange, type TimeseriesResponse, type Widget } from './api';
import { renderChart } from './chart';
import { clear, debounce, errorBox, formatNumber, h, spinner } from './dom';
import { filterInput } from './filterInput';
import { navigate } from './router';
import {
  emptyQuery, type ExplorerState, nextEquationLabel, nextQueryLabel, rememberProjects, stateFromUrl, stateToUrl, toRequest,
} from './state';
import { modal } from './modal';

const PERIODS = ['15m', '1h', '6h', '24h', '7d', '14d', '30d'];
const INTERVALS = ['', '10s', '1m', '5m', '15m', '1h', '6h', '1d'];
const AGGREGATES: Record<string, string[]> = {
  counter: ['sum', 'per_second', 'per_minute'],
  gauge: ['avg', 'min', 'max', 'last', 'per_second', 'per_minute'],
  distribution: ['count', 'sum', 'avg', 'min', 'max', 'p50', 'p75', 'p90', 'p95', 'p99', 'per_second', 'per_minute'],
};
const ALL_AGGREGATES = [...AGGREGATES.distribution, 'last'];

/** The Metrics Explorer: lettered metric queries, equations, charts per query, samples, and Save As. */
export function explorerPage(root: HTMLElement): void {
  const state: ExplorerState = stateFromUrl(location.search);
  let catalog: CatalogMetric[] = [];
  let run = 0;
  let controller: AbortController | undefined;

  const metricList = h('datalist', { id: 'metric-catalog' });
  const panels = h('div', { class: 'panels' });
  const results = h('div', { class: 'results' });
  const notice = h('div', { class: 'notice' });

  const saveUrl = () => history.replaceState(null, '', stateToUrl(state));
  const refresh = debounce(() => void runQueries(), 400);
  const changed = () => {
    saveUrl();
    refresh();
  };

  async function loadCatalog(): Promise<void> {
    if (!state.projects.length) return;
    try {
      catalog = await api.metrics(state.projects[0]);
      clear(metricList, ...catalog.map((m) => h('option', { value: m.name }, `${m.kind}${m.unit ? ` · ${m.unit}` : ''}`)));
    } catch (e) {
      notice.replaceChildren(errorBox(`Metric catalog: ${(e as Error).message}`));
    }
  }

  function aggregatesFor(metric: string): string[] {
    const kind = catalog.find((m) => m.name === metric)?.kind;
    return (kind && AGGREGATES[kind]) || ALL_AGGREGATES;
  }

  // ---- toolbar -------------------------------------------------------------------------------------------------
  const projectsInput = h('input', {
    id: 'projects', class: 'narrow', placeholder: 'project ids', value: state.projects.join(','), title: 'Project ids, comma separated',
    onChange: (e: Event) => {
      state.projects = (e.target as HTMLInputElement).value.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
      rememberProjects(state.projects);
      void loadCatalog();
      changed();
    },
  });
  const startInput = h('input', { id: 'range-start', class: 'instant', placeholder: '2026-11-25T10:00:00Z', value: state.start ?? '' });
  const endInput = h('input', { id: 'range-end', class: 'instant', placeholder: '2026-11-25T12:00:00Z', value: state.end ?? '' });
  const custom = h('span', { class: 'custom-range', hidden: !state.start }, startInput, '→', endInput,
    h('button', {
      id: 'apply-range', onClick: () => {
        state.start = startInput.value.trim() || undefined;
        state.end = endInput.value.trim() || undefined;
        state.period = undefined;
        state.samplesBucket = undefined;
        changed();
      },
    }, 'Apply'));
  const periodSelect = h('select', {
    id: 'period', onChange: (e: Event) => {
      const value = (e.target as HTMLSelectElement).value;
      custom.hidden = value !== 'custom';
      if (value !== 'custom') {
        state.period = value;
        state.start = state.end = undefined;
        state.samplesBucket = undefined;
        changed();
      }
    },
  }, PERIODS.map((p) => h('option', { value: p, selected: !state.start && state.period === p }, `Last ${p}`)),
  h('option', { value: 'custom', selected: Boolean(state.start) }, 'Absolute…'));
  const intervalSelect = h('select', {
    id: 'interval', title: 'Bucket width', onChange: (e: Event) => {
      state.interval = (e.target as HTMLSelectElement).value || undefined;
      state.samplesBucket = undefined;
      changed();
    },
  }, INTERVALS.map((i) => h('option', { value: i, selected: (state.interval ?? '') === i }, i ? `every ${i}` : 'auto interval')));
  const compare = h('label', { class: 'check' }, h('input', {
    type: 'checkbox', id: 'compare', checked: state.compare, onChange: (e: Event) => {
      state.compare = (e.target as HTMLInputElement).checked;
      changed();
    },
  }), 'compare previous period');

  const saveMenu = h('select', {
    id: 'save-as', onChange: (e: Event) => {
      const select = e.target as HTMLSelectElement;
      const choice = select.value;
      select.value = '';
      if (choice === 'query') void saveNewQuery();
      if (choice === 'existing') void saveExistingQuery();
      if (choice === 'widget') void saveWidget();
      if (choice === 'monitor') openMonitor();
    },
  }, h('option', { value: '' }, 'Save As…'), h('option', { value: 'query' }, 'New Query'), h('option', { value: 'existing' }, 'Existing Query'),
  h('option', { value: 'widget' }, 'Dashboard widget'), h('option', { value: 'monitor' }, 'Monitor'));

  // ---- panels --------------------------------------------------------------------------------------------------
  function renderPanels(): void {
    let dragged: number | null = null;
    const queryPanels = state.queries.map((query, index) => {
      const aggregate = h('select', {
        class: 'aggregate', 'aria-label': `aggregate of ${query.label}`, onChange: (e: Event) => {
          query.aggregate = (e.target as HTMLSelectElement).value;
          changed();
        },
      }, aggregatesFor(query.metric).map((a) => h('option', { value: a, selected: a === query.aggregate }, a)));
      const keysList = h('datalist', { id: `keys-${query.label}` });
      const loadKeys = async () => {
        if (!query.metric || !state.projects.length) return;
        try {
          const attributes = await api.attributes(state.projects[0], query.metric);
          clear(keysList, ...attributes.map((a) => h('option', { value: a.key }, a.type)));
        } catch {
          clear(keysList);
        }
      };
      void loadKeys();
      const panel = h('div', { class: 'panel query-panel', 'data-label': query.label, draggable: 'true' },
        h('span', { class: 'handle', title: 'Drag to reorder' }, '⋮⋮'),
        h('span', { class: 'label' }, query.label),
        h('input', {
          class: 'metric', list: 'metric-catalog', placeholder: 'metric, e.g. checkout.latency', value: query.metric,
          'aria-label': `metric of ${query.label}`,
          onChange: (e: Event) => {
            query.metric = (e.target as HTMLInputElement).value.trim();
            const allowed = aggregatesFor(query.metric);
            if (!allowed.includes(query.aggregate)) query.aggregate = allowed[0];
            clear(aggregate, ...allowed.map((a) => h('option', { value: a, selected: a === query.aggregate }, a)));
            void loadKeys();
            changed();
          },
        }),
        aggregate,
        filterInput({
          value: query.filter ?? '',
          label: query.label,
          context: () => ({ project: state.projects[0], metric: query.metric }),
          onChange: (value) => {
            query.filter = value;
            changed();
          },
        }),
        h('input', {
          class: 'group-by', list: `keys-${query.label}`, placeholder: 'group by', value: (query.groupBy ?? []).join(', '),
          'aria-label': `group by of ${query.label}`,
          onChange: (e: Event) => {
            query.groupBy = (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
            changed();
          },
        }),
        keysList,
        h('button', {
          class: 'icon', title: `Remove ${query.label}`, disabled: state.queries.length === 1, onClick: () => {
            state.queries.splice(index, 1);
            renderPanels();
            changed();
          },
        }, '✕'));
      panel.addEventListener('dragstart', (e) => {
        dragged = index;
        e.dataTransfer?.setData('text/plain', query.label);
        panel.classList.add('dragging');
      });
      panel.addEventListener('dragend', () => panel.classList.remove('dragging'));
      panel.addEventListener('dragover', (e) => e.preventDefault());
      panel.addEventListener('drop', (e) => {
        e.preventDefault();
        if (dragged === null || dragged === index) return;
        // Labels stay with their queries, so equations keep meaning the same thing after a reorder.
        const [moved] = state.queries.splice(dragged, 1);
        state.queries.splice(index, 0, moved);
        renderPanels();
        changed();
      });
      return panel;
    });
    const equationPanels = state.equations.map((equation, index) => h('div', { class: 'panel equation-panel', 'data-label': equation.label },
      h('span', { class: 'label eq' }, equation.label),
      h('input', {
        class: 'expression', placeholder: 'equation, e.g. (A + (B / 2)) / C', value: equation.expression,
        'aria-label': `expression of ${equation.label}`,
        onChange: (e: Event) => {
          equation.expression = (e.target as HTMLInputElement).value.trim();
          changed();
        },
      }),
      h('button', {
        class: 'icon', title: `Remove ${equation.label}`, onClick: () => {
          state.equations.splice(index, 1);
          renderPanels();
          changed();
        },
      }, '✕')));
    const next = nextQueryLabel(state.queries);
    clear(panels, ...queryPanels, ...equationPanels, h('div', { class: 'panel-actions' },
      h('button', {
        id: 'add-metric', disabled: next === null, onClick: () => {
          if (next) state.queries.push(emptyQuery(next));
          renderPanels();
          saveUrl();
        },
      }, '+ Add Metric'),
      h('button', {
        id: 'add-equation', onClick: () => {
          state.equations.push({ label: nextEquationLabel(state.equations), expression: '' });
          renderPanels();
          saveUrl();
        },
      }, '+ Add Equation')));
  }

  // ---- results -------------------------------------------------------------------------------------------------
  const tabs = h('div', { class: 'tabs', role: 'tablist' },
    h('button', { role: 'tab', id: 'tab-aggregates', onClick: () => selectTab('aggregates') }, 'Aggregates'),
    h('button', { role: 'tab', id: 'tab-samples', onClick: () => selectTab('samples') }, 'Samples'));

  function selectTab(tab: ExplorerState['tab']): void {
    state.tab = tab;
    saveUrl();
    void runQueries();
  }

  function ready(): string | null {
    if (!state.projects.length) return 'Enter a project id to start.';
    if (state.queries.some((q) => !q.metric)) return 'Pick a metric for every query.';
    if (state.equations.some((e) => !e.expression)) return 'Write an expression for every equation.';
    return null;
  }

  async function runQueries(): Promise<void> {
    for (const tab of tabs.children) tab.classList.toggle('active', tab.id === `tab-${state.tab}`);
    const missing = ready();
    if (missing) {
      clear(results, h('div', { class: 'hint' }, missing));
      return;
    }
    const mine = ++run;
    controller?.abort();
    controller = new AbortController();
    results.setAttribute('aria-busy', 'true');
    const slow = window.setTimeout(() => results.prepend(spinner('Running query…')), 150);
    try {
      const view = state.tab === 'aggregates' ? await aggregates(controller.signal) : await samples(controller.signal);
      if (mine === run) clear(results, view);
    } catch (e) {
      if ((e as Error).name !== 'AbortError' && mine === run) clear(results, errorBox((e as Error).message));
    } finally {
      window.clearTimeout(slow);
      if (mine === run) results.removeAttribute('aria-busy');
    }
  }

  async function aggregates(signal: AbortSignal): Promise<HTMLElement> {
    const response: TimeseriesResponse = await api.timeseries(toRequest(state), signal);
    const labels = [...state.queries.map((q) => q.label), ...state.equations.map((e) => e.label)];
    const charts = labels.map((label) => {
      const series = response.series.filter((s) => s.label === label);
      const query = state.queries.find((q) => q.label === label);
      const title = query ? `${label}: ${query.aggregate}(${query.metric})${query.filter ? ` ${query.filter}` : ''}`
        : `${label} = ${state.equations.find((e) => e.label === label)?.expression}`;
      return h('section', { class: 'chart-card', 'data-label': label }, h('h3', {}, title),
        renderChart(response, series, 'line', 220, (bucket) => showBucketSamples(response, label, bucket)));
    });
    return h('div', {},
      h('div', { class: 'range' }, `${response.start} → ${response.end}, every ${response.intervalSeconds} s`),
      h('div', { class: 'charts' }, charts));
  }

  /** A click on a chart: the Samples tab of that bucket, of the chart's query (an equation's: the first query). */
  function showBucketSamples(response: TimeseriesResponse, label: string, bucket: number): void {
    const start = response.timestamps[bucket];
    const end = Math.min(start + response.intervalSeconds * 1000, Date.parse(response.end));
    state.samplesBucket = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
    if (state.queries.some((q) => q.label === label)) state.samplesLabel = label;
    selectTab('samples');
  }

  async function samples(signal: AbortSignal, cursor?: string | null, into?: HTMLElement): Promise<HTMLElement> {
    const label = state.samplesLabel && state.queries.some((q) => q.label === state.samplesLabel) ? state.samplesLabel : state.queries[0].label;
    const query = state.queries.find((q) => q.label === label) as MetricQuery;
    const range: TimeRange = state.samplesBucket ?? toRequest(state);
    const response = await api.samples({
      projects: state.projects, start: range.start, end: range.end, period: range.period, metric: query.metric,
      filter: query.filter || undefined, sort: state.samplesSort, limit: 50, cursor: cursor ?? null,
    }, signal);
    const rows = response.samples.map((s) => h('tr', {},
      h('td', {}, s.timestamp), h('td', {}, s.projectId), h('td', { class: 'num' }, `${formatNumber(s.value)}${s.unit ? ` ${s.unit}` : ''}`),
      h('td', { class: 'attrs' }, Object.entries(s.attributes).map(([k, v]) => h('span', { class: 'tag' }, `${k}:${String(v)}`))),
      h('td', {}, h('a', { class: 'trace', 'data-link': '', href: `/traces/${s.traceId}?project=${s.projectId}&at=${encodeURIComponent(s.timestamp)}${s.spanId ? `&span=${s.spanId}` : ''}` }, s.traceId.slice(0, 8)))));
    if (into) {
      into.querySelector('tbody')?.append(...rows);
      into.querySelector('.more')?.remove();
      if (response.nextCursor) into.append(moreButton(response.nextCursor, into));
      return into;
    }
    const table = h('div', { class: 'samples' },
      h('div', { class: 'samples-bar' },
        h('select', {
          id: 'samples-label', onChange: (e: Event) => {
            state.samplesLabel = (e.target as HTMLSelectElement).value;
            saveUrl();
            void runQueries();
          },
        }, state.queries.map((q) => h('option', { value: q.label, selected: q.label === label }, `${q.label}: ${q.metric}`))),
        h('select', {
          id: 'samples-sort', onChange: (e: Event) => {
            state.samplesSort = (e.target as HTMLSelectElement).value;
            saveUrl();
            void runQueries();
          },
        }, [['-timestamp', 'newest first'], ['timestamp', 'oldest first'], ['-value', 'largest value'], ['value', 'smallest value']]
          .map(([v, t]) => h('option', { value: v, selected: v === state.samplesSort }, t))),
        state.samplesBucket ? h('span', { class: 'bucket', id: 'samples-bucket' },
          `bucket ${state.samplesBucket.start} → ${state.samplesBucket.end}`,
          h('button', {
            class: 'icon', title: 'Samples of the whole time range', onClick: () => {
              state.samplesBucket = undefined;
              saveUrl();
              void runQueries();
            },
          }, '✕')) : null),
      h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['time', 'project', 'value', 'attributes', 'trace'].map((c) => h('th', {}, c)))), h('tbody', {}, rows)),
      response.samples.length === 0 ? h('div', { class: 'hint' }, 'No samples in this time range') : null);
    if (response.nextCursor) table.append(moreButton(response.nextCursor, table));
    return table;
  }

  function moreButton(cursor: string, into: HTMLElement): HTMLElement {
    return h('button', { class: 'more', onClick: () => void samples(new AbortController().signal, cursor, into).catch((e) => into.append(errorBox((e as Error).message))) }, 'Load more');
  }

  // ---- Save As -------------------------------------------------------------------------------------------------
  function saved(message: string, link?: { href: string; text: string }): void {
    notice.replaceChildren(h('div', { class: 'success', role: 'status' }, message, link ? h('a', { href: link.href, 'data-link': '' }, ` ${link.text}`) : null));
  }

  function failed(e: unknown): void {
    notice.replaceChildren(errorBox(e instanceof ApiError && e.status === 409 ? `Not saved: ${e.message}` : `Not saved: ${(e as Error).message}`));
  }

  async function saveNewQuery(): Promise<void> {
    const name = await modal.prompt('Save as new query', 'Name', state.saved?.name ?? '');
    if (!name) return;
    try {
      const query = await api.createSavedQuery(name, toRequest(state));
      state.saved = { id: query.id, name: query.name, version: query.version };
      saveUrl();
      saved(`Saved query "${query.name}".`, { href: '/saved-queries', text: 'All saved queries' });
    } catch (e) {
      failed(e);
    }
  }

  async function saveExistingQuery(): Promise<void> {
    let existing: SavedQuery[];
    try {
      existing = (await api.savedQueries('', 0, 200)).items;
    } catch (e) {
      failed(e);
      return;
    }
    const chosen = await modal.choose('Save over an existing query', existing.map((q) => ({ value: String(q.id), text: q.name })),
      state.saved ? String(state.saved.id) : undefined);
    if (!chosen) return;
    const target = existing.find((q) => String(q.id) === chosen) as SavedQuery;
    // The version we opened wins over the list's: overwriting someone's newer save must fail, not pass silently.
    const version = state.saved?.id === target.id ? state.saved.version : target.version;
    try {
      const query = await api.updateSavedQuery(target.id, target.name, toRequest(state), version);
      state.saved = { id: query.id, name: query.name, version: query.version };
      saveUrl();
      saved(`Updated "${query.name}".`, { href: '/saved-queries', text: 'All saved queries' });
    } catch (e) {
      failed(e);
    }
  }

  async function saveWidget(): Promise<void> {
    let dashboards;
    try {
      dashboards = (await api.dashboards('', 0, 200)).items;
    } catch (e) {
      failed(e);
      return;
    }
    const labels = [...state.queries.map((q) => q.label), ...state.equations.map((e) => e.label)];
    const form = await modal.form('Add to a dashboard', [
      { name: 'dashboard', label: 'Dashboard', options: [{ value: 'new', text: 'New dashboard…' }, ...dashboards.map((d) => ({ value: String(d.id), text: d.name }))] },
      { name: 'newName', label: 'New dashboard name', value: '' },
      { name: 'series', label: 'Show', options: [{ value: 'all', text: 'All Metrics' }, ...labels.map((l) => ({ value: l, text: l }))] },
      { name: 'display', label: 'As', options: ['line', 'area', 'bar', 'big_number', 'table'].map((d) => ({ value: d, text: d.replace('_', ' ') })) },
      { name: 'title', label: 'Title', value: '' },
    ]);
    if (!form) return;
    const request = toRequest(state);
    const widget = (y: number): Widget => ({
      id: crypto.randomUUID().slice(0, 8),
      title: form.title || (form.series === 'all' ? labels.join(', ') : form.series),
      display: form.display as Display,
      queries: request.queries,
      equations: request.equations,
      interval: request.interval,
      series: form.series,
      layout: { x: 0, y, w: 12, h: 6 },
    });
    try {
      let dashboard;
      if (form.dashboard === 'new') {
        dashboard = await api.createDashboard(form.newName || 'Untitled dashboard',
          { projects: state.projects, period: request.period, start: request.start, end: request.end, widgets: [widget(0)] });
      } else {
        const current = await api.dashboard(Number(form.dashboard));
        const bottom = Math.max(0, ...current.spec.widgets.map((w) => w.layout.y + w.layout.h));
        dashboard = await api.updateDashboard(current.id, current.name, { ...current.spec, widgets: [...current.spec.widgets, widget(bottom)] }, current.version);
      }
      saved(`Added a widget to "${dashboard.name}".`, { href: `/dashboards/${dashboard.id}`, text: 'Open dashboard' });
    } catch (e) {
      failed(e);
    }
  }

  function openMonitor(): void {
    navigate(`/monitors/new?state=${encodeURIComponent(JSON.stringify(state))}`);
  }

  root.replaceChildren(h('div', { class: 'explorer' },
    h('div', { class: 'toolbar' }, h('h2', {}, 'Metrics Explorer', state.saved ? h('span', { class: 'saved-name' }, ` · ${state.saved.name}`) : null),
      projectsInput, periodSelect, custom, intervalSelect, compare, saveMenu),
    notice, metricList, panels, tabs, results));
  renderPanels();
  void loadCatalog();
  void runQueries();
}
