// Sends counters, gauges and distributions with the unchanged @sentry/node SDK inside an active span, then prints
// the span's trace and span ids (one JSON line) so the Java test can find the events in ClickHouse.
// Usage: node send-metrics.js <dsn>
const Sentry = require('@sentry/node');

async function main() {
  const dsn = process.argv[2];
  Sentry.init({ dsn, tracesSampleRate: 1.0, release: 'e2e@1.0.0', environment: 'e2e' });
  let ids;
  Sentry.startSpan({ name: 'checkout', op: 'test' }, (span) => {
    const context = span.spanContext();
    ids = { traceId: context.traceId, spanId: context.spanId };
    Sentry.metrics.count('e2e.requests', 3, { attributes: { route: '/checkout', attempt: 2 } });
    Sentry.metrics.gauge('e2e.queue.depth', 42.5, { unit: 'item', attributes: { queue: 'payments' } });
    Sentry.metrics.distribution('e2e.latency', 12.25, { unit: 'millisecond', attributes: { ok: true, ratio: 0.75 } });
  });
  const flushed = await Sentry.flush(10000);
  process.stdout.write(JSON.stringify({ ...ids, flushed }) + '\n');
  process.exit(flushed ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
