// Issue 19's silences in real headless Chromium: a per-group silence made in the UI (a refused match shown at its
// field first) holds the eu group's trigger while us's reaches the receiver this script runs, and the silence's page
// lists what it held as the API does; "Silence this group" on the us issue pre-fills the form, saved as a weekly
// maintenance window from a preset; the list ends one silence and deletes the other.
// Run by SilencesEndToEndTest, which starts monitor-service and query-service; env: BASE_URL, TOKEN, PROJECT, METRIC,
// EU_ROW and US_ROW (metric_events rows of the metric in each region, without their time), OUT.
import { apiCall, insertNow, startReceiver, until } from './alerting.mjs';
import { check, env, inChromium } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const TOKEN = env('TOKEN');
const PROJECT = Number(env('PROJECT'));
const METRIC = env('METRIC');
const ROWS = { eu: JSON.parse(env('EU_ROW')), us: JSON.parse(env('US_ROW')) };
const NAME = `latency by region ${Math.random().toString(36).slice(2, 8)}`;

const receiver = await startReceiver();
/** The Slack triggers the receiver got, as the group each names ("region=eu"). */
const triggeredGroups = () => receiver.received.filter((m) => m.path === '/slack' && JSON.stringify(m.body.blocks?.[0] ?? '').includes('Firing'))
  .map((m) => m.body.blocks.flatMap((b) => b.fields ?? []).find((f) => f.text.startsWith('*Group*'))?.text.split('\n')[1]);

