// X-Twilio-Signature: the signed demo example verifies with its token; a wrong token or a
// request signed over another URL is invalid, with the doctor's diagnosis shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, loadExample, shot, DEMO_TOKEN } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const verdict = (page) => page.getAttribute('[data-testid=signature-panel]', 'class');

test('the signed example is valid with the demo token', async () => {
  const { page } = await openApp(browser.context);
  // Without a token nothing can be checked; the panel offers the demo token.
  assert.match(await verdict(page), /sig-unchecked/);
  await page.click('[data-testid=use-demo-token]');
  await page.waitForSelector('[data-testid=signature-panel].sig-valid', { timeout: 5000 });
  assert.equal(await page.inputValue('[data-testid=token-0]'), DEMO_TOKEN);
  assert.equal(await page.getAttribute('[data-testid=token-0]', 'type'), 'password');
  assert.equal(await page.getAttribute('[data-testid=token-0]', 'autocomplete'), 'off');
  assert.match(await page.textContent('[data-testid=sig-verdict]'), /Signature valid/);
  // Which token matched, and the string that was signed, are shown.
  assert.match(await page.textContent('[data-testid=signature-panel]'), /Primary/);
  const sts = await page.textContent('[data-testid=sig-sts]');
  assert.ok(sts.startsWith('https://hooks.example.com/twilio/sms'), sts);
  assert.match(sts, /AccountSidAC3f9a1c5e7b2d4f6a8c0e1b3d5f7a9c2e/);
  await shot(page, 'signature-valid', { fullPage: false });
  await page.close();
});

test('the gallery\'s signed example fills the demo token itself', async () => {
  const { page } = await openApp(browser.context);
  await loadExample(page, 'sms-signed');
  await page.waitForSelector('[data-testid=signature-panel].sig-valid', { timeout: 5000 });
  assert.ok(await page.isVisible('[data-testid=demo-note]'));
  await page.close();
});

test('a wrong token is invalid', async () => {
  const { page } = await openApp(browser.context);
  await page.fill('[data-testid=token-0]', '0123456789abcdef0123456789abcdef');
  await page.waitForSelector('[data-testid=signature-panel].sig-invalid', { timeout: 5000 });
  assert.match(await page.textContent('[data-testid=sig-verdict]'), /does not match/);
  assert.equal((await page.textContent('[data-testid=sig-received]')).trim(), 'YbhoDJ+XsgK8UpRVf6GiJegB85U=');
  // A second token slot is tried as well: adding the right one makes it valid.
  await page.click('details.more > summary');
  await page.fill('[data-testid=token-1]', DEMO_TOKEN);
  await page.waitForSelector('[data-testid=signature-panel].sig-valid', { timeout: 5000 });
  assert.match(await page.textContent('[data-testid=signature-panel]'), /Secondary/);
  await page.close();
});

test('signed over http:// — invalid, and the doctor names the scheme', async () => {
  const { page } = await openApp(browser.context);
  await loadExample(page, 'voice-signed-http');
  await page.waitForSelector('[data-testid=signature-panel].sig-invalid', { timeout: 5000 });
  const diag = await page.textContent('[data-testid=sig-diagnoses]');
  assert.match(diag, /http:\/\//i, diag);
  await shot(page, 'signature-diagnosis');
  await page.close();
});
