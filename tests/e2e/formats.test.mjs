// Every input format, pasted: the right format, kind and decoded fields. Also the format and
// kind overrides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, setInput, kindId, formatId, fieldValue, fields } from './helpers.mjs';

const AC = 'AC3f9a1c5e7b2d4f6a8c0e1b3d5f7a9c2e';
const CA = 'CA8e2d4f6a0b1c43e5a7f9b1d3c5e7a902';
const SM = 'SM9d1b3f5a7c8e40b2d4f6a8c0e2b4d6f8';

const CASES = [
  {
    format: 'form',
    kind: 'messaging-request',
    input: `MessageSid=${SM}&SmsSid=${SM}&AccountSid=${AC}&From=%2B14155550143&To=%2B14155550199&Body=Where+is+my+parcel%3F&NumMedia=0&NumSegments=1&ApiVersion=2010-04-01`,
    fields: { Body: 'Where is my parcel?', From: '+14155550143', NumMedia: '0' },
  },
  {
    format: 'query',
    kind: 'message-status-callback',
    input: `?MessageSid=${SM}&MessageStatus=delivered&To=%2B14155550143&AccountSid=${AC}&From=%2B14155550199&ApiVersion=2010-04-01`,
    fields: { MessageStatus: 'delivered', To: '+14155550143' },
  },
  {
    format: 'url',
    kind: 'list-calls',
    input: '/2010-04-01/Accounts/AC309475e5fede1b49e100272a8640f438/Calls.json?Status=completed&StartTime>=2009-07-06',
    fields: { Status: 'completed', 'StartTime>': '2009-07-06' },
  },
  {
    format: 'http',
    kind: 'voice-status-callback',
    input: [
      'POST /twilio/status HTTP/1.1',
      'Host: hooks.example.com',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      `CallSid=${CA}&AccountSid=${AC}&From=%2B14155550199&To=%2B14155550172&CallStatus=completed&ApiVersion=2010-04-01&Direction=outbound-api&CallbackSource=call-progress-events&Timestamp=Tue%2C+03+Jun+2025+17%3A12%3A41+%2B0000&SequenceNumber=3&CallDuration=49&Duration=1`,
    ].join('\n'),
    fields: { CallStatus: 'completed', CallDuration: '49', Timestamp: 'Tue, 03 Jun 2025 17:12:41 +0000' },
  },
  {
    format: 'curl',
    kind: 'create-call',
    input: `curl -X POST https://api.twilio.com/2010-04-01/Accounts/${AC}/Calls.json \\\n  --data-urlencode "Url=https://hooks.example.com/twilio/voice" \\\n  --data-urlencode "To=+14155550172" \\\n  --data-urlencode "From=+14155550199" \\\n  -u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"`,
    fields: { Url: 'https://hooks.example.com/twilio/voice', To: '+14155550172', From: '+14155550199' },
  },
  {
    format: 'json',
    kind: 'whatsapp-request',
    input: JSON.stringify({
      MessageSid: SM, SmsMessageSid: SM, SmsSid: SM, AccountSid: AC, From: 'whatsapp:+14155550143',
      To: 'whatsapp:+14155550199', Body: 'Hola', NumMedia: '0', ProfileName: 'Ada', WaId: '14155550143',
      MessageType: 'text', ApiVersion: '2010-04-01',
    }),
    fields: { From: 'whatsapp:+14155550143', ProfileName: 'Ada', Body: 'Hola' },
  },
  {
    format: 'xml',
    kind: 'call-response-legacy',
    input: '<TwilioResponse>\n<Call>\n<Sid>CA42ed11f93dc08b952027ffbc406d0868</Sid>\n<CallSegmentSid/>\n<AccountSid>AC309475e5fede1b49e100272a8640f438</AccountSid>\n<Called>4155551212</Called>\n<Caller>4158675309</Caller>\n<PhoneNumberSid>PN01234567890123456789012345678900</PhoneNumberSid>\n<Status>0</Status>\n<StartTime>Thu, 03 Apr 2008 04:36:33 -0400</StartTime>\n<EndTime/>\n<Price/>\n<Flags>1</Flags>\n</Call>\n</TwilioResponse>',
    fields: { Sid: 'CA42ed11f93dc08b952027ffbc406d0868', Caller: '4158675309', Status: '0' },
  },
];

let browser;
let page;
before(async () => {
  browser = await launch();
  ({ page } = await openApp(browser.context));
});
after(async () => { await browser?.close(); });

for (const c of CASES) {
  test(`${c.format}: detected as ${c.kind}`, async () => {
    await setInput(page, c.input);
    await page.waitForFunction((k) => document.querySelector('[data-testid=kind-id]')?.textContent.trim() === k, c.kind, { timeout: 5000 })
      .catch(() => {});
    assert.equal(await formatId(page), c.format);
    assert.equal(await kindId(page), c.kind);
    for (const [name, value] of Object.entries(c.fields)) {
      assert.equal(await fieldValue(page, name), value, `${c.format}: field ${name}`);
    }
  });
}

test('dates are shown in local time and UTC', async () => {
  const india = await launch({ timezoneId: 'Asia/Kolkata' });
  try {
    const { page: p } = await openApp(india.context);
    await setInput(p, CASES.find((c) => c.format === 'http').input);
    const row = p.locator('[data-testid=field-row][data-name=Timestamp]');
    await row.locator('[data-testid=date-local]').waitFor({ timeout: 5000 });
    assert.equal((await row.locator('[data-testid=date-utc]').textContent()).trim(), '2025-06-03 17:12:41 UTC');
    assert.match((await row.locator('[data-testid=date-local]').textContent()).trim(), /^2025-06-03 22:42:41 \(UTC\+05:30, Asia\/(Kolkata|Calcutta)\)$/);
  } finally {
    await india.close();
  }
});

test('the format and kind can be overridden', async () => {
  await setInput(page, CASES[0].input);
  await page.waitForFunction(() => document.querySelector('[data-testid=kind-id]')?.textContent.trim() === 'messaging-request');
  // Force the kind: the report says so and keeps the fields.
  await page.selectOption('[data-testid=kind-select]', 'message-status-callback');
  await page.waitForFunction(() => document.querySelector('[data-testid=kind-id]')?.textContent.trim() === 'message-status-callback');
  assert.match(await page.textContent('[data-testid=summary] .eyebrow'), /forced/);
  assert.ok((await fields(page)).length >= 9);
  await page.selectOption('[data-testid=kind-select]', '');
  await page.waitForFunction(() => document.querySelector('[data-testid=kind-id]')?.textContent.trim() === 'messaging-request');
  // Force the format: a form body read as a query string is still decoded, marked forced.
  await page.selectOption('[data-testid=format-select]', 'query');
  await page.waitForFunction(() => document.querySelector('[data-testid=format-id]')?.dataset.format === 'query');
  assert.match(await page.textContent('[data-testid=format-id]'), /forced/);
  assert.equal(await fieldValue(page, 'Body'), 'Where is my parcel?');
  await page.selectOption('[data-testid=format-select]', '');
  await page.waitForFunction(() => document.querySelector('[data-testid=format-id]')?.dataset.format === 'form');
});
