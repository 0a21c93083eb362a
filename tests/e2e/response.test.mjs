// The Response panel: would Twilio accept the server's answer? The gallery's request +
// response examples (verdict line, predicted Debugger codes, markers at their lines, links to
// the codes' explanations), an answer pasted alone with a chosen kind, connection overrides,
// keyboard use, share links, dark mode, and embeds that show an answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, setInput, loadExample, luminance, shot, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// What each gallery example's answer must show: the verdict line, the predicted codes (in
// the order the panel lists them) and the markers (line:column and Twilio code, in order).
const EXAMPLES = {
  'response-valid': {
    verdict: 'Twilio would accept this.', accepted: 'true', codes: [],
    markers: [['3:57', null]], context: 'voice-request',
  },
  'response-12100': {
    verdict: 'Twilio would reject this: 12100 at line 3, column 62.', accepted: 'false', codes: ['12100'],
    markers: [['3:62', '12100']], context: 'voice-request',
  },
  'response-12200': {
    verdict: 'Twilio would reject this: 12200 at line 3, column 22.', accepted: 'false', codes: ['12200'],
    markers: [['3:22', '12200'], ['4:5', '12200'], ['4:27', null]], context: 'voice-request',
  },
  'response-json': {
    verdict: 'Twilio would reject this: 12300.', accepted: 'false', codes: ['12300', '12200'],
    markers: [['1:1', '12200']], context: 'messaging-request',
  },
  'response-status-callback': {
    verdict: 'Twilio would accept this.', accepted: 'true', codes: [],
    markers: [], context: 'voice-status-callback',
  },
};

/** What a reader sees of an element: its rendered text (cells and blocks apart), blanks collapsed. */
const text = async (loc) => (await loc.evaluate((e) => e.innerText)).replace(/\s+/g, ' ').trim();

/** The panel's markers as ["line:column", twilio code or null], in page order. */
const markers = (page, scope = '') => page.$$eval(`${scope} [data-testid=response-marker]`, (els) =>
  els.map((m) => [`${m.dataset.line}:${m.dataset.column}`, (m.textContent.match(/\b(1\d{4})\b/) || [null, null])[1]]));

test('every gallery answer shows its verdict line, codes and markers', async () => {
  const { page, errors } = await openApp(browser.context, '#examples');
  const cards = await page.$$eval('[data-testid=example-card]', (c) => c.map((x) => x.dataset.example));
  for (const id of Object.keys(EXAMPLES)) assert.ok(cards.includes(id), `${id} is in the gallery`);
  for (const [id, want] of Object.entries(EXAMPLES)) {
    await loadExample(page, id);
    const panel = page.locator('[data-testid=response]');
    await panel.waitFor();
    assert.equal(await text(page.locator('[data-testid=response-verdict]')), `${want.accepted === 'true' ? '✓' : '✕'} ${want.verdict}`, id);
    assert.equal(await panel.getAttribute('data-accepted'), want.accepted, id);
    const codes = await page.$$eval('[data-testid=response-code] strong', (s) => s.map((x) => x.textContent.trim()));
    assert.deepEqual(codes, want.codes, id);
    assert.deepEqual(await markers(page), want.markers, id);
    assert.match(await text(page.locator('[data-testid=response-context]')), new RegExp(`${want.context} \\(the pasted request's kind\\)`), id);
    // The request half is inspected too: its kind, its fields.
    assert.equal((await page.textContent('[data-testid=kind-id]')).trim(), want.context, id);
    assert.ok(await page.locator('[data-testid=field-row]').count() > 5, `${id}: the request's fields`);
  }
  await shot(page, 'response-status-callback');
  assert.deepEqual(errors, []);
  await page.close();
});

