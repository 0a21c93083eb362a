// Documentation-site embeds: the demo page (every example as a <twilio-webhook-inspector>,
// inline inputs, two iframes of embed.html), the embed page itself, the "open in the full
// inspector" link, deep links to one report field, and what an embed must never do (make a
// request beyond the page's own files, carry a token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, kindId, luminance, shot, BASE, ORIGIN, DEMO_TOKEN, SCREENSHOTS } from './helpers.mjs';

const SMS_BODY = 'ToCountry=US&ToState=CA&SmsMessageSid=SM7c1e0b9a2f4d48e6a3b5c7d9e1f20a4b';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens the demo page and waits until every element has mounted its inspector. */
async function openDemo(context, options = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS) || 10000);
  if (options.viewport) await page.setViewportSize(options.viewport);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(BASE + 'embed-demo.html');
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('twilio-webhook-inspector')];
    return all.length > 0 && all.every((e) => e.shadowRoot?.querySelector('[data-testid=embed]'));
  }, null, { timeout: 60000 });
  // Both frames have started and reported their height.
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.style.height), null, { timeout: 60000 });
  return { page, requests, errors };
}

/** The embeds of the demo page, in order: what each was asked for and what it shows. */
const embeds = (page) => page.$$eval('twilio-webhook-inspector', (els) => els.map((el) => {
  const root = el.shadowRoot;
  return {
    example: el.getAttribute('example'),
    demo: el.dataset.demo,
    expected: el.closest('section')?.querySelector('h3 code')?.textContent.trim(),
    kind: root.querySelector('[data-testid=kind-id]')?.textContent.trim(),
    fields: root.querySelectorAll('[data-testid=field-row]').length,
    open: root.querySelector('[data-testid=embed-open]')?.getAttribute('href'),
  };
}));

