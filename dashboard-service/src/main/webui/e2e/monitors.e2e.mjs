// Issue 16's on-call walk in real headless Chromium: channels to a receiver this script runs, a query built in the
// Explorer saved as a monitor, the monitor in the list, a spike, the issue in the Issues page and the Slack and
// PagerDuty messages at the receiver, mute, resolve (the resolve still paged), disable, delete, and the issue's
// history found again afterwards.
// Run by MonitorsEndToEndTest, which starts monitor-service and query-service; env: BASE_URL, TOKEN, PROJECT, METRIC,
// EVENT_ROW (a metric_events row of the test's organization, project and metric, without its time), OUT.
import { apiCall, insertNow, startReceiver, until } from './alerting.mjs';
import { check, env, inChromium } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const TOKEN = env('TOKEN');
const PROJECT = env('PROJECT');
const METRIC = env('METRIC');
const EVENT_ROW = JSON.parse(env('EVENT_ROW'));
const suffix = Math.random().toString(36).slice(2, 8);
const SLACK = `slack ${suffix}`;
const PAGER = `pager ${suffix}`;

const receiver = await startReceiver();
const RECEIVER = receiver.url;
const message = receiver.message;

/** Failed requests of the metric, timed now. */
const spike = () => insertNow(EVENT_ROW, 20);

const api = async (page, path) => {
  const answer = await apiCall(page, TOKEN, 'GET', path);
  return { status: answer.status, body: answer.status === 200 ? answer.body : null };
};

