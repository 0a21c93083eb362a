// Shared helpers for the web app's end-to-end tests (node:test + playwright-core driving the
// Debian chromium). scripts/e2e.sh serves dist/ and sets E2E_BASE_URL.
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL || 'http://127.0.0.1:8080/';
export const ORIGIN = new URL(BASE).origin;
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const DEMO_TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A fresh browser with a throw-away profile. Call `close()` when done. */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'twi-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app in a new page of `context` and waits until it has rendered a report.
 * Records every request, console message and page error.
 */
export async function openApp(context, hash = '') {
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS) || 10000);
  const requests = [];
  const consoleMessages = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(BASE + hash);
  await waitReady(page);
  return { page, requests, consoleMessages, errors };
}

/** Waits for boot.js to finish (and lock the CSP down) and the page (report, timeline, comparison…) to render. */
export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  await page.waitForSelector('[data-testid=report], [data-testid=timeline], [data-testid=compare], .catalog-page, .gallery-page', { timeout: 20000 });
}

/** Replaces the paste area's text (fires `input` like typing would). */
export async function setInput(page, text) {
  await page.fill('[data-testid=input]', text);
}

/** The detected kind id shown in the summary. */
export async function kindId(page) {
  return (await page.textContent('[data-testid=kind-id]')).trim();
}

/** The detected format id. */
export async function formatId(page) {
  return page.getAttribute('[data-testid=format-id]', 'data-format');
}

/** name → decoded value text, for every field row, in order. */
export async function fields(page) {
  return page.$$eval('[data-testid=field-row]', (rows) =>
    rows.map((r) => [r.dataset.name, (r.querySelector('.c-value .v, .c-value .empty')?.textContent ?? '').trim()]));
}

/** The value shown for field `name` (first occurrence). */
export async function fieldValue(page, name) {
  const all = await fields(page);
  const hit = all.find(([n]) => n === name);
  return hit ? hit[1] : undefined;
}

/** Loads a gallery example through the Examples page. */
export async function loadExample(page, id) {
  await page.click('a.nav-link[href="#examples"]');
  await page.waitForSelector(`[data-example="${id}"]`);
  await page.click(`[data-example="${id}"] .ex-open`);
  await page.waitForSelector('[data-testid=report]');
}

/** Saves a screenshot to tests/e2e/screenshots/NAME.png. */
export async function shot(page, name, options = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
export function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Pastes `text` into the paste area as a user would: a `paste` event carrying the clipboard's
 *  text, over the whole current input (the app takes a large paste from the event itself). */
export async function pasteText(page, text) {
  await page.evaluate((t) => {
    const area = document.querySelector('[data-testid=input]');
    area.focus();
    area.select();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
