// The catalog browser (deep links, search) and the examples gallery (one sample per kind,
// each detected as its kind).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, kindId, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('#param=MessageStatus scrolls to and highlights that parameter', async () => {
  const { page } = await openApp(browser.context, '#param=MessageStatus');
  const entry = page.locator('[id="param-MessageStatus"]');
  await entry.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'param-MessageStatus');
  assert.match(await entry.getAttribute('class'), /focused/);
  assert.ok(await entry.isVisible());
  const box = await entry.boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, `in view (y=${box.y})`);
  assert.match(await entry.textContent(), /message-status-callback/);
  await shot(page, 'catalog-param', { fullPage: false });
  // Indexed names resolve to their pattern.
  await page.evaluate(() => { location.hash = '#param=MediaUrl3'; });
  await page.waitForFunction(() => document.activeElement?.id === 'param-MediaUrl{N}');
});

test('every kind is listed, and search filters kinds and parameters', async () => {
  const { page } = await openApp(browser.context, '#catalog');
  const kinds = await page.locator('[data-testid=catalog-kind]').count();
  const params = await page.locator('[data-testid=catalog-param]').count();
  assert.ok(kinds >= 19, `${kinds} kinds`);
  assert.ok(params >= 100, `${params} parameters`);
  await page.fill('[data-testid=catalog-search]', 'whatsapp');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=catalog-param]').length < n, params);
  const names = await page.$$eval('[data-testid=catalog-param]', (e) => e.map((x) => x.dataset.name));
  assert.ok(names.includes('WaId') || names.includes('ProfileName'), names.join(','));
  await page.fill('[data-testid=catalog-search]', 'zzzz-no-such-thing');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=catalog-param], [data-testid=catalog-kind]').length === 0);
  // A field's "catalog →" link in the report opens its entry.
  await page.click('a.nav-link[href="#"]');
  await page.waitForSelector('[data-testid=report]');
  await page.click('[data-testid=field-row][data-name=NumMedia] .catalog-link');
  await page.waitForFunction(() => document.activeElement?.id === 'param-NumMedia');
});

test('every example in the gallery is detected as its kind', async () => {
  const { page } = await openApp(browser.context, '#examples');
  const cards = await page.$$eval('[data-testid=example-card]', (c) =>
    c.map((x) => ({ id: x.dataset.example, kind: x.querySelector('.chip-kind').textContent.trim() })));
  assert.ok(cards.length >= 20);
  await shot(page, 'examples', { fullPage: false });
  const wrong = [];
  for (const { id, kind } of cards) {
    await page.evaluate(() => { location.hash = '#examples'; });
    await page.waitForSelector(`[data-example="${id}"] .ex-open`);
    await page.click(`[data-example="${id}"] .ex-open`);
    await page.waitForSelector('[data-testid=report]');
    const got = await kindId(page);
    if (got !== kind) wrong.push(`${id}: expected ${kind}, got ${got}`);
    if ((await page.locator('[data-testid=field-row]').count()) === 0) wrong.push(`${id}: no fields`);
  }
  assert.deepEqual(wrong, []);
});
