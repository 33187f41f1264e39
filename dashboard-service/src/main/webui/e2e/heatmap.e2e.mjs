// End-to-end test of the Explorer's distribution heatmap and the dashboards' big number, in headless Chromium.
// Each drawn cell must carry the heatmap API's count and the count the seed implies; clicking a cell must list
// exactly the seeded events of its time bucket and value range; a big-number widget must show the equation's value
// over the whole range and its change from the previous period. Run by HeatmapEndToEndTest; env: BASE_URL, TOKEN,
// PROJECT, METRIC, START, END, EVENTS (JSON [{millis, value, rate}] of the range), EXPECTED_TOTAL,
// EXPECTED_PREVIOUS, OUT (screenshot folder).
import { check, env, inChromium } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const TOKEN = env('TOKEN');
const PROJECT = Number(env('PROJECT'));
const METRIC = env('METRIC');
const START = env('START');
const END = env('END');
const EVENTS = JSON.parse(env('EVENTS'));
const EXPECTED_TOTAL = Number(env('EXPECTED_TOTAL'));
const EXPECTED_PREVIOUS = Number(env('EXPECTED_PREVIOUS'));
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

async function post(path, body) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

await inChromium(async (page, screenshot) => {
  const state = {
    projects: [PROJECT], start: START, end: END, interval: '10m', compare: false, tab: 'heatmap', samplesSort: '-timestamp',
    queries: [{ label: 'A', metric: METRIC, aggregate: 'count', filter: 'route:/check*', groupBy: [] }], equations: [],
  };
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE_URL}/explorer?state=${encodeURIComponent(JSON.stringify(state))}`);
  const cells = page.locator('.heatmap-card[data-label="A"] rect.cell');
  await cells.first().waitFor();
  const drawn = await cells.evaluateAll((rects) => rects.map((r) => ({
    time: Number(r.dataset.time), bucket: Number(r.dataset.bucket), count: Number(r.dataset.count),
  })));

  // The API's answer to the same question, and the seed's: each event in [edge i, edge i + 1) of its 10-minute bucket.
  const api = await post('/api/v1/query/heatmap', {
    projects: [PROJECT], start: START, end: END, interval: '10m', query: { metric: METRIC, filter: 'route:/check*' },
  });
  const apiCells = api.series[0].cells;
  const key = (c) => `${c.time}/${c.bucket}`;
  const fromSeed = new Map();
  for (const e of EVENTS) {
    const bucket = api.edges.findIndex((edge, i) => i + 1 < api.edges.length && e.value >= edge && e.value < api.edges[i + 1]);
    if (bucket < 0) continue;
    const time = Math.floor((e.millis - Date.parse(api.start)) / (api.intervalSeconds * 1000));
    fromSeed.set(`${time}/${bucket}`, (fromSeed.get(`${time}/${bucket}`) ?? 0) + 1 / e.rate);
  }
  const positive = EVENTS.filter((e) => e.value > 0).map((e) => e.value);
  check(api.edges[0] <= Math.min(...positive) && api.edges[api.edges.length - 1] > Math.max(...positive),
    `the value buckets ${api.edges[0]} … ${api.edges[api.edges.length - 1]} cover the seeded values`);
  check(drawn.length === apiCells.length && drawn.length === fromSeed.size,
    `the heatmap draws ${drawn.length} cells: as many as the API's (${apiCells.length}) and the seed's (${fromSeed.size})`);
  for (const cell of drawn) {
    const fromApi = apiCells.find((c) => key(c) === key(cell));
    check(fromApi && close(cell.count, fromApi.count) && close(cell.count, fromSeed.get(key(cell))),
      `cell ${key(cell)} shows ${cell.count} events (API ${fromApi?.count}, seed ${fromSeed.get(key(cell))})`);
  }
  const outside = EVENTS.filter((e) => e.value <= 0).reduce((sum, e) => sum + 1 / e.rate, 0);
  check(close(api.series[0].outside, outside), `the ${outside} weighted events at 0 are counted outside the value axis`);

  // Click the fullest cell that holds several events: its samples are exactly the seeded events of the cell.
  const picked = [...drawn].sort((a, b) => b.count - a.count || a.time - b.time)[0];
  await page.click(`.heatmap-card[data-label="A"] rect.cell[data-time="${picked.time}"][data-bucket="${picked.bucket}"]`);
  await page.locator('#samples-values').waitFor();
  const from = api.edges[picked.bucket];
  const to = api.edges[picked.bucket + 1];
  const bucketStart = api.timestamps[picked.time];
  const bucketEnd = bucketStart + api.intervalSeconds * 1000;
  const rows = page.locator('.samples table.grid tbody tr');
  await rows.first().waitFor();
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({
    millis: Date.parse(tr.children[0].textContent), value: Number(tr.querySelector('td.num').dataset.value),
  })));
  const expected = EVENTS.filter((e) => e.millis >= bucketStart && e.millis < bucketEnd && e.value >= from && e.value < to);
  const sorted = (list) => list.map((e) => `${e.millis}:${e.value}`).sort();
  check(JSON.stringify(sorted(shown)) === JSON.stringify(sorted(expected)),
    `the cell's samples are exactly its ${expected.length} seeded events (values ${from} to ${to}, from ${new Date(bucketStart).toISOString()})`);
  check(await page.locator('.heatmap-card[data-label="A"] rect.cell.selected').count() === 1,
    'above the samples, the heatmap marks the picked cell');
  // The pointer left over the redrawn heatmap would outline a second cell in the pictures.
  await page.mouse.move(0, 0);
  await screenshot('heatmap-1280.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(200);
  await screenshot('heatmap-1920.png');

  // A big number of an equation: the share of events under 100 ms over the whole range, not of its last bucket.
  const widget = {
    id: 'share', title: 'Under 100 ms', display: 'big_number', series: 'f1', interval: '10m',
    queries: [{ label: 'A', metric: METRIC, aggregate: 'count', filter: 'value:<100' }, { label: 'B', metric: METRIC, aggregate: 'count' }],
    equations: [{ label: 'f1', expression: 'A / B' }], layout: { x: 0, y: 0, w: 4, h: 2 },
  };
  const board = await post('/api/v1/dashboards', {
    name: `Heatmap board ${Math.random().toString(36).slice(2, 8)}`, spec: { projects: [PROJECT], start: START, end: END, widgets: [widget] },
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE_URL}/dashboards/${board.id}`);
  const big = page.locator('.widget[data-widget="share"] .big-number');
  await big.locator('.big-change').waitFor();
  const value = Number(await big.getAttribute('data-value'));
  const change = Number(await big.locator('.big-change').getAttribute('data-change'));
  const expectedChange = ((EXPECTED_TOTAL - EXPECTED_PREVIOUS) / EXPECTED_PREVIOUS) * 100;
  check(close(value, EXPECTED_TOTAL), `the big number is the range's share ${EXPECTED_TOTAL}: ${value}, shown as "${await big.locator('.big-value').innerText()}"`);
  check(close(change, expectedChange), `its change from the previous period is ${expectedChange}%: ${change}, shown as "${await big.locator('.big-change').innerText()}"`);
  await screenshot('big-number.png');
});
