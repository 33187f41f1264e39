// What the alerting browser tests share: a receiver of notifications, waiting for a condition, rows of a metric
// written into ClickHouse as the ingest writer stores them, and the API called from the signed-in page.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

/** A local HTTP receiver: every POST it gets, by path, with its JSON body, in received; its base URL in url. */
export async function startReceiver() {
  const received = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ path: request.url, body: JSON.parse(body || '{}') });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${server.address().port}`,
    message: (path, matches) => received.find((m) => m.path === path && matches(m.body)),
    close: () => server.close(),
  };
}

export async function until(what, probe, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not within ${seconds} s: ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** count copies of a metric_events row (without its time), each timed now with a trace of its own. */
export async function insertNow(row, count, value = row.value) {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => JSON.stringify({
    ...row, value, timestamp: Math.floor((now - i) / 1000), timestamp_ms: now - i, received_at: Math.floor(now / 1000),
    trace_id: randomBytes(16).toString('hex'), span_id: randomBytes(8).toString('hex'),
  }));
  const response = await fetch('http://127.0.0.1:8123/', {
    method: 'POST', body: `INSERT INTO appmetrics_test.metric_events FORMAT JSONEachRow\n${rows.join('\n')}\n`,
  });
  if (!response.ok) throw new Error(`ClickHouse: ${await response.text()}`);
}

/** method path [body] through this origin's API with the page's token: {status, body}. */
export const apiCall = (page, token, method, path, body) => page.evaluate(async ([m, p, t, b]) => {
  const response = await fetch(p, {
    method: m, headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: b,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}, [method, path, token, body === undefined ? undefined : JSON.stringify(body)]);
