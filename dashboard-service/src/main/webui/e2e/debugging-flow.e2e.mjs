// End-to-end test of issue 8's debugging flow in real headless Chromium: find the spike on the Explorer's chart by
// sweeping the cursor over it, click it to narrow the Samples tab to that bucket, open one sample's trace (span
// waterfall with the sample's span highlighted, the error and its frames, the logs), then open a sample whose trace
// was not stored and follow the comparable trace it offers; the spike's bucket also opens the Traces page.
// Run by DebuggingFlowEndToEndTest, which seeds ClickHouse; env: BASE_URL, TOKEN, PROJECT, OUT (screenshot folder),
// EXPECTED (JSON: metric, start, end, buckets, spike {start, end, value}, spikeTraces, stored, unstored).
import { check, env, inChromium } from './browser.mjs';

const PROJECT = env('PROJECT');
const EXPECTED = JSON.parse(env('EXPECTED'));
const { spike, stored, unstored } = EXPECTED;
const sameInstant = (a, b) => Date.parse(a) === Date.parse(b);
/** A check that two lists are equal, saying both when they are not. */
function checkSame(shown, expected, message) {
  const same = JSON.stringify(shown) === JSON.stringify(expected);
  check(same, same ? message : `${message}\n  shown:    ${JSON.stringify(shown)}\n  expected: ${JSON.stringify(expected)}`);
}
/** The waterfall's rows: span id, op and description, in the order shown. */
const waterfallRows = (page) => page.locator('.waterfall .span-row').evaluateAll((all) => all.map((r) => ({
  spanId: r.dataset.span, op: r.querySelector('.span-op').textContent, description: r.title,
})));
const spanRows = (spans) => spans.map((s) => ({ spanId: s.spanId, op: s.op, description: s.description }));

