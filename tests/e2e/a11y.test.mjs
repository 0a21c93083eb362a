// Accessibility: axe-core (from npm) runs inside headless Chromium over every page of the
// app and the embeds, and fails on serious or critical violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, openApp, pasteText, BASE } from './helpers.mjs';

const LOG = readFileSync(new URL('./fixtures/timeline.log', import.meta.url), 'utf8');

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Serious and critical violations on the page, as "rule: target" lines. */
async function violations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  const result = await page.evaluate(`${AXE};
    axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => v.id + ' (' + v.impact + '): ' + n.target.join(' '))))`);
  return result;
}

for (const [name, hash] of [
  ['the inspector', ''],
  ['the inspector with a signed example', '#example=sms-signed'],
  ['the catalog', '#catalog'],
  ['the examples gallery', '#examples'],
  ['light theme', '#theme=light'],
  ['dark theme', '#theme=dark'],
]) {
  test(`no serious or critical accessibility violation: ${name}`, async () => {
    const { page } = await openApp(browser.context, hash);
    const found = await violations(page);
    assert.deepEqual(found, [], found.join('\n'));
    await page.close();
  });
}

// The Response panel (numbered body, markers, explanations, URLs, connection overrides), in
// the system's light and dark schemes: axe checks the colour contrast of each.
for (const scheme of ['light', 'dark']) {
  test(`no serious or critical accessibility violation: the response panel, ${scheme}`, async () => {
    const b = await launch({ colorScheme: scheme });
    try {
      const { page } = await openApp(b.context, '#example=response-12200');
      await page.fill('[data-testid=url]', 'https://hooks.example.com/voice/incoming#ct=20000&rc=2');
      await page.waitForSelector('[data-testid=response] [data-testid=connection-overrides]');
      assert.equal(await page.locator('[data-testid=response-marker]').count(), 3);
      const found = await violations(page);
      assert.deepEqual(found, [], found.join('\n'));
      await page.close();
    } finally {
      await b.close();
    }
  });
}

test('no serious or critical accessibility violation: an embed showing an answer, dark', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('embed.html#example=response-json&theme=dark', BASE).href);
  await page.waitForSelector('[data-testid=embed] [data-testid=response]', { timeout: 20000 });
  const found = await violations(page);
  assert.deepEqual(found, [], found.join('\n'));
  await page.close();
});

test('no serious or critical accessibility violation: the embed page', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('embed.html#example=voice-status-callback', BASE).href);
  await page.waitForSelector('[data-testid=embed]', { timeout: 20000 });
  const found = await violations(page);
  assert.deepEqual(found, [], found.join('\n'));
  await page.close();
});

// The timeline (with marks picked for comparison), the compare page it opens, and a capture
// opened from the timeline, in both themes.
for (const scheme of ['light', 'dark']) {
  test(`no serious or critical accessibility violation: the timeline and compare views (${scheme})`, async () => {
    const b = await launch({ colorScheme: scheme });
    try {
      const { page } = await openApp(b.context);
      await page.fill('[data-testid=input]', LOG);
      await page.waitForSelector('[data-testid=timeline]');
      let found = await violations(page);
      assert.deepEqual(found, [], 'timeline:\n' + found.join('\n'));
      await page.click('[data-testid=tl-select]');
      await page.locator('[data-testid=tl-mark]').nth(11).click();
      await page.locator('[data-testid=tl-mark]').nth(13).click();
      found = await violations(page);
      assert.deepEqual(found, [], 'timeline, selecting:\n' + found.join('\n'));
      await page.click('[data-testid=tl-compare]');
      await page.waitForSelector('[data-testid=cmp-sentence]');
      found = await violations(page);
      assert.deepEqual(found, [], 'compare:\n' + found.join('\n'));
      await page.goBack();
      await page.waitForSelector('[data-testid=timeline]');
      await page.click('[data-testid=tl-select]');
      await page.locator('[data-testid=tl-mark]').nth(10).click();
      await page.waitForSelector('[data-testid=tl-back]');
      found = await violations(page);
      assert.deepEqual(found, [], 'capture opened from the timeline:\n' + found.join('\n'));
    } finally {
      await b.close();
    }
  });
}

// A large paste: the progress line while the worker inspects it, then the cut, read-only
// paste box and the table of the first 500 fields.
test('no serious or critical accessibility violation: a 5 MB paste, while inspected and after', async () => {
  const { page } = await openApp(browser.context);
  const pair = 'Note=lorem+ipsum+dolor+sit+amet&';
  const text = 'MessageSid=SM0123456789abcdef0123456789abcdef&' + pair.repeat(Math.floor((5 * 1024 * 1024) / pair.length));
  await pasteText(page, text);
  await page.waitForSelector('[data-testid=inspect-progress]');
  const during = await violations(page);
  assert.deepEqual(during, [], during.join('\n'));
  await page.waitForSelector('[data-testid=fields-truncated]', { timeout: 30000 });
  assert.ok(await page.locator('[data-testid=input-cut]').isVisible());
  const after = await violations(page);
  assert.deepEqual(after, [], after.join('\n'));
  await page.close();
});
