// The Explorer's and the dashboards' views in real headless Chromium, each checked against the query API's answer:
// the Apdex board overlaid on one chart (the ratio on an axis of its own), the tooltip at the cursor, a grid of
// charts, drag-zoom, the calendars, top-N, widths of 768, 1280 and 1920 px, and a dashboard whose widget is moved,
// resized and edited in the Explorer. Run by ExplorerViewsEndToEndTest; env: BASE_URL, TOKEN, PROJECT, METRIC,
// START, END, EXPECTED (JSON: label -> bucket values, from the seed), TIER_EVENTS (how many events of METRIC.tier the
// 8 tier keeps, by the hash rule), OUT (screenshot folder).
import { check, env, format, inChromium } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const TOKEN = env('TOKEN');
const PROJECT = Number(env('PROJECT'));
const METRIC = env('METRIC');
const START = env('START');
const END = env('END');
const EXPECTED = JSON.parse(env('EXPECTED'));
const TIER_EVENTS = Number(env('TIER_EVENTS'));
// The browser runs in Berlin, so that the calendars' wall-clock times differ from the instants they stand for.
const ZONE = 'Europe/Berlin';

const avg = (values) => {
  const present = values.filter((v) => v !== null);
  return present.reduce((a, b) => a + b, 0) / present.length;
};
const close = (a, b, tolerance = 1e-9) => Math.abs(a - b) <= tolerance;
/** An instant as a wall clock in ZONE shows it: what a datetime-local input there holds. */
const wallClock = (instant) => new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
}).format(new Date(instant)).replace(' ', 'T').replace(/:00$/, '');

const QUERIES = [['A', 'value:<100'], ['B', 'value:>200 value:<400'], ['C', '']]
  .map(([label, filter]) => ({ label, metric: METRIC, aggregate: 'count', ...(filter ? { filter } : {}) }));
const EQUATIONS = [{ label: 'f1', expression: '(A + (B / 2)) / C' }];
const REQUEST = { projects: [PROJECT], start: START, end: END, interval: '1h', queries: QUERIES, equations: EQUATIONS };
const explorerUrl = (state) => `${BASE_URL}/explorer?state=${encodeURIComponent(JSON.stringify({
  compare: false, tab: 'aggregates', samplesSort: '-timestamp', equations: [], ...state,
}))}`;