await inChromium(async (page, screenshot) => {
  const chart = page.locator('.chart-card[data-label="A"]');
  const readout = chart.locator('.chart-readout');

  // The metric's average over the seeded hour, in 5-minute buckets.
  await page.fill('#projects', PROJECT);
  await page.press('#projects', 'Tab');
  // Opened while the project's run may still be going: its end must leave the panel open.
  await page.selectOption('#period', 'custom');
  await page.locator('#range-end').waitFor({ state: 'visible' });
  await page.fill('#range-start', EXPECTED.start);
  await page.fill('#range-end', EXPECTED.end);
  await page.click('#apply-range');
  await page.selectOption('#interval', '5m');
  await page.fill('[aria-label="metric of A"]', EXPECTED.metric);
  await page.press('[aria-label="metric of A"]', 'Tab');
  await page.selectOption('[aria-label="aggregate of A"]', 'avg');
  await chart.locator('table.legend tbody tr').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
  await chart.locator('.u-over').waitFor();
  await page.waitForFunction(() => document.querySelector('.chart-card[data-label="A"] .u-over')?.clientWidth > 0);

  // Sweep the cursor across the chart, reading the bucket under it, and keep the highest.
  const box = await chart.locator('.u-over').boundingBox();
  const buckets = new Map();
  const step = Math.max(2, box.width / (EXPECTED.buckets * 6));
  for (let x = 1; x < box.width; x += step) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const shown = await readout.evaluate((e) => (e.hidden ? null : { start: e.dataset.timestamp, value: Number(e.dataset.value) }));
    if (shown && !Number.isNaN(shown.value)) buckets.set(shown.start, { ...shown, x });
  }
  check(buckets.size === EXPECTED.buckets, `chart: the cursor finds ${buckets.size} buckets, the seed has ${EXPECTED.buckets}`);
  const highest = [...buckets.values()].reduce((a, b) => (b.value > a.value ? b : a));
  check(sameInstant(highest.start, spike.start) && Math.abs(highest.value - spike.value) < 1e-9,
    `chart: the spike is the bucket at ${highest.start} with avg ${highest.value} (seed: ${spike.start}, ${spike.value})`);

  // Click the spike: the Samples tab of that bucket.
  await page.mouse.move(box.x + highest.x, box.y + box.height / 2);
  await page.waitForFunction((start) => Date.parse(document.querySelector('.chart-card[data-label="A"] .chart-readout')?.dataset.timestamp) === Date.parse(start), spike.start);
  await screenshot('flow-spike.png');
  await page.mouse.click(box.x + highest.x, box.y + box.height / 2);
  const traceLinks = page.locator('.samples tbody a.trace');
  await page.locator('#samples-bucket').waitFor();
  await traceLinks.first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));

  const samplesOfTheSpike = async (where) => {
    const state = JSON.parse(new URL(page.url()).searchParams.get('state'));
    check(state.tab === 'samples' && sameInstant(state.samplesBucket.start, spike.start) && sameInstant(state.samplesBucket.end, spike.end),
      `${where}: the URL keeps the Samples tab narrowed to ${state.samplesBucket?.start} → ${state.samplesBucket?.end}`);
    const traces = (await traceLinks.evaluateAll((links) => links.map((a) => new URL(a.href).pathname.split('/')[2]))).sort();
    checkSame(traces, [...EXPECTED.spikeTraces].sort(), `${where}: the samples are the spike's ${EXPECTED.spikeTraces.length} events`);
  };
  await samplesOfTheSpike('samples after clicking the spike');
  await screenshot('flow-samples.png');
  await page.reload();
  await traceLinks.first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
  await samplesOfTheSpike('samples after a reload');

  // The same bucket on the Traces page: the query's metric as a condition, the bucket as the range.
  await page.click('#bucket-traces');
  await page.waitForURL(/\/traces\?/);
  await page.locator('tr.found-trace').first().waitFor();
  check(await page.inputValue('#search-text') === `metric:${EXPECTED.metric}`, 'traces in this bucket: the query\'s metric is the condition');
  check(sameInstant(await page.inputValue('#range-start'), spike.start) && sameInstant(await page.inputValue('#range-end'), spike.end),
    'traces in this bucket: the bucket is the range');
  checkSame(await page.locator('tr.found-trace').evaluateAll((rows) => rows.map((r) => r.dataset.trace)), [...EXPECTED.spikeTraces].reverse(),
    'traces in this bucket: the spike\'s traces, newest first');
  await page.goBack();
  await traceLinks.first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));

  // The first spike sample's trace: the waterfall lands on the sample's span; the error and logs beside it.
  await page.locator(`.samples a.trace[href^="/traces/${stored.traceId}?"]`).click();
  await page.locator('.waterfall .span-row').first().waitFor();
  checkSame(await waterfallRows(page), spanRows(stored.spans),
    `trace: the waterfall lists ${stored.spans.map((r) => r.op).join(' → ')} in the seed's order`);
  checkSame(await page.locator('.span-row.selected').evaluateAll((all) => all.map((r) => r.dataset.span)), [stored.sampleSpan],
    'trace: only the sample\'s span (checkout.process) is highlighted');
  check(await page.locator(`.span-row[data-span="${stored.errorSpan}"] .span-error`).count() === 1
    && await page.locator('.span-error').count() === 1, 'trace: the db.query span, and only it, is marked with an error');
  const error = page.locator('.errors .trace-error');
  check(await error.count() === 1, 'trace: one error beside the waterfall');
  check(await error.locator('strong').innerText() === stored.error.type && (await error.innerText()).includes(`: ${stored.error.value}`),
    `trace: the error reads ${stored.error.type}: ${stored.error.value}`);
  const { frame } = stored.error;
  const frames = await error.locator('.frames li').allInnerTexts();
  check(frames.includes(`${frame.function} (${frame.filename}:${frame.line})`),
    `trace: the error's frames include ${frame.function} (${frame.filename}:${frame.line}) among ${frames.length}`);
  const logs = await page.locator('.logs tr.log').evaluateAll((all) => all.map((r) => r.cells[2].textContent));
  checkSame(logs, stored.logs, 'trace: the logs beside it are the seed\'s, oldest first');
  // A click on the failing span details it: op, status and its duration, readable.
  await page.click(`.span-row[data-span="${stored.errorSpan}"]`);
  const detail = page.locator(`.span-detail[data-span="${stored.errorSpan}"]`);
  await detail.waitFor();
  const facts = Object.fromEntries(await detail.locator('dt').evaluateAll((all) => all.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  check(facts.op === 'db.query' && facts.status === 'deadline_exceeded' && facts.duration === '2 s',
    `trace: the clicked span's detail reads op ${facts.op}, status ${facts.status}, duration ${facts.duration}`);
  await screenshot('trace-view.png');

  // Back to the samples; the sample whose trace was not stored offers comparable traces, nearest first.
  await page.goBack();
  await page.locator(`.samples a.trace[href^="/traces/${unstored.traceId}?"]`).click();
  await page.locator('.comparable').waitFor();
  check((await page.locator('.comparable').innerText()).includes('This trace was not stored'), 'not stored: the page says so');
  check((await page.locator('.comparable .sample-event').innerText()).includes(EXPECTED.metric), 'not stored: the sample\'s own event is shown');
  const offered = page.locator('.comparable-traces tbody tr');
  await offered.first().waitFor();
  const comparable = await offered.evaluateAll((all) => all.map((r) => ({
    label: r.querySelector('.tag').textContent, traceId: new URL(r.querySelector('a').href).pathname.split('/')[2],
  })));
  checkSame(comparable.map((c) => c.traceId), unstored.comparable,
    'not stored: the comparable traces are the seed\'s with the same release, environment and transaction, nearest first');
  check(comparable.every((c) => c.label === 'comparable'), 'not stored: each is labelled "comparable"');
  await screenshot('trace-comparable.png');

  // Following the nearest opens that trace's own view.
  await offered.first().locator('a').click();
  await page.waitForURL(new RegExp(`/traces/${unstored.nearby.traceId}\\?`));
  await page.locator('.waterfall .span-row').first().waitFor();
  checkSame(await waterfallRows(page), spanRows(unstored.nearby.spans),
    `comparable trace: its own view opens with ${unstored.nearby.spans.map((r) => r.op).join(' → ')}`);
  await screenshot('trace-nearby.png');
});
