// What the browser tests share: their environment, checks that print what they proved, and one run of headless
// Chromium (Debian's, driven by playwright-core) that signs in with the organization's token, takes a screenshot
// when a step fails, and ends the Node process with "E2E OK" or "E2E FAILED" for the Java test to read.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

// How the UI shows a plain number, written here independently of its code: two decimals from 1 up (thousands
// grouped), three significant digits below 1.
export const format = (v) => (Math.abs(v) >= 1 || v === 0
  ? v.toLocaleString('en-US', { maximumFractionDigits: 2 })
  : v.toLocaleString('en-US', { maximumSignificantDigits: 3 }));

export function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}

/**
 * Signs in at BASE_URL with TOKEN, then runs steps(page, screenshot); screenshots land in the folder OUT. A
 * timezoneId runs the browser in that time zone (the machine's otherwise).
 */
export async function inChromium(steps, { timezoneId } = {}) {
  const baseUrl = env('BASE_URL');
  const out = env('OUT');
  mkdirSync(out, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'appmetrics-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
    ...(timezoneId ? { timezoneId } : {}),
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  const screenshot = (name) => page.screenshot({ path: join(out, name), fullPage: true });
  let failed = false;
  try {
    await page.goto(`${baseUrl}/sign-in`);
    await page.fill('#token', env('TOKEN'));
    await page.click('form.sign-in button[type=submit]');
    await page.waitForURL(/\/explorer/);
    await steps(page, screenshot);
    console.log('E2E OK');
  } catch (e) {
    failed = true;
    console.log(`E2E FAILED: ${e.stack ?? e}`);
    await screenshot('failure.png').catch(() => {});
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}