await inChromium(async (page, screenshot) => {
  page.on('dialog', (dialog) => dialog.accept());
  const api = (method, path, body) => apiCall(page, TOKEN, method, path, body);

  // A Slack channel to the receiver and a monitor of the largest value per region over 30 s, critical above 1000.
  const channel = await api('POST', '/api/v1/channels', { name: `slack ${NAME}`, type: 'slack', config: { url: `${receiver.url}/slack` } });
  check(channel.status === 201, `channel made (${channel.status})`);
  const monitor = await until('the monitor saved (query-service may not know the project yet)', async () => {
    const answer = await api('POST', '/api/v1/monitors', {
      name: NAME, query: { projects: [PROJECT], interval: '10s', window: '30s',
        queries: [{ label: 'A', metric: METRIC, aggregate: 'max', groupBy: ['region'] }] },
      detection: { type: 'threshold', direction: 'above', critical: 1000 },
      evaluation: { every: '10s', delay: '0s', reduce: 'max' }, noData: 'ok', channels: [channel.body.id] });
    if (answer.status !== 201 && answer.status !== 503) throw new Error(`monitor refused: ${JSON.stringify(answer)}`);
    return answer.status === 201 ? answer.body : null;
  }, 60);

  // The silence form: a match without a value is refused by monitor-service and shown at the match field.
  await page.goto(`${BASE_URL}/monitors/silences`);
  await page.click('#new-silence');
  await page.waitForURL(/\/monitors\/silences\/new$/);
  await page.fill('input[name=comment]', 'eu deploy');
  await page.locator('.monitor-picker label', { hasText: NAME }).locator('input').check();
  await page.fill('input[name=match]', 'region');
  await page.click('.silence-form button[type=submit]');
  const matchError = await page.locator('.field-error[data-field=match]:not(:empty)').innerText();
  check(/attribute:value/.test(matchError), `form: monitor-service's refusal shown at the match field ("${matchError}")`);
  await page.fill('input[name=match]', 'region:eu');
  await page.click('.silence-form button[type=submit]');
  await page.waitForURL(/\/monitors\/silences\/\d+$/);
  const silenceId = Number(new URL(page.url()).pathname.split('/').pop());
  const saved = (await api('GET', `/api/v1/silences/${silenceId}`)).body;
  check(saved.activeNow && saved.match === 'region:eu' && saved.monitors.join() === String(monitor.id)
    && Date.parse(saved.endsAt) > Date.now() + 3_500_000, `silence ${silenceId} saved: ${JSON.stringify(saved)}`);

  // A spike in both regions until each has an issue firing.
  let spiking = true;
  const spikes = (async () => {
    while (spiking) {
      await insertNow(ROWS.eu, 5, 5000);
      await insertNow(ROWS.us, 5, 5000);
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  const firing = await until('both groups firing', async () => {
    const issues = (await api('GET', `/api/v1/issues?monitor=${monitor.id}&status=firing`)).body.items;
    return issues.length === 2 ? Object.fromEntries(issues.map((i) => [i.group.region, i])) : null;
  }, 120);
  const held = await until('the eu trigger held', async () => {
    const list = (await api('GET', `/api/v1/silences/${silenceId}/held`)).body;
    return list.length ? list : null;
  }, 60);
  spiking = false;
  await spikes;
  await until('the us trigger at the receiver', () => triggeredGroups().includes('region=us'), 60);
  // Everything written for the channel before this test notification is published before it (one partition per channel).
  check((await api('POST', `/api/v1/channels/${channel.body.id}/test`)).status === 202, 'test notification sent');
  await until('the test notification at the receiver', () => receiver.received.some((m) => m.path === '/slack'
    && JSON.stringify(m.body).includes('test notification')), 30);
  check(triggeredGroups().join() === 'region=us', `receiver: only us's trigger arrived (${triggeredGroups().join('; ')})`);
  check(held.length === 1 && held[0].issueId === firing.eu.id && held[0].group === '{"region":"eu"}' && held[0].event === 'trigger',
    `API: the silence held eu's trigger, issue ${firing.eu.id}: ${JSON.stringify(held)}`);

  // The us trigger's 3 trace links open: the trace view (its path under this UI: monitor-service's public-url is
  // another address here) and the trace API, each answering with the trace of a us event of the spike.
  const usTrigger = receiver.received.find((m) => m.path === '/slack' && JSON.stringify(m.body.blocks).includes('region=us'));
  const evidence = usTrigger.body.blocks.map((b) => b.text?.text ?? '').join('\n');
  const views = [...evidence.matchAll(/<(https?:\/\/[^/|>]+)(\/traces\/([0-9a-f]{32})[^|>]*)\|trace/g)];
  const apis = [...evidence.matchAll(/<https?:\/\/[^/|>]+(\/api\/v1\/traces\/[^|>]*)\|API>/g)].map((m) => m[1]);
  check(views.length === 3 && apis.length === 3, `the us trigger links 3 traces: ${views.map((v) => v[3]).join(', ')}`);
  for (const [i, [, , path, traceId]] of views.entries()) {
    const opened = await page.goto(`${BASE_URL}${path.replaceAll('&amp;', '&')}`);
    await page.locator('.page.trace h2', { hasText: traceId }).waitFor();
    const trace = await api('GET', apis[i].replaceAll('&amp;', '&'));
    check(opened.status() === 200 && trace.status === 200 && trace.body.traceId === traceId
      && trace.body.metrics.some((m) => m.value === 5000 && m.attributes?.region === 'us'),
    `trace ${traceId}: the view answers ${opened.status()}, the API ${trace.status} with the us event of 5 s`);
  }

  // The silence's page lists the held trigger as the API does.
  await page.goto(`${BASE_URL}/monitors/silences/${silenceId}`);
  const row = page.locator('tr.held-row');
  await row.first().waitFor();
  check(await row.count() === held.length && await row.first().getAttribute('data-issue') === String(firing.eu.id)
    && (await row.first().innerText()).includes('{"region":"eu"}') && (await row.first().innerText()).includes('trigger'),
  `UI: the silence's page lists the held trigger of issue ${firing.eu.id} and group eu`);
  await screenshot('silence-held.png');

  // "Silence this group" on the us issue: the form comes with the monitor and the group's match.
  await page.goto(`${BASE_URL}/monitors/issues/${firing.us.id}`);
  await page.click('#silence-group');
  await page.waitForURL(/\/monitors\/silences\/new\?/);
  check(await page.inputValue('input[name=match]') === 'region:us'
    && await page.locator(`input[name=monitor][value="${monitor.id}"]`).isChecked(), 'form: pre-filled with the monitor and region:us');
  await page.locator('input[name=kind][value=window]').check();
  await page.selectOption('#silence-preset', { label: 'weekly, Sunday 02:00–04:00 Europe/Berlin' });
  await page.click('.silence-form button[type=submit]');
  await page.waitForURL(/\/monitors\/silences\/\d+$/);
  const windowId = Number(new URL(page.url()).pathname.split('/').pop());
  const window = (await api('GET', `/api/v1/silences/${windowId}`)).body;
  check(window.recurrence.rrule === 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0' && window.recurrence.timeZone === 'Europe/Berlin'
    && window.recurrence.duration === '2h' && window.match === 'region:us' && window.endsAt === null,
  `maintenance window saved, without an expiry: ${JSON.stringify(window)}`);

  // The list: the window in words, the held count; end the first silence, delete the window.
  await page.goto(`${BASE_URL}/monitors/silences`);
  const first = page.locator(`tr.silence-row[data-id="${silenceId}"]`);
  const second = page.locator(`tr.silence-row[data-id="${windowId}"]`);
  await first.waitFor();
  check(await first.getAttribute('data-state') === 'active' && await first.locator('.held-count').innerText() === '1'
    && (await first.locator('.scope').innerText()).includes(NAME), 'list: the group silence active, covering the monitor, 1 held');
  const words = await second.locator('.when').innerText();
  check(words.startsWith('weekly on Sunday, 02:00–04:00 Europe/Berlin'), `list: the window in words ("${words}")`);
  await screenshot('silence-list.png');
  await first.locator('.end-silence').click();
  await page.locator(`tr.silence-row[data-id="${silenceId}"][data-state="expired"]`).waitFor();
  const ended = (await api('GET', `/api/v1/silences/${silenceId}`)).body;
  check(!ended.activeNow && Date.parse(ended.endsAt) <= Date.now() && ended.held === 1, 'list: ended, its held notification kept');
  await second.locator('.delete-silence').click();
  await page.locator(`tr.silence-row[data-id="${windowId}"]`).waitFor({ state: 'detached' });
  check((await api('GET', `/api/v1/silences/${windowId}`)).status === 404, 'list: the window deleted (404)');
  receiver.close();
});