test('markers sit under their line, in words as well as colour', async () => {
  const { page } = await openApp(browser.context, '#example=response-12200');
  const body = page.locator('[data-testid=response-body]');
  await body.waitFor();
  // Each marker directly follows its line (or another marker of the same line).
  const placement = await page.$$eval('[data-testid=response-marker]', (ms) => ms.map((m) => {
    let prev = m.previousElementSibling;
    while (prev && prev.dataset.testid === 'response-marker') prev = prev.previousElementSibling;
    return [m.dataset.line, prev?.dataset.line, m.querySelector('.tw-caret')?.textContent.trim()];
  }));
  assert.deepEqual(placement, [['3', '3', '^'], ['4', '4', '^'], ['4', '4', '^']]);
  // The caret is under the column: the blanks before it are column - 1 characters.
  const pads = await page.$$eval('[data-testid=response-marker]', (ms) =>
    ms.map((m) => [Number(m.dataset.column), m.querySelector('.tw-caret').previousElementSibling.textContent.length]));
  for (const [col, pad] of pads) assert.equal(pad, col - 1);
  const line3 = page.locator('.tw-line[data-line="3"]');
  assert.match(await line3.textContent(), /<Say voice="alice" langauge="en-US">/);
  assert.match(await line3.getAttribute('class'), /sev-error/);
  assert.equal((await line3.locator('.tw-glyph').textContent()).trim(), '✕', 'a text mark, not colour only');
  const first = page.locator('[data-testid=response-marker]').first();
  assert.match(await text(first), /Line 3, column 22: error 12200 <Say> has no attribute langauge\./);
  assert.equal(await page.locator('.tw-line').count(), 6, 'the body has 6 lines');
  await shot(page, 'response-12200');
  await page.close();
});

test('a finding links to its marker and to the explanation of its Twilio code', async () => {
  const { page } = await openApp(browser.context, '#example=response-12200');
  await page.locator('[data-testid=response-findings]').waitFor();
  const hash = await page.evaluate(() => location.hash);
  // The code in the verdict area opens the explanation.
  await page.click('[data-testid=response-code]');
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'response-explanation');
  const explanation = page.locator('[data-testid=response-explanation][data-code="12200"]');
  assert.match(await text(explanation), /12200 — Schema validation warning/);
  assert.match(await text(explanation), /Typical causes:/);
  assert.equal(await explanation.locator('a').getAttribute('href'), 'https://www.twilio.com/docs/api/errors/12200');
  assert.equal(await explanation.locator('a').getAttribute('rel'), 'noreferrer noopener');
  const box = await explanation.boundingBox();
  assert.ok(box.y > -2 && box.y < 900, `in view (y=${box.y})`);
  assert.equal(await page.evaluate(() => location.hash), hash, 'the address is left alone');
  // From a finding: its position goes to the marker, its code to the explanation.
  const finding = page.locator('[data-testid=response-findings] .finding').nth(1);
  assert.equal(await finding.getAttribute('data-twilio'), '12200');
  await finding.locator('[data-testid=response-position]').click();
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'response-marker');
  assert.equal(await page.evaluate(() => `${document.activeElement.dataset.line}:${document.activeElement.dataset.column}`), '4:5');
  await finding.locator('[data-testid=response-error-link]').click();
  await page.waitForFunction(() => document.activeElement?.dataset?.code === '12200');
  // A finding without a Twilio code has no code link (the relative URL note).
  const note = page.locator('[data-testid=response-findings] .finding[data-code=twiml-relative-url]');
  assert.equal(await note.locator('[data-testid=response-error-link]').count(), 0);
  assert.match(await text(page.locator('[data-testid=response-urls]')), /\/voice\/menu https:\/\/hooks\.example\.com\/voice\/menu/);
  await page.close();
});

test('the keyboard reaches the codes, the body and the explanations', async () => {
  const { page } = await openApp(browser.context, '#example=response-12100');
  await page.locator('[data-testid=response]').waitFor();
  await page.focus('body');
  const seen = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const t = await page.evaluate(() => document.activeElement?.dataset?.testid || document.activeElement?.id || '');
    seen.push(t);
    if (t === 'response-code') break;
  }
  assert.equal(seen.at(-1), 'response-code', `Tab reaches the code link (${seen.length} presses)`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset?.code === '12100');
  // The numbered body is a focusable region (it scrolls sideways on long lines).
  await page.focus('[data-testid=response-body]');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'region');
  await page.close();
});

