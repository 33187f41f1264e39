// End-to-end test of the Metrics Explorer in real headless Chromium (Debian's), driven by playwright-core.
// Builds the Apdex board on seeded data, checks that the legends show what the query API returns and what the
// seed implies, saves it as a query and as a dashboard widget, reloads, and finds both again.
// Run by ExplorerEndToEndTest, which starts the services and seeds ClickHouse; env: BASE_URL, TOKEN, PROJECT,
// METRIC, START, END, EXPECTED (JSON: label -> bucket values), OUT (screenshot folder).
import { check, env, format, inChromium } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const TOKEN = env('TOKEN');
const PROJECT = env('PROJECT');
const METRIC = env('METRIC');
const START = env('START');
const END = env('END');
const EXPECTED = JSON.parse(env('EXPECTED'));
const suffix = Math.random().toString(36).slice(2, 8);
const QUERY_NAME = `Apdex ${suffix}`;
const BOARD_NAME = `Apdex board ${suffix}`;
const EQUATION = '(A + (B / 2)) / C';

const summary = (values) => {
  const present = values.filter((v) => v !== null);
  return {
    avg: present.reduce((a, b) => a + b, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    last: present[present.length - 1],
  };
};
const same = (a, b) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < 1e-9);

/** Reads the legend of one chart: label -> {avg, min, max, last}, each as shown and as the value it stands for. */
async function legend(scope, label) {
  const row = scope.locator(`table.legend tbody tr[data-label="${label}"]`).first();
  await row.waitFor();
  const cell = async (name) => ({
    text: (await row.locator(`td.${name}`).innerText()).trim(), value: Number(await row.locator(`td.${name}`).getAttribute('data-value')),
  });
  return { avg: await cell('avg'), min: await cell('min'), max: await cell('max'), last: await cell('last') };
}

async function checkLegends(scopeFor, apiSeries, where) {
  for (const [label, expected] of Object.entries(EXPECTED)) {
    const shown = await legend(scopeFor(label), label);
    const fromApi = summary(apiSeries[label]);
    const fromSeed = summary(expected);
    for (const key of ['avg', 'min', 'max', 'last']) {
      const { text, value } = shown[key];
      check(Math.abs(value - fromApi[key]) < 1e-9 && Math.abs(value - fromSeed[key]) < 1e-9 && text === format(fromApi[key]),
        `${where}: legend ${key} of ${label} shows ${text} for ${value} (API ${fromApi[key]}, seed ${fromSeed[key]})`);
    }
  }
}