await inChromium(async (page, screenshot) => {
  page.on('dialog', (dialog) => dialog.accept());

  // Channels: a Slack and a PagerDuty channel to the receiver; a test reaches it and shows among the deliveries.
  await page.goto(`${BASE_URL}/monitors/channels`);
  for (const [name, type, fields] of [[SLACK, 'slack', { url: `${RECEIVER}/slack` }],
    [PAGER, 'pagerduty', { routingKey: `rk-${suffix}`, url: `${RECEIVER}/pagerduty` }]]) {
    await page.fill('#channel-name', name);
    await page.selectOption('#channel-type', type);
    for (const [field, value] of Object.entries(fields)) await page.fill(`.channel-form input[name=${field}]`, value);
    await page.click('.channel-form button[type=submit]');
    await page.locator(`.channel[data-name="${name}"]`).waitFor();
  }
  const slackCard = page.locator(`.channel[data-name="${SLACK}"]`);
  await slackCard.locator('.test-channel').click();
  await until('the test notification at the receiver', () => message('/slack', () => true));
  check(true, 'Channels: a Slack channel made in the UI delivers its test notification to the receiver');
  await until('the test delivery listed as delivered', async () => {
    await slackCard.locator('.show-deliveries').click();
    return slackCard.locator('tr.delivery[data-event="test"][data-status="delivered"]').count();
  }, 30);
  check(true, 'Channels: the test delivery is listed as delivered');

  // The Explorer: error rate f1 = A / B of the metric, in 10 s buckets.
  await page.goto(`${BASE_URL}/explorer`);
  await page.fill('#projects', PROJECT);
  await page.press('#projects', 'Tab');
  await page.selectOption('#period', '15m');
  await page.selectOption('#interval', '10s');
  for (const [label, filter] of [['A', 'ok:false'], ['B', '']]) {
    if (label !== 'A') await page.click('#add-metric');
    await page.fill(`[aria-label="metric of ${label}"]`, METRIC);
    await page.press(`[aria-label="metric of ${label}"]`, 'Tab');
    await page.selectOption(`[aria-label="aggregate of ${label}"]`, 'count');
    if (filter) {
      await page.fill(`[aria-label="filter of ${label}"]`, filter);
      await page.press(`[aria-label="filter of ${label}"]`, 'Escape');
      await page.locator('.toolbar h2').click();
    }
  }
  await page.click('#add-equation');
  await page.fill('[aria-label="expression of f1"]', 'A / B');
  await page.locator('.toolbar h2').click();
  await page.locator('.chart-card[data-label="f1"]').waitFor();

  // Save As → Monitor: named after the watched series, both channels picked.
  await page.selectOption('#save-as', 'monitor');
  await page.waitForURL(/\/monitors\/new/);
  const name = await page.inputValue('input[name=name]');
  check(name === 'f1 = A / B', `monitor form: named after the watched series f1, "${name}"`);
  await page.fill('input[name=window]', '30s');
  await page.fill('input[name=every]', '10s');
  await page.fill('input[name=delay]', '0s');
  await page.fill('input[name=critical]', '0.5');
  for (const channel of [SLACK, PAGER]) await page.locator('.channel-picker label', { hasText: channel }).locator('input').check();
  await page.click('.monitor-form button[type=submit]');
  await page.waitForURL(/\/monitors\/\d+$/);
  const monitorId = Number(new URL(page.url()).pathname.split('/').pop());
  check(monitorId > 0, `created monitor ${monitorId}; its page shows the watched series`);
  await page.locator('.watched-chart').waitFor();

  // The Monitors list shows it with its channels.
  await page.goto(`${BASE_URL}/monitors`);
  const row = page.locator(`tr.monitor-row[data-id="${monitorId}"]`);
  await row.waitFor();
  check((await row.locator('td').first().innerText()).includes(name), 'Monitors: the monitor is listed by its name');
  const channels = await row.locator('.channels').innerText();
  check(channels.includes(SLACK) && channels.includes(PAGER), `Monitors: its channels are listed (${channels})`);

  // A spike of failed requests until the issue fires; the Issues page shows it.
  let spiking = true;
  const spikes = (async () => { while (spiking) { await spike(); await new Promise((r) => setTimeout(r, 2000)); } })();
  const issueRow = await until('a firing issue of the monitor in the Issues page', async () => {
    await page.goto(`${BASE_URL}/monitors/issues?status=firing`);
    await page.locator('.issues, .hint').first().waitFor();
    const candidate = page.locator(`tr.issue-row[data-monitor="${monitorId}"]`);
    return (await candidate.count()) ? candidate.first() : null;
  }, 120);
  const issueId = Number(await issueRow.getAttribute('data-id'));
  check(true, `Issues: issue ${issueId} of the monitor is listed as firing`);
  const slack = await until('the Slack trigger at the receiver', () => message('/slack',
    (b) => Array.isArray(b.blocks) && JSON.stringify(b.blocks[0]).includes('Firing') && JSON.stringify(b.blocks[0]).includes(name)));
  check(typeof slack.body.text === 'string', `receiver: Slack message "${JSON.stringify(slack.body.blocks[0].text?.text ?? slack.body.blocks[0])}"`);
  const trigger = await until('the PagerDuty trigger at the receiver', () => message('/pagerduty', (b) => b.event_action === 'trigger'));
  check(Boolean(trigger.body.dedup_key), `receiver: PagerDuty trigger with dedup_key ${trigger.body.dedup_key}`);

  // The issue's page: mute, then resolve by hand.
  await issueRow.locator('a').click();
  await page.waitForURL(new RegExp(`/monitors/issues/${issueId}$`));
  await page.locator('#issue-mute').click();
  await page.locator('.flags', { hasText: 'muted' }).waitFor();
  check(true, 'Issue: muted');
  await screenshot('monitor-issue.png');
  spiking = false;
  await spikes;
  await page.locator('#issue-resolve').click();
  await page.locator('.issue-status', { hasText: 'RESOLVED' }).waitFor();
  const history = await page.locator('table.history tbody tr').count();
  check(history >= 2, `Issue: resolved, with ${history} history entries`);
  const actors = await page.locator('table.history td.actor').allInnerTexts();
  check(actors[0] === 'evaluation' && actors.slice(1).every((a) => /^token:\d+ \(.+\)$/.test(a)),
    `Issue: the history says who acted, the token by id and name (${actors.join(', ')})`);
  // Muted, but it was paged: the resolve still goes out, with the trigger's dedup_key.
  const resolved = await until('the PagerDuty resolve', () => message('/pagerduty', (b) => b.event_action === 'resolve'), 30);
  check(resolved.body.dedup_key === trigger.body.dedup_key, 'receiver: PagerDuty resolve with the trigger\'s dedup_key');

  // Disable in the list, then delete on the monitor's page.
  await page.goto(`${BASE_URL}/monitors`);
  await row.locator('input.enabled').uncheck();
  await row.locator('.state', { hasText: 'DISABLED' }).waitFor();
  check(true, 'Monitors: disabled from the list');
  await page.goto(`${BASE_URL}/monitors/${monitorId}`);
  await page.locator('#delete-monitor').click();
  await page.waitForURL(/\/monitors$/);
  await page.locator('.monitors, .hint').first().waitFor();
  check(await page.locator(`tr.monitor-row[data-id="${monitorId}"]`).count() === 0, 'Monitors: deleted, no longer listed');

  // Deleting the monitor kept its issue's history.
  const after = await api(page, `/api/v1/issues/${issueId}`);
  check(after.status === 200, `Issue after deletion: the API still answers it (${after.status})`);
  await page.goto(`${BASE_URL}/monitors/issues/${issueId}`);
  await page.locator('table.history tbody tr').first().waitFor();
  const kept = await page.locator('table.history tbody tr').count();
  check(kept === after.body.history.length && kept >= history, `Issue after deletion: its ${kept} history entries are still shown`);
  await screenshot('monitor-deleted.png');
  receiver.close();
});