test('the demo page embeds every example of the gallery, each detected as its kind', async () => {
  const { page: gallery } = await openApp(browser.context, '#examples');
  const cards = await gallery.$$eval('[data-testid=example-card]', (c) =>
    c.map((x) => ({ id: x.dataset.example, kind: x.querySelector('.chip-kind').textContent.trim() })));
  await gallery.close();

  const { page, errors } = await openDemo(browser.context);
  const all = await embeds(page);
  const byExample = all.filter((e) => e.example);
  assert.deepEqual(byExample.map((e) => e.example), cards.map((c) => c.id), 'one embed per example, in gallery order');
  const kinds = new Set(cards.map((c) => c.kind));
  assert.ok(kinds.size >= 19, `${kinds.size} kinds`);
  const wrong = [];
  for (const e of byExample) {
    const card = cards.find((c) => c.id === e.example);
    assert.equal(e.expected, card.kind, `the demo page's heading for ${e.example}`);
    if (e.kind !== card.kind) wrong.push(`${e.example}: expected ${card.kind}, got ${e.kind}`);
    if (e.fields === 0) wrong.push(`${e.example}: no fields`);
    assert.equal(e.open, `${BASE}#example=${e.example}`, 'opens the full inspector on the example');
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(errors, []);
});

test('several embeds coexist: each is its own inspector, the page\'s styles stay out', async () => {
  const { page } = await openDemo(browser.context);
  const form = page.locator('[data-demo=inline-form]');
  const http = page.locator('[data-demo=inline-http]');
  // The element's own text is the input (dedented); kind= forces the kind.
  assert.equal(await form.locator('[data-testid=kind-id]').textContent(), 'messaging-request');
  assert.match(await form.locator('[data-testid=kind-title]').textContent(), /./);
  // Toggling the raw view in one embed leaves the others alone.
  await form.locator('[data-testid=raw-toggle]').check();
  await form.locator('[data-testid=raw-text]').waitFor();
  assert.ok((await form.locator('[data-testid=raw-text]').textContent()).startsWith(SMS_BODY));
  assert.equal(await http.locator('[data-testid=raw-text]').count(), 0);
  assert.equal(await page.locator('[data-example=sms] [data-testid=raw-text]').count(), 0);
  // The text of a <script type="text/plain"> child is the input, markup characters and all.
  await http.locator('[data-testid=raw-toggle]').check();
  assert.match(await http.locator('[data-testid=raw-text]').textContent(), /^POST \/twilio\/voice HTTP\/1\.1\nHost: hooks\.example\.com\n/);
  // The host page's serif font does not reach into the shadow roots.
  const fonts = await page.evaluate(() => ({
    page: getComputedStyle(document.body).fontFamily,
    embed: getComputedStyle(document.querySelector('[data-demo=inline-form]').shadowRoot.querySelector('.embed')).fontFamily,
  }));
  assert.match(fonts.page, /Georgia/);
  assert.doesNotMatch(fonts.embed, /Georgia/);
  // Ids stay unique across the page's inspectors.
  const ids = await page.$$eval('twilio-webhook-inspector', (els) => els.flatMap((el) => [...el.shadowRoot.querySelectorAll('[id]')].map((n) => n.id)));
  assert.ok(ids.length > 0);
  assert.equal(new Set(ids).size, ids.length, 'no id twice');
  await page.close();
});

test('elements added, changed, moved and removed after load follow along', async () => {
  const { page, requests } = await openDemo(browser.context);
  const atLoad = requests.length;
  const example = (sel) => page.evaluate((s) => document.querySelector(s)?.shadowRoot
    ?.querySelector('[data-testid=embed]')?.dataset.example ?? null, sel);
  await page.evaluate(() => {
    const el = document.createElement('twilio-webhook-inspector');
    el.id = 'added';
    el.setAttribute('example', 'gather-action');
    document.querySelector('main').prepend(el);
  });
  await page.waitForFunction(() => document.querySelector('#added').shadowRoot?.querySelector('[data-testid=embed]'));
  assert.equal(await example('#added'), 'gather-action');
  // A new attribute is a new inspector.
  await page.evaluate(() => document.querySelector('#added').setAttribute('example', 'dial-action'));
  await page.waitForFunction(() => document.querySelector('#added').shadowRoot.querySelector('[data-testid=embed]')?.dataset.example === 'dial-action');
  // Moving keeps it mounted; removing unmounts it.
  await page.evaluate(() => document.querySelector('main').append(document.querySelector('#added')));
  await page.waitForTimeout(50);
  assert.equal(await example('#added'), 'dial-action');
  const removed = await page.evaluate(async () => {
    const el = document.querySelector('#added');
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    return el.shadowRoot.querySelector('[data-testid=embed]') === null;
  });
  assert.ok(removed, 'unmounted');
  assert.deepEqual(requests.slice(atLoad), [], 'the wasm is not loaded again');
  await page.close();
});

test('param= highlights one field in an element and in a frame', async () => {
  const { page } = await openDemo(browser.context);
  const row = page.locator('[data-demo=inline-form] [data-testid=field-row][data-name=Body]');
  await row.waitFor();
  assert.match(await row.getAttribute('class'), /focused/);
  assert.equal(await page.locator('[data-demo=inline-form] .frow.focused').count(), 1);
  assert.equal((await row.locator('.c-value .v').textContent()).trim(), 'Hi! Is order #1042 ready for pickup?');
  // The embed does not move the host page or take its focus.
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  const frame = page.frameLocator('[data-demo=frame-status]');
  const status = frame.locator('[data-testid=field-row][data-name=MessageStatus]');
  await status.waitFor();
  assert.match(await status.getAttribute('class'), /focused/);
  assert.equal(await frame.locator('[data-testid=kind-id]').textContent(), 'message-status-callback');
  await page.close();
});

test('frames fit their content, follow theme=, and link to the full inspector', async () => {
  const { page } = await openDemo(browser.context);
  const frames = await page.$$eval('iframe', (f) => f.map((x) => ({ demo: x.dataset.demo, height: parseFloat(x.style.height) })));
  for (const f of frames) {
    const frame = page.frame({ url: (u) => u.href.includes('embed.html') && u.href.includes(f.demo === 'frame-status' ? 'message-status' : 'voice-signed') });
    const body = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    assert.ok(Math.abs(body - f.height) <= 1, `${f.demo}: frame ${f.height}px, content ${body}px`);
    assert.ok(f.height > 150, `${f.demo} shows its report (${f.height}px)`);
    assert.equal(await frame.evaluate(() => document.documentElement.hasAttribute('data-embed')), true);
    assert.equal(await frame.locator('.topbar, .footer, [data-testid=input]').count(), 0, 'no page chrome');
  }
  const dark = page.frameLocator('[data-demo=frame-voice]');
  const bg = await dark.locator('.embed').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.ok(luminance(bg) < 0.1, `theme=dark: ${bg}`);
  const href = await page.frameLocator('[data-demo=frame-status]').locator('[data-testid=embed-open]').getAttribute('href');
  assert.equal(href, `${BASE}#example=message-status-callback&param=MessageStatus`);
  assert.equal(await page.frameLocator('[data-demo=frame-status]').locator('[data-testid=embed-open]').getAttribute('target'), '_blank');
  await page.close();
});

test('nothing is requested beyond the page\'s own files, the wasm once per document', async () => {
  const { page, requests } = await openDemo(browser.context);
  assert.ok(requests.length > 0);
  for (const url of requests) {
    assert.ok(url.startsWith(ORIGIN + '/'), `unexpected request ${url}`);
    assert.match(new URL(url).pathname, /^\/(embed-demo\.html|embed\.html|embed\.js|boot\.js|[\w-]+\.(js|wasm|css))$/, url);
  }
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length);
  assert.equal(wasm, 1, 'the page loads the wasm once for all its elements');
  const atLoad = requests.length;
  // Using the embeds requests nothing: the raw view, the demo token, links are not fetched.
  const http = page.locator('[data-demo=inline-http]');
  await http.locator('[data-testid=raw-toggle]').check();
  if (await http.locator('[data-testid=use-demo-token]').count()) {
    await http.locator('[data-testid=use-demo-token]').click();
  }
  await page.locator('[data-example=messaging-request] [data-testid=raw-toggle]').check();
  await page.waitForTimeout(300);
  assert.deepEqual(requests.slice(atLoad), [], 'no request after load');
  assert.equal(await page.locator('twilio-webhook-inspector img, twilio-webhook-inspector iframe').count(), 0, 'media is never embedded');
  await page.close();
});

