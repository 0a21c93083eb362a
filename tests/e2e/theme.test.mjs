// Light and dark themes follow the system, with a manual toggle that is remembered; the page
// is usable at 375 px and from the keyboard.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openApp, luminance, shot } from './helpers.mjs';

const LOG = readFileSync(new URL('./fixtures/timeline.log', import.meta.url), 'utf8');
/** WCAG contrast ratio of two CSS colours. */
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

const browsers = [];
after(async () => { for (const b of browsers) await b.close(); });
async function browserWith(options) {
  const b = await launch(options);
  browsers.push(b);
  return b;
}
const bodyLuminance = (page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor).then(luminance);

test('dark system preference gives a dark page', async () => {
  const b = await browserWith({ colorScheme: 'dark' });
  const { page } = await openApp(b.context);
  const lum = await bodyLuminance(page);
  assert.ok(lum < 0.05, `background luminance ${lum}`);
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.ok(luminance(text) > 0.6, `text colour ${text} is light`);
  await shot(page, 'home-dark');
});

test('light system preference gives a light page; the toggle switches and is remembered', async () => {
  const b = await browserWith({ colorScheme: 'light' });
  const { page } = await openApp(b.context);
  assert.ok(await bodyLuminance(page) > 0.85);
  await page.click('[data-testid=theme-toggle]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.ok(await bodyLuminance(page) < 0.05, 'toggled to dark');
  // Remembered across reloads (the only thing the app stores).
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['twi.theme']);
  // Toggling back to what the system shows returns to following the system.
  await page.click('[data-testid=theme-toggle]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === undefined);
  assert.ok(await bodyLuminance(page) > 0.85);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.match(await page.textContent('[data-testid=theme-toggle]'), /Auto/);
});

test('readable at 375 px: nothing overflows sideways', async () => {
  const b = await browserWith({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const { page } = await openApp(b.context);
  for (const hash of ['', '#examples', '#catalog']) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page ${hash || '#'} overflows by ${overflow}px`);
  }
  await page.evaluate(() => { location.hash = ''; });
  await page.waitForSelector('[data-testid=report]');
  // The fields table stacks into cards: the value cell is as wide as the card.
  const row = await page.locator('[data-testid=field-row]').first().boundingBox();
  assert.ok(row && row.width <= 375, `row width ${row?.width}`);
  await shot(page, 'mobile-375', { fullPage: false });
});

test('keyboard: every control has a label, and focus is visible', async () => {
  const b = await browserWith({});
  const { page } = await openApp(b.context);
  const unlabeled = await page.$$eval('input, select, textarea, button', (els) =>
    els.filter((el) => {
      const id = el.id && document.querySelector(`label[for="${el.id}"]`);
      const wrapped = el.closest('label');
      const aria = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      const text = el.tagName === 'BUTTON' && el.textContent.trim();
      return !(id || wrapped || aria || text);
    }).map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabeled, []);
  // Tab from the top reaches the paste area; it shows a focus outline.
  await page.focus('body');
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'input');
  }
  assert.ok(reached, 'the paste area is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
});

test('dark mode: the timeline and compare views are dark and readable', async () => {
  const b = await browserWith({ colorScheme: 'dark' });
  const { page } = await openApp(b.context);
  await page.fill('[data-testid=input]', LOG);
  await page.waitForSelector('[data-testid=timeline]');
  const colours = await page.evaluate(() => {
    const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
    return {
      card: css('.tl-picture', 'backgroundColor'),
      label: css('.tl-mark:not(.tl-problem) .tl-label', 'color'),
      problem: css('.tl-mark.tl-problem .tl-label', 'color'),
      diamond: css('.tl-mark.tl-problem .tl-dot', 'backgroundColor'),
      rail: css('.tl-rail', 'backgroundColor'),
      sid: css('.tl-sid', 'color'),
    };
  });
  assert.ok(luminance(colours.card) < 0.05, `timeline card ${colours.card}`);
  for (const k of ['label', 'problem', 'sid']) {
    assert.ok(contrast(colours[k], colours.card) >= 4.5, `${k} ${colours[k]} on ${colours.card}`);
  }
  assert.ok(contrast(colours.diamond, colours.card) >= 3, `problem mark ${colours.diamond} on ${colours.card}`);
  await shot(page, 'timeline-dark', { fullPage: false });
  // The compare view of two of its marks.
  await page.click('[data-testid=tl-select]');
  await page.locator('[data-testid=tl-mark]').nth(11).click();
  await page.locator('[data-testid=tl-mark]').nth(13).click();
  await page.click('[data-testid=tl-compare]');
  await page.waitForSelector('[data-testid=cmp-row]');
  const cmp = await page.evaluate(() => {
    const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
    return {
      card: css('[data-testid=compare] .card', 'backgroundColor'),
      cell: css('.cmp-value', 'color'),
      del: css('mark.cmp-del', 'color'),
      delBg: css('mark.cmp-del', 'backgroundColor'),
      ins: css('mark.cmp-ins', 'color'),
    };
  });
  assert.ok(luminance(cmp.card) < 0.05, `compare card ${cmp.card}`);
  assert.ok(contrast(cmp.cell, cmp.card) >= 4.5, `cell ${cmp.cell}`);
  assert.ok(contrast(cmp.del, cmp.card) >= 4.5, `removed text ${cmp.del}`);
  assert.ok(contrast(cmp.ins, cmp.card) >= 4.5, `added text ${cmp.ins}`);
  await shot(page, 'compare-dark', { fullPage: false });
});

test('timeline and compare views fit 375 px', async () => {
  const b = await browserWith({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const { page } = await openApp(b.context);
  await page.fill('[data-testid=input]', LOG);
  await page.waitForSelector('[data-testid=timeline]');
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the timeline overflows by ${overflow}px`);
  await page.click('[data-testid=tl-select]');
  await page.locator('[data-testid=tl-mark]').nth(11).click();
  await page.locator('[data-testid=tl-mark]').nth(13).click();
  await page.click('[data-testid=tl-compare]');
  await page.waitForSelector('[data-testid=cmp-row]');
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the compare page overflows by ${overflow}px`);
});