await inChromium(async (page, screenshot) => {
  async function blur() {
    await page.locator('.toolbar h2').click();
  }

  async function waitForCharts() {
    await page.locator('.chart-card[data-label="f1"] table.legend tbody tr').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
  }

  // Project, absolute time range, hourly buckets.
  await page.fill('#projects', PROJECT);
  await page.press('#projects', 'Tab');
  await page.selectOption('#period', 'custom');
  await page.fill('#range-start', START);
  await page.fill('#range-end', END);
  await page.click('#apply-range');
  await page.selectOption('#interval', '1h');

  // A: count with value < 100; B: count with 200 < value < 400; C: count; f1 = (A + (B / 2)) / C.
  const queries = [['A', 'value:<100'], ['B', 'value:>200 value:<400'], ['C', '']];
  for (const [label, filter] of queries) {
    if (label !== 'A') await page.click('#add-metric');
    await page.fill(`[aria-label="metric of ${label}"]`, METRIC);
    await page.press(`[aria-label="metric of ${label}"]`, 'Tab');
    await page.selectOption(`[aria-label="aggregate of ${label}"]`, 'count');
    if (filter) {
      await page.fill(`[aria-label="filter of ${label}"]`, filter);
      await page.press(`[aria-label="filter of ${label}"]`, 'Escape');
      await blur();
    }
  }
  await page.click('#add-equation');
  await page.fill('[aria-label="expression of f1"]', EQUATION);
  await blur();
  await waitForCharts();

  // What the query API itself answers for this page, read with the same token.
  const request = {
    projects: [Number(PROJECT)], start: START, end: END, interval: '1h',
    queries: queries.map(([label, filter]) => ({ label, metric: METRIC, aggregate: 'count', ...(filter ? { filter } : {}) })),
    equations: [{ label: 'f1', expression: EQUATION }],
  };
  const api = await page.evaluate(async ([body, token]) => {
    const response = await fetch('/api/v1/query/timeseries', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    return response.json();
  }, [request, TOKEN]);
  const apiSeries = Object.fromEntries(api.series.map((s) => [s.label, s.values]));
  for (const [label, expected] of Object.entries(EXPECTED)) {
    const present = apiSeries[label].filter((v) => v !== null);
    check(same(present, expected), `query API: ${label} per hour is ${JSON.stringify(present)}, seed says ${JSON.stringify(expected)}`);
  }
  await checkLegends((label) => page.locator(`.chart-card[data-label="${label}"]`), apiSeries, 'Explorer');
  check(await page.locator('.chart-card[data-label="f1"] canvas').count() === 1, 'Explorer: f1 is drawn as a chart');
  await screenshot('explorer.png');

  // Each run is a step of history: Back returns to the page before f1 was written, Forward brings it back.
  const stateOf = () => JSON.parse(new URL(page.url()).searchParams.get('state'));
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
  // Which edits ran together depends on typing pauses; the run before f1's expression cannot have had it.
  check(!stateOf().equations.some((e) => e.expression === EQUATION),
    `Back: the run before f1 was written (${stateOf().queries.length} queries, no f1 expression)`);
  await page.goForward();
  await waitForCharts();
  check(stateOf().equations[0]?.expression === EQUATION, 'Forward: f1 is back');
  await checkLegends((label) => page.locator(`.chart-card[data-label="${label}"]`), apiSeries, 'Explorer after Back and Forward');

  // Hide and show per query: B's chart goes and comes back, the others stay; a legend row toggles its line.
  await page.click('[aria-label="hide B"]');
  await page.locator('.chart-card[data-label="B"]').waitFor({ state: 'detached' });
  await waitForCharts();
  check(await page.locator('.chart-card').count() === 3 && stateOf().hidden?.includes('B'), 'hide B: its chart is gone, A, C and f1 stay');
  await page.click('[aria-label="show B"]');
  await page.locator('.chart-card[data-label="B"]').waitFor();
  await waitForCharts();
  check(await page.locator('.chart-card').count() === 4, 'show B: its chart is back');
  const legendRow = page.locator('.chart-card[data-label="A"] table.legend tbody tr').first();
  await legendRow.click();
  check(await legendRow.evaluate((r) => r.classList.contains('off')), 'a click on a legend row turns its series off');
  await legendRow.click();
  check(await legendRow.evaluate((r) => !r.classList.contains('off')), 'a second click turns it on again');

  // Compare: each legend gets the previous period's row and the average's change, as the API's previous values say.
  await page.check('#compare');
  await page.locator('.chart-card[data-label="A"] table.legend tr.previous').waitFor();
  await waitForCharts();
  const compared = await page.evaluate(async ([body, token]) => (await fetch('/api/v1/query/timeseries', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  })).json(), [{ ...request, compare: 'previous_period' }, TOKEN]);
  const seriesA = compared.series.find((s) => s.label === 'A');
  const avgOf = (values) => {
    const present = values.filter((v) => v !== null);
    return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
  };
  const [now, before] = [avgOf(seriesA.values), avgOf(seriesA.previous)];
  const change = now !== null && before ? ((now - before) / Math.abs(before)) * 100 : null;
  const shownChange = await page.locator('.chart-card[data-label="A"] table.legend tr.toggles td.change').innerText();
  check(shownChange === (change === null ? '—' : `${change > 0 ? '+' : ''}${format(change)}%`),
    `compare: A's legend says ${shownChange} against the previous period (API: ${now} vs ${before})`);
  await page.uncheck('#compare');
  await page.locator('.chart-card[data-label="A"] table.legend tr.previous').waitFor({ state: 'detached' });
  await waitForCharts();

  // Samples tab: individual events with links to their traces.
  await page.click('#tab-samples');
  const traceLink = page.locator('.samples a.trace').first();
  await traceLink.waitFor();
  check(/^\/traces\/[0-9a-f]{32}\?project=\d+&at=[0-9A-Za-z%.:-]+&span=[0-9a-f]{16}$/.test(await traceLink.getAttribute('href')),
    'Samples: rows link to /traces/<traceId>?project=<id>&at=<sample time>&span=<spanId>');
  await page.click('#tab-aggregates');
  await waitForCharts();

  // Save As → New Query.
  await page.selectOption('#save-as', 'query');
  await page.fill('dialog input[name=value]', QUERY_NAME);
  await page.click('dialog button.primary');
  await page.locator('.success', { hasText: `Saved query "${QUERY_NAME}"` }).waitFor();
  check(true, `saved the page as query "${QUERY_NAME}"`);

  // Save As → Dashboard widget, All Metrics, on a new dashboard.
  await page.selectOption('#save-as', 'widget');
  await page.selectOption('dialog select[name=dashboard]', 'new');
  await page.fill('dialog input[name=newName]', BOARD_NAME);
  await page.selectOption('dialog select[name=series]', 'all');
  await page.selectOption('dialog select[name=display]', 'line');
  await page.click('dialog button.primary');
  await page.locator('.success', { hasText: `Added a widget to "${BOARD_NAME}"` }).waitFor();
  check(true, `added an All Metrics widget to dashboard "${BOARD_NAME}"`);

  // Save As → Monitor opens monitor creation pre-filled with the page's queries; back returns to the same page.
  await page.selectOption('#save-as', 'monitor');
  await page.waitForURL(/\/monitors\/new/);
  check(await page.inputValue('select[name=watch]') === 'f1', 'monitor form: watches the equation f1');
  const summary = await page.locator('.query-summary').innerText();
  check(summary.includes(`B: count(${METRIC}) value:>200 value:<400`) && summary.includes(`f1 = ${EQUATION}`),
    'monitor form: shows the queries with their filters and the equation');
  check(await page.inputValue('input[name=interval]') === '1h', 'monitor form: keeps the interval');
  await page.goBack();
  await waitForCharts();

  // The whole page is in the URL: a reload shows the same board.
  await page.reload();
  await waitForCharts();
  check(await page.locator('.query-panel').count() === 3 && await page.locator('.equation-panel').count() === 1,
    'after reload: three queries and one equation are back');
  check(await page.inputValue('[aria-label="filter of B"]') === 'value:>200 value:<400', 'after reload: the filter of B is back');
  await checkLegends((label) => page.locator(`.chart-card[data-label="${label}"]`), apiSeries, 'Explorer after reload');

  // The saved query is in the list and opens the same page.
  await page.goto(`${BASE_URL}/saved-queries`);
  await page.fill('#search', QUERY_NAME);
  const saved = page.locator('tr.saved-query a', { hasText: QUERY_NAME });
  await saved.waitFor();
  await saved.click();
  await waitForCharts();
  await checkLegends((label) => page.locator(`.chart-card[data-label="${label}"]`), apiSeries, 'saved query reopened');

  // The dashboard lists it and its widget shows every series of the page.
  await page.goto(`${BASE_URL}/dashboards`);
  const board = page.locator('.dashboard-card a', { hasText: BOARD_NAME });
  await board.waitFor();
  await board.click();
  const widget = page.locator('section.widget').first();
  await widget.locator('table.legend tbody tr[data-label="f1"]').waitFor();
  check(await widget.locator('table.legend tbody tr').count() === Object.keys(EXPECTED).length,
    'dashboard: the All Metrics widget has one legend row per query and equation');
  await checkLegends(() => widget, apiSeries, 'dashboard');
  await screenshot('dashboard.png');

  // Changing the dashboard's range changes this view only, until Save view.
  const savedPeriod = await page.inputValue('#dashboard-period');
  const other = savedPeriod === '1h' ? '6h' : '1h';
  await page.selectOption('#dashboard-period', other);
  await page.locator('#save-view').waitFor();
  await page.reload();
  await widget.locator('table.legend tbody tr').first().waitFor();
  check(await page.inputValue('#dashboard-period') === savedPeriod && await page.locator('#save-view').count() === 0,
    `dashboard: picking the last ${other} did not save it into the dashboard (still ${savedPeriod} after a reload)`);

  // An error names the row as the page does: a lone query B with a broken filter is "B", not "queries[0]".
  const broken = { projects: [Number(PROJECT)], period: '24h', queries: [{ label: 'B', metric: METRIC, aggregate: 'count', filter: 'route', groupBy: [] }],
    equations: [], compare: false, tab: 'aggregates', samplesSort: '-timestamp' };
  await page.goto(`${BASE_URL}/explorer?state=${encodeURIComponent(JSON.stringify(broken))}`);
  const error = page.locator('.results .error');
  await error.waitFor();
  const message = await error.innerText();
  check(message.includes('B.filter') && !message.includes('queries['), `Explorer: the error names B: ${message}`);

  // An empty chart says why, as the API sees it: a metric these projects never sent (query-service's validate warning
  // names it), or a filter that matched none of the metric's events.
  const emptyChart = async (query) => {
    const state = { ...broken, period: undefined, start: START, end: END,
      queries: [{ label: 'A', aggregate: 'count', filter: '', groupBy: [], ...query }] };
    await page.goto(`${BASE_URL}/explorer?state=${encodeURIComponent(JSON.stringify(state))}`);
    const chart = page.locator('.chart-card[data-label="A"] .chart-empty');
    await chart.waitFor();
    const { validation, timeseries } = await page.evaluate(async ([body, token]) => {
      const post = async (path) => (await fetch(path, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
      })).json();
      return { validation: await post('/api/v1/query/validate'), timeseries: await post('/api/v1/query/timeseries') };
    }, [{ projects: state.projects, start: START, end: END, queries: state.queries }, TOKEN]);
    return { text: (await chart.innerText()).trim(), warnings: validation.warnings, series: timeseries.series };
  };
  const misspelt = `${METRIC}.misspelt`;
  const unknown = await emptyChart({ metric: misspelt });
  const noEvents = (series) => series.every((s) => s.values.every((v) => v === null || v === 0));
  check(noEvents(unknown.series) && unknown.warnings.length === 1 && unknown.warnings[0].field === 'queries[0].metric',
    `API: an unknown metric is one warning on queries[0].metric and a count of nothing: ${JSON.stringify(unknown)}`);
  check(unknown.text === `Unknown metric: ${unknown.warnings[0].reason}` && unknown.text.includes(`'${misspelt}'`),
    `Explorer: an unknown metric is named as the API warns: ${unknown.text}`);
  const filtered = await emptyChart({ metric: METRIC, filter: 'route:/nowhere*' });
  check(noEvents(filtered.series) && filtered.warnings.length === 0,
    `API: a filter matching nothing is a count of nothing and no warning: ${JSON.stringify(filtered)}`);
  check(filtered.text === `No events of '${METRIC}' match the filter route:/nowhere* in this time range`,
    `Explorer: an empty filtered chart names its filter: ${filtered.text}`);
});