test('the open link carries the element\'s input and options, never a token', async () => {
  const { page } = await openDemo(browser.context);
  const link = page.locator('[data-demo=inline-form] [data-testid=embed-open]');
  await page.waitForFunction(() => document.querySelector('[data-demo=inline-form]').shadowRoot
    .querySelector('[data-testid=embed-open]').getAttribute('href').includes('#i=1'));
  const href = await link.getAttribute('href');
  assert.ok(href.startsWith(`${BASE}#i=1`), href);
  assert.ok(href.endsWith('&param=Body'), href);
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  // The signed example fills the public demo token in its embed, but never in a link.
  const signed = await page.locator('[data-example=sms-signed] [data-testid=embed-open]').getAttribute('href');
  assert.equal(signed, `${BASE}#example=sms-signed`);
  const all = await embeds(page);
  for (const e of all) assert.ok(!e.open.includes(DEMO_TOKEN), `${e.example || e.demo}: no token in ${e.open}`);

  const { page: app } = await openApp(browser.context, href.slice(BASE.length));
  const input = await app.inputValue('[data-testid=input]');
  assert.ok(input.startsWith(SMS_BODY), input.slice(0, 80));
  assert.ok(!input.startsWith(' ') && !input.endsWith(' '), 'dedented');
  assert.equal(await app.inputValue('[data-testid=kind-select]'), 'messaging-request');
  assert.equal(await kindId(app), 'messaging-request');
  await app.waitForFunction(() => document.activeElement?.dataset?.name === 'Body');
  await app.close();
  await page.close();
});

