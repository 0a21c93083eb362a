// Opening the app: a realistic example is already decoded, with no errors, and the report
// updates as the user types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, setInput, kindId, formatId, fields, fieldValue, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('opens on an incoming SMS, already decoded', async () => {
  const { page, errors } = await openApp(browser.context);
  assert.match(await page.inputValue('[data-testid=input]'), /^POST \/twilio\/sms HTTP\/1\.1/);
  assert.equal(await kindId(page), 'messaging-request');
  assert.equal(await formatId(page), 'http');
  const rows = await fields(page);
  assert.ok(rows.length >= 20, `expected the SMS fields, got ${rows.length}`);
  assert.equal(rows[0][0], 'ToCountry', 'fields are in wire order');
  assert.equal(await fieldValue(page, 'Body'), 'Hi! Is order #1042 ready for pickup?');
  assert.equal(await fieldValue(page, 'From'), '+14155550143');
  // The signature header and URL came from the pasted request.
  assert.equal(await page.getAttribute('[data-testid=signature]', 'placeholder'), 'YbhoDJ+XsgK8UpRVf6GiJegB85U=');
  assert.match(await page.getAttribute('[data-testid=url]', 'placeholder'), /hooks\.example\.com\/twilio\/sms/);
  // Labels and badges from the catalog.
  const smsSid = page.locator('[data-testid=field-row][data-name=SmsSid]');
  assert.equal(await smsSid.locator('[data-badge=deprecated]').count(), 1, 'SmsSid is flagged deprecated');
  assert.ok((await page.textContent('[data-testid=field-row][data-name=MessageSid] .plabel')).length > 0, 'MessageSid has a label');
  assert.deepEqual(errors, []);
  await shot(page, 'home-light'); // docs/screenshot.png is a copy of this one
  await page.close();
});

test('the report follows the paste area as the user types', async () => {
  const { page } = await openApp(browser.context);
  await setInput(page, 'CallSid=CA8e2d4f6a0b1c43e5a7f9b1d3c5e7a902&AccountSid=AC3f9a1c5e7b2d4f6a8c0e1b3d5f7a9c2e&From=%2B14155550143&To=%2B14155550199&CallStatus=ringing&ApiVersion=2010-04-01&Direction=inbound');
  await page.waitForFunction(() => document.querySelector('[data-testid=kind-id]')?.textContent.trim() === 'voice-request');
  assert.equal(await formatId(page), 'form');
  assert.equal((await fields(page)).length, 7);
  // Typing more text updates it again, with no button to press.
  await page.focus('[data-testid=input]');
  await page.keyboard.press('End');
  await page.keyboard.type('&Digits=1234');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=field-row]').length === 8);
  assert.equal(await fieldValue(page, 'Digits'), '1234');
  // Clearing shows the empty state instead of a stale report.
  await setInput(page, '');
  await page.waitForSelector('.empty-state');
  assert.equal(await page.locator('[data-testid=field-row]').count(), 0);
  await page.close();
});

test('counts, API version and human displays are shown', async () => {
  const { page } = await openApp(browser.context);
  assert.equal((await page.textContent('[data-testid=api-version]')).trim(), '2010-04-01');
  for (const sev of ['error', 'warning', 'info']) {
    assert.match(await page.textContent(`[data-testid=count-${sev}]`), /^\d+ /);
  }
  // Phone numbers: the core's formatting, with the country of the calling code.
  const phone = page.locator('[data-testid=field-row][data-name=From] [data-testid=phone] span');
  assert.match(await phone.textContent(), /^\+1 415-555-0143/);
  assert.match(await phone.getAttribute('title'), /United States \/ Canada/);
  await page.close();
});

test('the example picker loads an example and resets when the input is edited', async () => {
  const { page } = await openApp(browser.context);
  await page.selectOption('[data-testid=example-select]', 'list-calls');
  await page.waitForFunction(() => document.querySelector('[data-testid=kind-id]')?.textContent.trim() === 'list-calls');
  assert.match(await page.inputValue('[data-testid=input]'), /Calls\.json\?Status=completed/);
  assert.equal(await page.inputValue('[data-testid=example-select]'), 'list-calls');
  await page.focus('[data-testid=input]');
  await page.keyboard.press('End');
  await page.keyboard.type('&To=%2B14155550172');
  await page.waitForFunction(() => document.querySelector('[data-testid=example-select]').value === '');
  assert.equal(await fieldValue(page, 'To'), '+14155550172');
  await page.close();
});
