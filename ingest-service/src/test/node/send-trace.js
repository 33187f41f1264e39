// Sends one trace with the unchanged @sentry/node SDK: a root span with a child db span, a log and a handled error
// inside the child, and a metric in each span. Prints the ids (one JSON line) so the Java test can find them all
// through the trace API. Usage: node send-trace.js <dsn>
const Sentry = require('@sentry/node');

async function main() {
  const dsn = process.argv[2];
  Sentry.init({ dsn, tracesSampleRate: 1.0, release: 'trace-e2e@2.0.0', environment: 'e2e', enableLogs: true,
    traceLifecycle: process.argv[3] || 'stream' });
  const ids = {};
  Sentry.startSpan({ name: 'POST /checkout', op: 'http.server' }, (root) => {
    ids.traceId = root.spanContext().traceId;
    ids.rootSpanId = root.spanContext().spanId;
    Sentry.metrics.count('checkout.attempts', 1, { attributes: { route: '/checkout' } });
    Sentry.startSpan({ name: 'SELECT * FROM carts WHERE id = ?', op: 'db.query' }, (db) => {
      ids.dbSpanId = db.spanContext().spanId;
      Sentry.metrics.count('checkout.failed', 1, { attributes: { reason: 'cart_locked' } });
      Sentry.logger.error('cart is locked', { cart: 'c-42', attempt: 3 });
      try {
        throw new TypeError('cart c-42 is locked');
      } catch (error) {
        ids.errorEventId = Sentry.captureException(error);
      }
    });
  });
  const flushed = await Sentry.flush(10000);
  process.stdout.write(JSON.stringify({ ...ids, flushed }) + '\n');
  process.exit(flushed ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
