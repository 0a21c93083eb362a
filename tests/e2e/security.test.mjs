// What the page must never do: talk to the network after load, run pasted markup, or leak
// an auth token (URL, storage, cookies, console, share link, copied text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, setInput, loadExample, fieldValue, ORIGIN, BASE, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
});
after(async () => { await browser?.close(); });

test('only the app\'s own files are loaded, and nothing after load — even with media links', async () => {
  const { page, requests } = await openApp(browser.context);
  assert.ok(requests.length > 0);
  for (const url of requests) {
    assert.ok(url.startsWith(ORIGIN + '/'), `unexpected request ${url}`);
    assert.match(new URL(url).pathname, /^\/(|index\.html|boot\.js|[\w-]+\.(js|wasm|css))$/, url);
  }
  const atLoad = requests.length;
  await loadExample(page, 'messaging-request');
  const links = page.locator('[data-testid=media] a');
  assert.equal(await links.count(), 2);
  for (let i = 0; i < 2; i++) {
    assert.equal(await links.nth(i).getAttribute('rel'), 'noreferrer noopener');
    assert.equal(await links.nth(i).getAttribute('target'), '_blank');
    assert.match(await links.nth(i).getAttribute('href'), /^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\/MM[0-9a-f]{32}\/Media\/ME[0-9a-f]{32}$/);
  }
  assert.match(await page.textContent('[data-testid=media]'), /image\/jpeg[\s\S]*image\/png/);
  assert.equal(await page.locator('img, video, audio, iframe, object, embed').count(), 0, 'media is never embedded');
  await page.fill('[data-testid=token-0]', 'c0ffee00c0ffee00c0ffee00c0ffee00');
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#i='));
  await page.click('a.nav-link[href="#catalog"]');
  await page.waitForSelector('.catalog-page');
  await page.waitForTimeout(300);
  assert.deepEqual(requests.slice(atLoad), [], 'no request after load');
  // And none is possible: after start-up the CSP forbids every connection, even same-origin.
  const blocked = await page.evaluate(async () => {
    try { await fetch('./index.html'); return false; } catch { return true; }
  });
  assert.ok(blocked, 'fetch is blocked by connect-src \'none\'');
  assert.deepEqual(requests.slice(atLoad), []);
});

test('the Content-Security-Policy is strict and there is no inline script', async () => {
  const { page } = await openApp(browser.context);
  const policies = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.map((x) => x.content));
  assert.match(policies[0], /default-src 'self'/);
  assert.match(policies[0], /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(policies[0], /object-src 'none'/);
  assert.match(policies[0], /base-uri 'none'/);
  assert.match(policies[0], /form-action 'none'/);
  assert.ok(policies.some((p) => /connect-src 'none'/.test(p)), 'locked down after start-up');
  const inline = await page.$$eval('script', (s) => s.filter((x) => !x.src).length);
  assert.equal(inline, 0);
});

test('hostile values are shown as text and never run', async () => {
  const { page, errors } = await openApp(browser.context);
  const script = '<script>window.__pwned=1</script>';
  const img = '<img src=x onerror="window.__pwned=1">';
  const body = encodeURIComponent(script + img).replace(/%20/g, '+');
  await setInput(page, `MessageSid=SM9d1b3f5a7c8e40b2d4f6a8c0e2b4d6f8&AccountSid=AC3f9a1c5e7b2d4f6a8c0e1b3d5f7a9c2e&From=%2B14155550143&To=%2B14155550199&Body=${body}&NumMedia=0&${encodeURIComponent('<svg onload=window.__pwned=1>')}=1&MediaUrl0=javascript%3Awindow.__pwned%3D1`);
  await page.waitForSelector('[data-testid=field-row][data-name=Body]');
  assert.equal(await fieldValue(page, 'Body'), script + img);
  assert.equal(await page.locator('[data-testid=report] img, [data-testid=report] svg script, [data-testid=report] svg[onload]').count(), 0);
  assert.equal(await page.locator('[data-testid=report] a[href^="javascript:"]').count(), 0, 'javascript: URLs are not links');
  await page.check('[data-testid=raw-toggle]');
  await page.waitForSelector('[data-testid=raw-text]');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await shot(page, 'hostile-body');
});

test('the auth token never reaches the URL, storage, cookies, console, link or copied text', async () => {
  const { page, consoleMessages } = await openApp(browser.context);
  const token = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  await page.fill('[data-testid=token-0]', token);
  await page.click('details.more > summary');
  await page.fill('[data-testid=token-2]', token.split('').reverse().join(''));
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#i='));
  const link = await page.inputValue('[data-testid=share-url]');
  await page.click('[data-testid=copy-link]');
  await page.waitForSelector('[data-testid=notice] span');
  const clip1 = await page.evaluate(() => navigator.clipboard.readText());
  await page.click('[data-testid=copy-json]');
  await page.waitForFunction(() => /JSON/.test(document.querySelector('[data-testid=notice]')?.textContent));
  const clip2 = await page.evaluate(() => navigator.clipboard.readText());
  await page.click('[data-testid=copy-curl]');
  await page.waitForFunction(() => /curl/.test(document.querySelector('[data-testid=notice]')?.textContent));
  const clip3 = await page.evaluate(() => navigator.clipboard.readText());
  await page.click('a.nav-link[href="#catalog"]');
  await page.click('a.nav-link[href="#"]');
  await page.waitForSelector('[data-testid=report]');
  const dump = await page.evaluate(() => JSON.stringify({
    url: location.href,
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    cookies: document.cookie,
    history: history.length,
  }));
  const cookies = JSON.stringify(await browser.context.cookies());
  for (const t of [token, token.split('').reverse().join('')]) {
    for (const [where, text] of [['link', link], ['copied link', clip1], ['copied JSON', clip2],
      ['copied curl', clip3], ['page state', dump], ['cookies', cookies], ['console', consoleMessages.join('\n')],
      ['address bar', page.url()]]) {
      assert.ok(!text.includes(t), `token found in ${where}`);
    }
  }
  // The token is still there for checking, in a password field.
  assert.equal(await page.inputValue('[data-testid=token-0]'), token);
  assert.ok(page.url().startsWith(BASE));
});

test('a 1 MB paste is inspected without freezing the page: every field in the report, 500 rows shown', async () => {
  const { page } = await openApp(browser.context);
  const pair = 'Note=lorem+ipsum+dolor+sit+amet&';
  const big = 'MessageSid=SM0123456789abcdef0123456789abcdef&' + pair.repeat(Math.floor((1024 * 1024) / pair.length));
  await page.evaluate((text) => {
    const area = document.querySelector('[data-testid=input]');
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, big);
  await page.waitForSelector('[data-testid=fields-truncated]', { timeout: 20000 });
  assert.equal(await page.locator('[data-testid=field-row]').count(), 500);
  // Every field is counted, though the worker sent back only the first 500.
  const total = 1 + Math.floor((1024 * 1024) / pair.length);
  assert.equal(Number(await page.textContent('[data-testid=field-count]')), total);
  assert.match(await page.textContent('[data-testid=fields-truncated]'), new RegExp(`^${total - 500} more fields are not shown`));
  // The box shows the paste's beginning only (laying out 1 MB of text would freeze the page).
  assert.ok((await page.inputValue('[data-testid=input]')).length < 70 * 1024);
  assert.match(await page.textContent('[data-testid=input-cut]'), /1\.0 MB pasted/);
  // The page still answers: clearing and typing a small input renders at once.
  await page.click('[data-testid=input-clear]');
  await page.fill('[data-testid=input]', 'A=1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=field-row]').length === 1, null, { timeout: 5000 });
  await page.close();
});