await inChromium(async (page, screenshot) => {
  const call = (method, path, body) => page.evaluate(async ([m, p, b, token]) => {
    const response = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: b && JSON.stringify(b) });
    return response.json();
  }, [method, path, body, TOKEN]);
  /** Every timeseries request the page sends, in order. */
  const sent = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/query/timeseries')) sent.push(JSON.parse(r.postData()));
  });
  /** The next timeseries request the page sends. */
  const nextQuery = () => page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/query/timeseries'))
    .then((r) => JSON.parse(r.postData()));
  const stateOf = () => JSON.parse(new URL(page.url()).searchParams.get('state'));
  const settled = async (scope = '.results') => {
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
    await page.waitForFunction((s) => [...document.querySelectorAll(`${s} .u-over`)].every((o) => o.clientWidth > 0)
      && document.querySelectorAll(`${s} .u-over`).length > 0, scope);
  };
  const api = await call('POST', '/api/v1/query/timeseries', REQUEST);
  const apiValues = Object.fromEntries(api.series.map((s) => [s.label, s.values]));
  for (const [label, expected] of Object.entries(EXPECTED)) {
    check(JSON.stringify(apiValues[label].filter((v) => v !== null)) === JSON.stringify(expected), `query API: ${label} is ${JSON.stringify(expected)} per hour, as seeded`);
  }

  /** Checks each legend row's average against the API's series of that label. */
  async function legendsMatch(scope, values, where) {
    for (const [label, series] of Object.entries(values)) {
      const cell = scope.locator(`table.legend tbody tr[data-label="${label}"] td.avg`).first();
      const [shown, value] = [(await cell.innerText()).trim(), Number(await cell.getAttribute('data-value'))];
      check(close(value, avg(series)) && shown === format(avg(series)), `${where}: ${label}'s average reads ${shown} (API ${avg(series)})`);
    }
  }

  // A chart forced onto the 8 tier says how many stored events it is extrapolated from and marks the buckets resting on
  // fewer than 100 of them (all of them here), in its note and its legend; the exact charts below say nothing.
  const TIER_QUERY = { label: 'C', metric: `${METRIC}.tier`, aggregate: 'count' };
  const tierRequest = { ...REQUEST, queries: [TIER_QUERY], equations: [], sampling: 'downsample_8' };
  const tierApi = await call('POST', '/api/v1/query/timeseries', tierRequest);
  const stored = tierApi.series[0].storedEvents;
  const storedSum = stored.reduce((a, b) => a + b, 0);
  check(tierApi.sampling.tier === 'downsample_8' && storedSum === TIER_EVENTS,
    `query API: the 8 tier holds ${storedSum} of the 200 seeded events, as the hash rule says (${TIER_EVENTS})`);
  const lowBuckets = stored.filter((n) => n < 100).length;
  const tierQuery = nextQuery();
  await page.goto(explorerUrl({ projects: [PROJECT], start: START, end: END, interval: '1h', queries: [TIER_QUERY], sampling: 'downsample_8' }));
  check((await tierQuery).sampling === 'downsample_8', 'tier: the page asks for the tier its state forces');
  await settled();
  const note = page.locator('.chart-card[data-label="C"] .sampling-note');
  const noteText = (await note.innerText()).trim();
  check(await note.getAttribute('data-tier') === 'downsample_8'
    && noteText === `Extrapolated from ${TIER_EVENTS.toLocaleString('en-US')} event${TIER_EVENTS === 1 ? '' : 's'} (1 in 8 kept) · ○ ${lowBuckets} low-confidence bucket${lowBuckets === 1 ? '' : 's'}`,
  `tier: the chart reads "${noteText}"`);
  const badge = page.locator('.chart-card[data-label="C"] table.legend tr[data-label="C"] .low-confidence');
  check(lowBuckets === stored.length && Number(await badge.getAttribute('data-buckets')) === lowBuckets,
    `tier: the legend marks C's ${lowBuckets} buckets on fewer than 100 stored events`);
  await screenshot('explorer-tier.png');

  // Overlay: the Apdex board on one chart, picked with the layout picker.
  await page.goto(explorerUrl({ projects: [PROJECT], start: START, end: END, interval: '1h', queries: QUERIES, equations: EQUATIONS }));
  await settled();
  await page.selectOption('#chart-layout', 'overlay');
  const overlay = page.locator('.chart-card.overlay');
  await overlay.waitFor();
  await settled();
  check(stateOf().layout === 'overlay' && await page.locator('.chart-card').count() === 1, 'overlay: one chart for A, B, C and f1, in the URL');
  check(await page.locator('.sampling-note, .low-confidence').count() === 0, 'overlay: read exactly, so no extrapolation note');
  await legendsMatch(overlay, apiValues, 'overlay legend');
  const axes = await overlay.locator('.chart').getAttribute('data-axes');
  check(axes === 'A,B,C | f1' && await overlay.locator('.u-axis').count() === 3,
    `overlay: the ratio f1 has a y axis of its own beside the counts' (${axes})`);

  // The tooltip at the cursor: every series' value of the bucket under it, as the API has it.
  const over = overlay.locator('.u-over');
  const box = await over.boundingBox();
  const times = api.timestamps;
  const xOf = (t) => (times.length === 1 ? box.width / 2 : ((t - times[0]) / (times.at(-1) - times[0])) * box.width);
  for (let i = 0; i < times.length; i++) {
    await page.mouse.move(box.x + Math.min(box.width - 1, Math.max(1, xOf(times[i]))), box.y + box.height / 2);
    await page.waitForFunction((t) => Date.parse(document.querySelector('.chart-card.overlay .chart-tooltip')?.dataset.timestamp) === t, times[i]);
    const rows = await overlay.locator('.chart-tooltip .tip-row').evaluateAll((all) => all.map((r) => ({
      series: r.dataset.series, value: r.dataset.value === undefined ? null : Number(r.dataset.value), text: r.querySelector('b').textContent,
    })));
    for (const label of Object.keys(EXPECTED)) {
      const row = rows.find((r) => r.series === label);
      const expected = apiValues[label][i];
      check(row && close(row.value, expected) && row.text === format(expected),
        `tooltip at ${new Date(times[i]).toISOString()}: ${label} reads ${row?.text} (API ${expected})`);
    }
  }

  // A grid of two columns; Back returns to the overlay.
  await page.selectOption('#chart-layout', 'grid2');
  await page.locator('.charts.grid2').waitFor();
  await settled();
  const cards = await page.locator('.chart-card').evaluateAll((all) => all.map((c) => c.getBoundingClientRect().toJSON()));
  const charts = await page.locator('.charts').boundingBox();
  check(cards.length === 4 && close(cards[0].top, cards[1].top, 1) && cards[2].top > cards[0].bottom - 1 && close(cards[0].width, (charts.width - 12) / 2, 2),
    `grid of 2: A and B side by side, C and f1 below, each half the width (${Math.round(cards[0].width)} of ${Math.round(charts.width)} px)`);
  await legendsMatch(page.locator('.chart-card[data-label="f1"]'), { f1: apiValues.f1 }, 'grid');
  await page.goBack();
  await overlay.waitFor();
  await settled();
  check(stateOf().layout === 'overlay', 'Back: the overlay again');

  // Drag-zoom: the range dragged over becomes the page's range, in the URL and in the next query, a step of history.
  const zoomBox = await over.boundingBox();
  const [from, to] = [0.25, 0.75].map((f) => zoomBox.x + zoomBox.width * f);
  const zoomQuery = nextQuery();
  await page.mouse.move(from, zoomBox.y + 20);
  await page.mouse.down();
  await page.mouse.move(to, zoomBox.y + 20, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((start) => JSON.parse(new URL(location.href).searchParams.get('state')).start !== start, START);
  await settled();
  const zoomed = stateOf();
  const timeAt = (x) => times[0] + ((x - zoomBox.x) / zoomBox.width) * (times.at(-1) - times[0]);
  const pixel = (times.at(-1) - times[0]) / zoomBox.width;
  check(close(Date.parse(zoomed.start), timeAt(from), 2 * pixel + 1000) && close(Date.parse(zoomed.end), timeAt(to), 2 * pixel + 1000) && !zoomed.period,
    `drag-zoom: the URL's range is ${zoomed.start} → ${zoomed.end} (dragged over ${new Date(timeAt(from)).toISOString()} → ${new Date(timeAt(to)).toISOString()})`);
  const next = await zoomQuery;
  check(next && next.start === zoomed.start && next.end === zoomed.end && !next.period, `drag-zoom: the next query asks for ${next?.start} → ${next?.end}`);
  check(zoomed.tab === 'aggregates' && await page.inputValue('#range-start') === zoomed.start, 'drag-zoom: no bucket was picked, and the range control shows the new start');
  await page.goBack();
  await settled();
  check(stateOf().start === START && stateOf().end === END, 'Back after drag-zoom: the range before it');
  await page.goForward();
  await settled();

  // The calendars: wall-clock times in Berlin become the instants they stand for.
  await page.selectOption('#period', 'custom');
  await page.fill('[aria-label="start calendar"]', wallClock(START));
  await page.fill('[aria-label="end calendar"]', wallClock(END));
  check(Date.parse(await page.inputValue('#range-start')) === Date.parse(START) && Date.parse(await page.inputValue('#range-end')) === Date.parse(END),
    `calendars: ${wallClock(START)} in ${ZONE} is ${START}`);
  const appliedQuery = nextQuery();
  await page.click('#apply-range');
  const applied = await appliedQuery;
  await settled();
  check(applied && Date.parse(applied.start) === Date.parse(START) && Date.parse(applied.end) === Date.parse(END), 'calendars: the next query asks for the seeded range');
  await legendsMatch(overlay, apiValues, 'overlay after the calendars');

  // Widths: at 768 px the filter keeps its width; at 1280 and 1920 the toolbar is one line. Screenshots of the overlay.
  await page.goto(explorerUrl({ projects: [PROJECT], start: START, end: END, interval: '1h', queries: QUERIES, equations: EQUATIONS, layout: 'overlay' }));
  for (const width of [768, 1280, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.reload();
    await settled();
    const filter = await page.locator('.query-panel[data-label="B"] .filter').boundingBox();
    const tops = await page.locator('.explorer > .toolbar > *').evaluateAll((all) => all.filter((e) => e.offsetParent !== null)
      .map((e) => e.getBoundingClientRect().top));
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    const oneLine = Math.max(...tops) - Math.min(...tops) < 8;
    check(filter.width >= 250 && scroll <= width && (width === 768 || oneLine),
      `${width} px: B's filter is ${Math.round(filter.width)} px wide, the page ${scroll} px, the toolbar ${oneLine ? 'one line' : 'wrapped'}`);
    if (width > 768) {
      // The tooltip in the picture: the cursor on the last bucket.
      const shot = await over.boundingBox();
      await page.mouse.move(shot.x + shot.width - 2, shot.y + shot.height / 3);
      await overlay.locator('.chart-tooltip:not([hidden])').waitFor();
      await screenshot(`explorer-overlay-${width}.png`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 1000 });

  // Top-N: the lowest of the regions by sum over the range, the other folded into "other", as ranked from all groups.
  const grouped = { label: 'A', metric: METRIC, aggregate: 'sum', groupBy: ['region'] };
  const all = await call('POST', '/api/v1/query/timeseries', { ...REQUEST, queries: [grouped], equations: [] });
  const totals = all.series.map((s) => ({ region: s.group.region, total: s.values.reduce((a, v) => a + (v ?? 0), 0), values: s.values }));
  const lowest = totals.reduce((a, b) => (b.total < a.total ? b : a));
  const rest = totals.filter((t) => t !== lowest);
  await page.goto(explorerUrl({ projects: [PROJECT], start: START, end: END, interval: '1h', queries: [grouped] }));
  await settled();
  await page.selectOption('[aria-label="limit of A"]', '1');
  await page.selectOption('[aria-label="order of A"]', 'asc');
  await page.locator('.chart-card[data-label="A"] tr[data-series="A · other"]').waitFor();
  await settled();
  const ranked = sent.at(-1).queries[0];
  check(ranked.limit === 1 && ranked.order === 'asc' && stateOf().queries[0].limit === 1, 'top-N: the query asks for the 1 lowest group, and the URL keeps it');
  const legendRows = await page.locator('.chart-card[data-label="A"] table.legend tbody tr').evaluateAll((all) => all.map((r) => ({
    series: r.dataset.series, avg: Number(r.querySelector('td.avg').dataset.value),
  })));
  const otherAvg = avg(lowest.values.map((_, i) => rest.reduce((a, t) => a + (t.values[i] ?? 0), 0)));
  check(legendRows.length === 2 && legendRows[0].series === `A · region:${lowest.region}` && close(legendRows[0].avg, avg(lowest.values))
    && legendRows[1].series === 'A · other' && close(legendRows[1].avg, otherAvg),
    `top-N: region:${lowest.region} (sum ${lowest.total}, the lowest of ${totals.length}) and "other" (${otherAvg} per hour)`);

  await dashboardSteps(page, { call, nextQuery, legendsMatch, apiValues, times, screenshot });
}, { timezoneId: ZONE });

/** A dashboard: unit-aware axes per widget, a widget moved and resized (kept after a reload), and edited in the Explorer. */
async function dashboardSteps(page, { call, nextQuery, legendsMatch, apiValues, times, screenshot }) {
  const widget = (id, series, layout) => ({ id, title: id, display: 'line', queries: QUERIES, equations: EQUATIONS, interval: '1h', series, layout });
  const created = await call('POST', '/api/v1/dashboards', {
    name: `Views ${Math.random().toString(36).slice(2, 8)}`,
    spec: { projects: [PROJECT], start: START, end: END, widgets: [widget('all', 'all', { x: 0, y: 0, w: 12, h: 6 }), widget('ratio', 'f1', { x: 0, y: 6, w: 6, h: 5 })] },
  });
  await page.goto(`${BASE_URL}/dashboards/${created.id}`);
  const allWidget = page.locator('.widget[data-widget="all"]');
  const ratio = page.locator('.widget[data-widget="ratio"]');
  await allWidget.locator('table.legend tr[data-label="f1"]').waitFor();
  await ratio.locator('table.legend tr[data-label="f1"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.widget .u-over').length === 2);
  await legendsMatch(allWidget, apiValues, 'dashboard All Metrics');
  check(await allWidget.locator('.chart').getAttribute('data-axes') === 'A,B,C | f1' && await allWidget.locator('.u-axis').count() === 3,
    'dashboard: All Metrics draws the ratio f1 on an axis of its own');

  // Arrange: move the ratio 2 columns right, then widen it by 3 columns and 1 row; Save; reload.
  await page.click('#arrange');
  const grid = await page.locator('.dashboard-grid').boundingBox();
  const column = (grid.width + 12) / 12;
  const row = 72;
  const header = await ratio.locator('header h3').boundingBox();
  await page.mouse.move(header.x + 5, header.y + 5);
  await page.mouse.down();
  await page.mouse.move(header.x + 5 + 2 * column, header.y + 5, { steps: 6 });
  await page.mouse.up();
  const handle = await ratio.locator('.resize-handle').boundingBox();
  await page.mouse.move(handle.x + 8, handle.y + 8);
  await page.mouse.down();
  await page.mouse.move(handle.x + 8 + 3 * column, handle.y + 8 + row, { steps: 6 });
  await page.mouse.up();
  await page.click('#save-view');
  await page.locator('#save-view').waitFor({ state: 'detached' });
  const saved = await call('GET', `/api/v1/dashboards/${created.id}`);
  const layout = saved.spec.widgets.find((w) => w.id === 'ratio').layout;
  check(JSON.stringify(layout) === JSON.stringify({ x: 2, y: 6, w: 9, h: 6 }) && saved.version === created.version + 1,
    `arrange: the ratio is saved at ${JSON.stringify(layout)} (version ${saved.version})`);
  await page.reload();
  await ratio.locator('table.legend tr[data-label="f1"]').waitFor();
  const placed = await ratio.boundingBox();
  check(close(placed.width, 9 * column - 12, 3) && close(placed.height, 6 * row - 12, 3) && close(placed.x - grid.x, 2 * column, 3),
    `after a reload: the ratio is ${Math.round(placed.width)}×${Math.round(placed.height)} px at column 3 (9×6 cells)`);

  // Drag-zoom on a widget: the dragged span becomes the view's range, unsaved until Save; Reset returns.
  const over = await allWidget.locator('.u-over').boundingBox();
  const timeAt = (x) => times[0] + ((x - over.x) / over.width) * (times.at(-1) - times[0]);
  const tolerance = 2 * ((times.at(-1) - times[0]) / over.width) + 1000;
  const [from, to] = [0.25, 0.75].map((f) => over.x + over.width * f);
  const zoomQuery = nextQuery();
  await page.mouse.move(from, over.y + 20);
  await page.mouse.down();
  await page.mouse.move(to, over.y + 20, { steps: 8 });
  await page.mouse.up();
  const zoomed = await zoomQuery;
  check(close(Date.parse(zoomed.start), timeAt(from), tolerance) && close(Date.parse(zoomed.end), timeAt(to), tolerance) && !zoomed.period
    && await page.locator('#save-view').count() === 1, `dashboard drag-zoom: the widgets ask for ${zoomed.start} → ${zoomed.end}, unsaved`);
  await page.click('#reset-view');
  await allWidget.locator('table.legend tr[data-label="f1"]').waitFor();
  check((await call('GET', `/api/v1/dashboards/${created.id}`)).spec.start === START, 'dashboard drag-zoom: the saved range is untouched');

  // Edit in the Explorer: f1 becomes A / C and is saved back into this widget, which keeps its place.
  await ratio.locator('a.edit-widget').click();
  await page.waitForURL(/\/explorer\?/);
  const editing = JSON.parse(new URL(page.url()).searchParams.get('state')).editing;
  check(editing?.dashboard === created.id && editing.widget === 'ratio', 'edit: the Explorer edits the ratio widget of this dashboard');
  await page.fill('[aria-label="expression of f1"]', 'A / C');
  await page.locator('.toolbar h2').click();
  const satisfied = EXPECTED.A.map((a, i) => a / EXPECTED.C[i]);
  await page.waitForFunction((v) => Math.abs(Number(document.querySelector('.chart-card[data-label="f1"] tr[data-label="f1"] td.avg')?.dataset.value) - v) < 1e-9,
    avg(satisfied));
  await page.click('#save-widget');
  await page.locator('.success', { hasText: 'Saved the widget' }).waitFor();
  const edited = await call('GET', `/api/v1/dashboards/${created.id}`);
  const ratioSpec = edited.spec.widgets.find((w) => w.id === 'ratio');
  check(ratioSpec.equations[0].expression === 'A / C' && JSON.stringify(ratioSpec.layout) === JSON.stringify(layout) && ratioSpec.series === 'f1',
    'edit: the widget now holds f1 = A / C, in the same place');
  const apiRatio = await call('POST', '/api/v1/query/timeseries', { ...REQUEST, equations: [{ label: 'f1', expression: 'A / C' }] });
  const f1 = apiRatio.series.find((s) => s.label === 'f1').values;
  check(close(avg(f1), avg(satisfied)), `query API: A / C averages ${avg(f1)}, the seed says ${avg(satisfied)}`);
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(`${BASE_URL}/dashboards/${created.id}`);
    await ratio.locator('table.legend tr[data-label="f1"]').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.widget .u-over').length === 2);
    await legendsMatch(ratio, { f1 }, `edited dashboard at ${width} px`);
    await page.click('#arrange');
    await screenshot(`dashboard-edited-${width}.png`);
  }
  await page.setViewportSize({ width: 768, height: 1000 });
  await page.reload();
  await ratio.locator('table.legend tr[data-label="f1"]').waitFor();
  const [narrowGrid, narrowRatio] = [await page.locator('.dashboard-grid').boundingBox(), await ratio.boundingBox()];
  check(close(narrowRatio.width, narrowGrid.width, 1), `768 px: the ratio widget takes the whole width (${Math.round(narrowRatio.width)} px)`);
}