test('the full app scrolls to and highlights a report field: #example=…&param=…', async () => {
  const { page } = await openApp(browser.context, '#example=message-status-callback&param=MessageStatus');
  const row = page.locator('[data-testid=field-row][data-name=MessageStatus]');
  await row.waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset?.name === 'MessageStatus');
  assert.match(await row.getAttribute('class'), /focused/);
  const box = await row.boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, `in view (y=${box.y})`);
  // Another link moves the highlight; a name the request lacks says so.
  await page.evaluate(() => { location.hash = '#example=sms&param=NoSuchParam'; });
  await page.waitForSelector('[data-testid=focus-missing]');
  assert.match(await page.textContent('[data-testid=focus-missing]'), /No field NoSuchParam/);
  assert.equal(await page.locator('.frow.focused').count(), 0);
  // A bare #param= is still the catalog.
  await page.evaluate(() => { location.hash = '#param=MessageStatus'; });
  await page.waitForFunction(() => document.activeElement?.id === 'param-MessageStatus');
  await page.close();
});

test('embed.html shows a share link\'s input (#i=…&param=…)', async () => {
  const { page } = await openApp(browser.context);
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#i='));
  const link = await page.inputValue('[data-testid=share-url]');
  const input = await page.inputValue('[data-testid=input]');
  const fragment = link.slice(link.indexOf('#'));
  await page.close();

  const frame = await browser.context.newPage();
  const requests = [];
  frame.on('request', (r) => requests.push(r.url()));
  await frame.goto(`${BASE}embed.html${fragment}&param=Body`);
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await frame.waitForSelector('[data-testid=embed]');
  await frame.check('[data-testid=raw-toggle]');
  assert.equal(await frame.textContent('[data-testid=raw-text]'), input);
  const open = await frame.getAttribute('[data-testid=embed-open]', 'href');
  assert.ok(open.startsWith(`${BASE}#i=`) && open.endsWith('&param=Body'), open);
  assert.equal(await kindId(frame), 'messaging-request');
  assert.equal(await frame.locator('.frow.focused').getAttribute('data-name'), 'Body');
  for (const url of requests) assert.ok(url.startsWith(ORIGIN + '/'), url);
  await frame.close();
});

test('index.html?embed is the embed page too', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}?embed#example=list-calls&param=StartTime%3E`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.waitForSelector('[data-testid=embed]');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-embed')), true);
  assert.equal(await page.locator('.topbar').count(), 0);
  assert.equal(await kindId(page), 'list-calls');
  assert.match(await page.locator('.frow.focused').getAttribute('data-name'), /^StartTime>$/);
  // …and so is index.html#embed&… (a fragment only).
  await page.goto(`${BASE}#embed&example=update-call`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.waitForSelector('[data-testid=embed]');
  assert.equal(await page.locator('.topbar').count(), 0);
  assert.equal(await page.getAttribute('[data-testid=embed]', 'data-example'), 'update-call');
  await page.close();
});

// The test writes only the ignored tests/e2e/screenshots/embed.png; docs/embed.png (tracked)
// is refreshed by hand from it: `cp tests/e2e/screenshots/embed.png docs/embed.png`.
test('screenshot for the README (tests/e2e/screenshots/embed.png)', async () => {
  const { page } = await openDemo(browser.context, { viewport: { width: 1000, height: 1000 } });
  const status = page.locator('[data-demo=inline-status]');
  assert.equal(await status.locator('.frow.focused').getAttribute('data-name'), 'MessageStatus');
  // The demo page's heading of that embed, and the embed down to its "open" link.
  const box = await page.locator('#inline-status').boundingBox();
  const path = await shot(page, 'embed', { fullPage: true, clip: { x: box.x - 24, y: box.y - 16, width: box.width + 48, height: box.height + 24 } });
  // Only a build whose reports have fields is worth showing in the docs.
  const fields = await status.locator('[data-testid=field-row]').count();
  assert.ok(fields > 0, 'the screenshot shows a report with fields');
  assert.ok(path.startsWith(SCREENSHOTS), `screenshots stay in the ignored ${SCREENSHOTS}`);
  await page.close();
});
