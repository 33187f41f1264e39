// End-to-end test of issue 23's Traces page in real headless Chromium: build a three-condition search row by row
// (a metric summing above 0, a db.query over 500 ms, a TypeError), check the text form and the URL, the traces found
// newest first and longest first against both the seed and the API, the duration chart, a reload from the URL alone,
// the kinds, aggregates and operators offered being query-service's (GET /api/v1/catalog/traces/aggregates),
// a row opening its trace; then a sample whose trace was not stored opening the page pre-filled.
// Run by TraceSearchEndToEndTest, which seeds ClickHouse; env: BASE_URL, TOKEN, PROJECT, OUT (screenshot folder),
// EXPECTED (JSON: metric, start, end, newestFirst, longestFirst, durations, unstored {traceId, at, like}).
import { check, env, inChromium } from './browser.mjs';

const PROJECT = env('PROJECT');
const EXPECTED = JSON.parse(env('EXPECTED'));
function checkSame(shown, expected, message) {
  const same = JSON.stringify(shown) === JSON.stringify(expected);
  check(same, same ? message : `${message}\n  shown:    ${JSON.stringify(shown)}\n  expected: ${JSON.stringify(expected)}`);
}
const shownTraces = (page) => page.locator('tr.found-trace').evaluateAll((rows) => rows.map((r) => r.dataset.trace));
const settled = (page) => page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
/** The same search straight from the API with the page's token, as the URL states it. */
async function apiAnswer(page, conditions, sort, range) {
  return page.evaluate(async ({ project, conditions, sort, range }) => {
    const response = await fetch('/api/v1/traces/search', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${localStorage.getItem('appmetrics.token')}` },
      body: JSON.stringify({ project: Number(project), ...range, conditions, sort, limit: 200 }),
    });
    return (await response.json()).traces.map((t) => t.traceId);
  }, { project: PROJECT, conditions, sort, range });
}

await inChromium(async (page, screenshot) => {
  const field = (n, name) => page.locator(`[aria-label="${name} of condition ${n}"]`);
  await page.goto(`${env('BASE_URL')}/traces?project=${PROJECT}`);
  await page.locator('.trace-search').waitFor();
  check(await page.locator('nav.top a.active').innerText() === 'Traces', 'the Traces page is in the top navigation');
  await page.selectOption('#period', 'custom');
  await page.fill('#range-start', EXPECTED.start);
  await page.fill('#range-end', EXPECTED.end);
  await page.click('#apply-range');

  // Three rows: a metric summing above 0, a slow db.query, a TypeError.
  await page.click('#add-condition');
  const allowed = await page.evaluate(async () => (await fetch('/api/v1/catalog/traces/aggregates', {
    headers: { Authorization: `Bearer ${localStorage.getItem('appmetrics.token')}` },
  })).json());
  const options = (locator) => locator.locator('option').evaluateAll((all) => all.map((o) => o.value).filter(Boolean));
  checkSame(await options(field(1, 'kind')), Object.keys(allowed.aggregates), 'a row offers the kinds query-service searches');
  checkSame(await options(field(1, 'aggregate')), allowed.aggregates.metric,
    'a metric row offers the aggregates query-service takes for a metric condition');
  checkSame(await options(field(1, 'aggregate operator')), allowed.operators, 'and the operators query-service takes');
  await field(1, 'metric').fill(EXPECTED.metric);
  await field(1, 'metric').press('Tab');
  await field(1, 'aggregate').selectOption('sum');
  await field(1, 'aggregate operator').selectOption('>');
  await field(1, 'aggregate value').fill('0');
  await field(1, 'aggregate value').press('Tab');
  await page.click('#add-condition');
  check(await field(2, 'kind').inputValue() === 'span', 'a second condition starts as a span');
  await field(2, 'op').fill('db.query');
  await field(2, 'op').press('Tab');
  await field(2, 'duration operator').selectOption('>');
  await field(2, 'duration value').fill('500');
  await field(2, 'duration value').press('Tab');
  await page.click('#add-condition');
  await field(3, 'kind').selectOption('error');
  await field(3, 'type').fill('TypeError');
  await field(3, 'type').press('Tab');
  const text = `metric:${EXPECTED.metric} sum:>0 span.op:db.query span.duration:>500ms error.type:TypeError`;
  check(await page.inputValue('#search-text') === text, `the rows read as text: ${text}`);
  await page.click('#search');
  await page.locator('tr.found-trace').first().waitFor();
  await settled(page);
  const url = new URL(page.url());
  check(url.searchParams.get('q') === text && url.searchParams.get('start') === EXPECTED.start,
    'the URL keeps the conditions as text and the range');

  const conditions = [
    { kind: 'metric', metric: EXPECTED.metric, having: { aggregate: 'sum', operator: '>', value: 0 } },
    { kind: 'span', op: 'db.query', durationMs: { operator: '>', value: 500 } },
    { kind: 'error', exceptionType: 'TypeError' }];
  const range = { start: EXPECTED.start, end: EXPECTED.end };
  checkSame(await shownTraces(page), EXPECTED.newestFirst, `exactly the ${EXPECTED.newestFirst.length} generated matches, newest first`);
  checkSame(await shownTraces(page), await apiAnswer(page, conditions, '-start', range), 'the rows are the API\'s answer, in its order');
  check((await page.innerText('#traces-count')) === `${EXPECTED.newestFirst.length} matching traces`, 'the count says nothing was capped');
  const bars = await page.locator('.duration-chart .bar').evaluateAll((all) => all.map((b) => Number(b.dataset.count)));
  check(bars.reduce((a, b) => a + b, 0) === EXPECTED.durations.length, `the duration chart counts ${EXPECTED.durations.length} traces`);
  const heights = await page.locator('.duration-chart .bar').evaluateAll((all) => all.map((b) => b.getBoundingClientRect().height));
  check(bars.every((count, i) => (count > 0) === (heights[i] > 0)) && Math.max(...heights) > 40,
    'the duration chart draws a bar for each bin that has traces, and only for those');
  const firstRow = page.locator('tr.found-trace').first();
  check((await firstRow.innerText()).includes('/checkout') && (await firstRow.locator('td.error-count').innerText()) === '1'
    && (await firstRow.innerText()).includes(`${EXPECTED.metric}: 1`), 'a row shows the root transaction, its error and the metric event it carries');

  // Longest first, through the column header; again against the API.
  await page.click('button.sort[data-sort="duration"]');
  await page.waitForURL(/sort=-duration/);
  await settled(page);
  await page.waitForFunction((first) => document.querySelector('tr.found-trace')?.dataset.trace === first, EXPECTED.longestFirst[0]);
  checkSame(await shownTraces(page), EXPECTED.longestFirst, 'sorted by duration: the longest first');
  checkSame(await shownTraces(page), await apiAnswer(page, conditions, '-duration', range), 'sorted by duration: as the API answers');
  await screenshot('trace-search.png');

  // The URL alone rebuilds the rows and the answer; Back returns to the newest-first search.
  await page.reload();
  await page.locator('tr.found-trace').first().waitFor();
  checkSame(await page.locator('.condition').evaluateAll((rows) => rows.map((r) => r.dataset.kind)), ['metric', 'span', 'error'],
    'after a reload the text in the URL gives back the three rows');
  checkSame(await shownTraces(page), EXPECTED.longestFirst, 'after a reload: the same traces, longest first');
  await page.goBack();
  await page.waitForFunction((first) => document.querySelector('tr.found-trace')?.dataset.trace === first, EXPECTED.newestFirst[0]);
  check(!new URL(page.url()).searchParams.get('sort'), 'Back returns to the newest-first search');

  // A row opens its trace.
  await page.locator('tr.found-trace td:nth-child(2)').first().click();
  await page.waitForURL(new RegExp(`/traces/${EXPECTED.newestFirst[0]}\\?`));
  await page.locator('.waterfall .span-row').first().waitFor();
  check(await page.locator('.waterfall .span-row').count() === 2, 'a row opens its trace\'s waterfall');
  const [segmentBar, queryBar] = await page.locator('.waterfall .span-bar').evaluateAll((all) => all.map((b) => b.getBoundingClientRect().width));
  check(queryBar > 0 && segmentBar > queryBar, `its bars are drawn to scale (segment ${segmentBar} px, db.query ${queryBar} px)`);

  // A sample whose trace was not stored: its release, environment and transaction, the hour around it.
  const { unstored } = EXPECTED;
  await page.goto(`${env('BASE_URL')}/traces/${unstored.traceId}?project=${PROJECT}&at=${encodeURIComponent(unstored.at)}`);
  await page.locator('.comparable a.search-like').click();
  await page.waitForURL(/\/traces\?/);
  await page.locator('tr.found-trace').first().waitFor();
  await settled(page);
  const prefilled = 'span.transaction:/checkout span.release:2.0.0 span.environment:production';
  check(await page.inputValue('#search-text') === prefilled, `pre-filled with the sample's ${prefilled}`);
  const at = Date.parse(unstored.at);
  check(Date.parse(await page.inputValue('#range-start')) === at - 3_600_000 && Date.parse(await page.inputValue('#range-end')) === at + 3_600_000,
    'pre-filled with the hour either side of the sample');
  check(await page.inputValue('[aria-label="release of condition 1"]') === '2.0.0', 'the pre-filled condition is a row to widen or narrow');
  checkSame(await shownTraces(page), unstored.like, 'the traces of that release, environment and transaction around the sample, newest first');
  await screenshot('trace-search-prefilled.png');
});