test('an answer pasted alone: only its panel, its kind chosen, connection overrides', async () => {
  const { page } = await openApp(browser.context);
  await setInput(page, '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Say>Thanks for calling.</Say>\n  <Hangup/>\n  <Say>Goodbye</Say>\n</Response>\n');
  const verdict = page.locator('[data-testid=response-verdict]');
  await page.waitForFunction(() => /accept this, with 1 warning/.test(document.querySelector('[data-testid=response-verdict]')?.textContent));
  assert.equal(await page.locator('[data-testid=summary], [data-testid=signature-panel], [data-testid=field-row], [data-testid=request-findings]').count(), 0, 'no request to report on');
  assert.match(await text(page.locator('[data-testid=response-input-kind]')), /the body alone/);
  assert.match(await text(page.locator('[data-testid=response-context]')), /unknown kind\. Choose the request's kind under Kind/);
  assert.deepEqual(await markers(page), [['5:3', null]], 'the verb after <Hangup>');
  // Its kind gives it context: a status callback's answer is ignored.
  await page.selectOption('[data-testid=kind-select]', 'voice-status-callback');
  await page.waitForFunction(() => /voice-status-callback \(the kind you chose\)/.test(document.querySelector('[data-testid=response-context]')?.textContent));
  assert.equal(await page.locator('[data-testid=response-findings] .finding[data-code=response-ignored]').count(), 1);
  // Messaging: the same document is the wrong vocabulary.
  await page.selectOption('[data-testid=kind-select]', 'messaging-request');
  await page.waitForFunction(() => /reject this: 12200 at line 3, column 3/.test(document.querySelector('[data-testid=response-verdict]')?.textContent));
  // Connection overrides from the URL's fragment, out-of-range values flagged.
  await page.fill('[data-testid=url]', 'https://hooks.example.com/sms#ct=20000&rc=2');
  const overrides = page.locator('[data-testid=response] [data-testid=connection-overrides]');
  await overrides.waitFor();
  assert.equal(await overrides.locator('tr[data-key=ct]').getAttribute('data-valid'), 'false');
  assert.match(await text(overrides.locator('tr[data-key=ct]')), /20000 out of range 5000 \(default\)/);
  assert.match(await text(overrides), /at most 3 attempts/);
  assert.match(await text(overrides), /not part of the URL Twilio signs/);
  assert.equal(await page.locator('[data-testid=response-findings] .finding[data-code=connection-override-invalid]').count(), 1);
  assert.match(await text(verdict), /Twilio would reject this/);
  // A request without an answer still shows the overrides of its URL, on their own.
  await setInput(page, 'CallSid=CA5b7d9f1a3c5e47b9d1f3a5c7e9b1d3f5&AccountSid=AC3f9a1c5e7b2d4f6a8c0e1b3d5f7a9c2e&From=%2B14155550143&To=%2B14155550199&CallStatus=ringing&Direction=inbound&ApiVersion=2010-04-01');
  await page.waitForFunction(() => !document.querySelector('[data-testid=response]'));
  assert.equal(await page.locator('[data-testid=connection-overrides] tr[data-key=rc]').getAttribute('data-valid'), 'true');
  await page.close();
});

test('a hostile answer (20,000 unknown elements) gets a bounded view', async () => {
  const { page, errors } = await openApp(browser.context);
  const started = Date.now();
  // Pasted at once (as the 1 MB test does: typing it through fill() takes minutes).
  await page.evaluate((t) => {
    const area = document.querySelector('[data-testid=input]');
    area.value = t;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, `<Response>${'<Foo/>\n'.repeat(20000)}</Response>`);
  await page.locator('[data-testid=response-more]').waitFor({ timeout: 20000 });
  const ms = Date.now() - started;
  assert.match(await text(page.locator('[data-testid=response-more]')), /and 19801 more findings/);
  assert.equal(await page.locator('[data-testid=response-findings] .finding').count(), 200);
  const marks = await page.locator('[data-testid=response-marker]').count();
  assert.ok(marks > 190 && marks <= 200, `${marks} markers`);
  assert.ok(await page.locator('.tw-line').count() < 1500, 'lines around the markers only');
  assert.ok(ms < 15000, `${ms} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an answer travels in share links, redacted when asked', async () => {
  const { page } = await openApp(browser.context, '#example=response-12100');
  await page.locator('[data-testid=response]').waitFor();
  await page.check('[data-testid=redact]');
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#i='));
  const link = await page.inputValue('[data-testid=share-url]');
  assert.doesNotMatch(await text(page.locator('[data-testid=share-panel]')), /Could not redact/);
  const { page: other } = await openApp(browser.context, link.slice(BASE.length));
  const input = await other.inputValue('[data-testid=input]');
  assert.ok(!input.includes('10420042') && !input.includes('4155550143'), input);
  assert.match(input, /<Say>Order 55550\d{3} is ready/, 'the spoken text keeps its words, the number is fictional');
  // Same verdict, same position: the bare & is still there.
  assert.equal(await text(other.locator('[data-testid=response-verdict]')), '✕ Twilio would reject this: 12100 at line 3, column 62.');
  await other.close();
  await page.close();
});

test('readable in dark mode', async () => {
  const dark = await launch({ colorScheme: 'dark' });
  try {
    const { page } = await openApp(dark.context, '#example=response-12200');
    await page.locator('[data-testid=response-body]').waitFor();
    const colours = await page.evaluate(() => {
      const c = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
      return {
        code: c('[data-testid=response-body]', 'backgroundColor'),
        text: c('.tw-line:not(.tw-flagged) .tw-src', 'color'),
        verdict: c('[data-testid=response-verdict]', 'color'),
        marker: c('[data-testid=response-marker]', 'color'),
      };
    });
    assert.ok(luminance(colours.code) < 0.05, `code background ${colours.code}`);
    for (const k of ['text', 'verdict', 'marker']) {
      assert.ok(luminance(colours[k]) > 0.3, `${k} colour ${colours[k]} is light`);
    }
    await shot(page, 'response-dark');
    await page.close();
  } finally {
    await dark.close();
  }
});

test('usable at 375 px: the panel scrolls its body, the page does not overflow', async () => {
  const small = await launch({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  try {
    const { page } = await openApp(small.context, '#example=response-12200');
    await page.fill('[data-testid=url]', 'https://hooks.example.com/voice/incoming#ct=20000&rc=2');
    await page.locator('[data-testid=response] [data-testid=connection-overrides]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page overflows by ${overflow}px`);
    const body = await page.locator('[data-testid=response-body]').boundingBox();
    assert.ok(body.width <= 375, `body width ${body.width}`);
    await page.close();
  } finally {
    await small.close();
  }
});

test('embeds show an answer: alone with kind= and url=, by example, and in a frame', async () => {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS) || 10000);
  await page.goto(BASE + 'embed-demo.html');
  const inline = page.locator('[data-demo=inline-response]');
  await inline.locator('[data-testid=response]').waitFor({ timeout: 60000 });
  assert.equal(await text(inline.locator('[data-testid=response-verdict]')), '✕ Twilio would reject this: 12200 at line 7, column 3.');
  assert.match(await text(inline.locator('[data-testid=response-context]')), /voice-request \(the kind you chose\)/);
  assert.equal(await inline.locator('[data-testid=summary]').count(), 0);
  assert.equal(await inline.locator('[data-testid=connection-overrides] tr[data-key=ct]').getAttribute('data-valid'), 'true');
  assert.match(await text(inline.locator('[data-testid=response-urls]')), /https:\/\/hooks\.example\.com\/voice\/dial-status/);
  // Links inside the shadow root stay inside it, and leave the host page's address alone.
  await inline.locator('[data-testid=response-code]').click();
  await page.waitForFunction(() => document.querySelector('[data-demo=inline-response]').shadowRoot.activeElement?.dataset?.code === '12200');
  assert.equal(await page.evaluate(() => location.hash), '');
  const byExample = page.locator('twilio-webhook-inspector[example=response-json]');
  await byExample.locator('[data-testid=response]').waitFor();
  assert.deepEqual(await byExample.locator('[data-testid=response-code] strong').allTextContents(), ['12300', '12200']);
  await page.close();

  const frame = await browser.context.newPage();
  await frame.goto(BASE + 'embed.html#example=response-12200&theme=dark');
  await frame.locator('[data-testid=embed] [data-testid=response]').waitFor({ timeout: 20000 });
  assert.equal(await text(frame.locator('[data-testid=response-verdict]')), '✕ Twilio would reject this: 12200 at line 3, column 22.');
  assert.deepEqual((await markers(frame)).map((m) => m[0]), ['3:22', '4:5', '4:27']);
  await frame.locator('[data-testid=response-error-link]').first().click();
  await frame.waitForFunction(() => document.activeElement?.dataset?.code === '12200');
  assert.equal(await frame.getAttribute('[data-testid=embed-open]', 'href'), `${BASE}#example=response-12200`);
  await frame.close();
});
