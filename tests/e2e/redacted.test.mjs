// Real captures are redacted: masked, placeholder and template values are labeled, never
// judged, and never turn the request into "Unknown" (issue 11). Without a token, a malformed
// header does not make the headline say "does not match".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, setInput, kindId } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const REDACTED = 'ToCountry=US&SmsMessageSid=SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&NumMedia=0&SmsStatus=received'
  + '&Body=%5Bredacted%5D&To=%2B15558675310&MessageSid=SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'
  + '&AccountSid=%7B%7BAccountSid%7D%7D&From=%2B1555XXXXXXX&ApiVersion=2010-04-01';

test('redacted and template values are labeled, not judged', async () => {
  const { page } = await openApp(browser.context);
  await setInput(page, REDACTED);
  await page.waitForFunction(() => document.querySelector('[data-testid=kind-id]')?.textContent.includes('messaging-request'));
  assert.equal(await kindId(page), 'messaging-request');
  const badge = (name) => page.$eval(`[data-testid=field-row][data-name="${name}"]`,
    (row) => [...row.querySelectorAll('[data-badge]')].map((b) => b.dataset.badge));
  assert.ok((await badge('MessageSid')).includes('redacted'), 'MessageSid is labeled redacted');
  assert.ok((await badge('AccountSid')).includes('template'), 'AccountSid is labeled template');
  assert.ok((await badge('From')).includes('redacted'), 'From is labeled redacted');
  assert.ok(!(await badge('MessageSid')).includes('invalid'), 'not judged invalid');
  const row = await page.textContent('[data-testid=field-row][data-name="MessageSid"]');
  assert.match(row, /redacted — not checked/);
  await page.close();
});

test('no token and a malformed header: not checked, the header problem listed apart', async () => {
  const { page } = await openApp(browser.context);
  await setInput(page, [
    'POST /twilio/sms HTTP/1.1',
    'Host: hooks.example.com',
    'Content-Type: application/x-www-form-urlencoded',
    'X-Twilio-Signature: not-a-signature!',
    '',
    'MessageSid=SM9d1b3f5a7c8e40b2d4f6a8c0e2b4d6f8&From=%2B14155550143&To=%2B14155550199&Body=Hi',
  ].join('\n'));
  await page.waitForSelector('[data-testid=sig-verdict]');
  const headline = await page.textContent('[data-testid=sig-verdict]');
  assert.doesNotMatch(headline, /does not match/);
  assert.match(headline, /not checked: no auth token/);
  assert.match(await page.textContent('[data-testid=signature-panel]'), /base64|malformed|28/i);
  await page.close();
});
