// Large pastes: inspected in a Web Worker running the app's own wasm (www/src/offload.rs,
// worker.rs, worker.js), so the page keeps drawing frames; the paste box shows only the
// beginning of a very large paste (www/src/paste.rs). Nothing here is judged on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, pasteText, ORIGIN } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
});
after(async () => { await browser?.close(); });

const pair = 'Note=lorem+ipsum+dolor+sit+amet&';
const body = (bytes) => 'MessageSid=SM0123456789abcdef0123456789abcdef&' + pair.repeat(Math.floor(bytes / pair.length));
const fieldsOf = (bytes) => 1 + Math.floor(bytes / pair.length);

test('a 5 MB paste is inspected off the main thread: progress at once, frames keep coming, every field counted', async () => {
  const { page, errors, requests } = await openApp(browser.context);
  const atLoad = requests.length;
  const bytes = 5 * 1024 * 1024;
  const seen = await page.evaluate(async (text) => {
    const area = document.querySelector('[data-testid=input]');
    let progress = null;
    let framesWhilePending = 0;
    const frame = () => {
      if (document.querySelector('[data-testid=inspect-progress]')) framesWhilePending++;
      if (!done()) requestAnimationFrame(frame);
    };
    // Done once the progress line has come and gone (the example shown before has rows too).
    const done = () => progress !== null && !document.querySelector('[data-testid=inspect-progress]');
    const observer = new MutationObserver(() => {
      progress ||= document.querySelector('[data-testid=inspect-progress]')?.textContent || null;
    });
    observer.observe(document.body, { childList: true, subtree: true });
    area.focus();
    area.select();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    requestAnimationFrame(frame);
    await new Promise((resolve) => {
      const poll = () => (done() ? resolve() : setTimeout(poll, 20));
      poll();
    });
    observer.disconnect();
    return { progress, framesWhilePending };
  }, body(bytes));
  assert.match(seen.progress ?? '', /Inspecting 5\.0 MB in the background/);
  // The page drew frames while the worker inspected (a main-thread inspection draws none).
  assert.ok(seen.framesWhilePending >= 2, `frames while pending: ${seen.framesWhilePending}`);
  assert.equal(await page.locator('[data-testid=inspect-progress]').count(), 0);
  assert.equal(await page.locator('[data-testid=inspect-fallback]').count(), 0);
  assert.equal(Number(await page.textContent('[data-testid=field-count]')), fieldsOf(bytes));
  assert.equal(await page.locator('[data-testid=field-row]').count(), 500);
  assert.equal(await page.textContent('[data-testid=kind-id]').then((t) => t.trim()), 'messaging-request');
  // The box holds the beginning only, read-only, and says so.
  const area = page.locator('[data-testid=input]');
  assert.ok((await area.inputValue()).length < 70 * 1024);
  assert.equal(await area.getAttribute('readonly'), 'readonly');
  assert.match(await page.textContent('[data-testid=input-cut]'), /5\.0 MB pasted/);
  assert.deepEqual(errors, []);
  // The worker was started and its glue loaded at start-up: nothing is fetched after load.
  assert.deepEqual(requests.slice(atLoad), []);
  await page.close();
});

test('a paste over one still being inspected wins: the older answer never shows', async () => {
  const { page } = await openApp(browser.context);
  await pasteText(page, body(5 * 1024 * 1024));
  await page.waitForSelector('[data-testid=inspect-progress]');
  // A paste into the cut box replaces the whole input.
  await pasteText(page, 'From=%2B14155550100&To=%2B14155550199&Body=hi');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=field-row]').length === 3);
  assert.equal(await page.locator('[data-testid=input-cut]').count(), 0);
  assert.equal(await page.inputValue('[data-testid=input]'), 'From=%2B14155550100&To=%2B14155550199&Body=hi');
  // Long enough for the abandoned 5 MB job to have finished, had it kept running.
  await page.waitForTimeout(4000);
  assert.equal(await page.locator('[data-testid=field-row]').count(), 3);
  assert.equal(await page.locator('[data-testid=inspect-progress]').count(), 0);
  await page.close();
});

test('Copy JSON of a report from the worker holds every field, not only the 500 drawn', async () => {
  const { page } = await openApp(browser.context);
  const bytes = 300 * 1024; // over the worker's threshold, under the cut box's
  // Pasted through the box as usual (the app leaves pastes of this size to the browser).
  await page.fill('[data-testid=input]', body(bytes));
  await page.waitForSelector('[data-testid=fields-truncated]', { timeout: 20000 });
  assert.equal(await page.locator('[data-testid=input-cut]').count(), 0);
  assert.equal((await page.inputValue('[data-testid=input]')).length, body(bytes).length);
  await page.click('[data-testid=copy-json]');
  await page.waitForFunction(() => /copied/i.test(document.body.textContent));
  const report = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(report.fields.length, fieldsOf(bytes));
  assert.equal(report.fields.at(-1).name, 'Note');
  await page.close();
});
