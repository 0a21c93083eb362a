// Many captures at once: the timeline view (lanes, child legs nested under their parent,
// problems on their marks with their codes, a mark opens its capture in the inspector,
// keyboard use), the compare view (the core's diff highlighted, the signature sentence), and
// permalinks to both (never the token).
//
// tests/e2e/fixtures/timeline.log is a server log with a time prefix per line, built from the
// sequences of tests/data/timeline/ (calls.toml: a <Dial> whose first child leg's `ringing`
// arrived before its `initiated` and whose second leg skips SequenceNumbers; messages.toml:
// an SMS whose `delivered` arrived before `sent`, and a `delivered` retried by Twilio),
// re-dated to one morning.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { launch, openApp, setInput, kindId, fieldValue, BASE, ORIGIN, SCREENSHOTS } from './helpers.mjs';
import { messageLog } from './bench/many-log.mjs';

const LOG = readFileSync(new URL('./fixtures/timeline.log', import.meta.url), 'utf8');
const PARENT = 'CA5a1f0c2e9b7d4a6c8e0f1a2b3c4d5e6f';
const LEG1 = 'CA6b2e1d3f0c8e5b7d9f1a2b3c4d5e6f70';
const LEG2 = 'CA7c3f2e4a1d9f6c8e0a2b3c4d5e6f7081';
const SMS_LATE = 'SM9c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f';
const SMS_RETRY = 'SM7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b';
const TOKEN = '5e3b0c1f9a8d4e7b6c2a1f0e9d8c7b6a';
// The official libraries' signed example (token 12345) and the same request behind a
// TLS-terminating proxy (seen as http://): tests/data/diff/signature.toml.
const DOCS_BODY = 'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212';
const DOCS_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOCS_SIG = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function timelinePage(text = LOG) {
  const opened = await openApp(browser.context);
  if (text.length < 100_000) {
    await setInput(opened.page, text);
  } else {
    // Like a paste: one input event (Playwright's fill is slow on half a megabyte).
    await opened.page.evaluate((t) => {
      const area = document.querySelector('[data-testid=input]');
      area.value = t;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }
  await opened.page.waitForSelector('[data-testid=timeline]');
  return opened;
}

const marks = (page, sid) => page.$$eval(`[data-testid=tl-group][data-sid="${sid}"] [data-testid=tl-mark]`,
  (ms) => ms.map((m) => ({ id: m.id, status: m.dataset.status, codes: m.dataset.codes, x: parseFloat(m.style.left), cls: m.className, name: m.textContent.trim() })));
const mark = (page, sid, status, nth = 0) =>
  page.locator(`[data-testid=tl-group][data-sid="${sid}"] [data-testid=tl-mark][data-status="${status}"]`).nth(nth);
const active = (page) => page.evaluate(() => ({ id: document.activeElement?.id, status: document.activeElement?.dataset.status, testid: document.activeElement?.dataset.testid }));

test('a pasted log becomes a timeline: one block per call or message, child legs nested under their parent', async () => {
  const { page, errors } = await timelinePage();
  assert.match(await page.textContent('[data-testid=tl-summary]'), /^14 captures read as a server log · 5 groups · 4 problems/);
  const groups = await page.$$eval('[data-testid=tl-group]', (gs) => gs.map((g) => [g.dataset.sid, g.dataset.depth, g.dataset.parent ?? null]));
  assert.deepEqual(groups, [
    [PARENT, '0', null],
    [LEG1, '1', PARENT],
    [LEG2, '1', PARENT],
    [SMS_LATE, '0', null],
    [SMS_RETRY, '0', null],
  ]);
  // Child legs are drawn indented under their parent.
  const x = async (sid) => (await page.locator(`[data-testid=tl-group][data-sid="${sid}"] .tl-group-head`).boundingBox()).x;
  assert.ok(await x(LEG1) > await x(PARENT) + 10, 'the child leg is indented');
  // Which ordering each lane used is said, per lane and overall.
  const lanes = await page.$$eval('[data-testid=tl-lane]', (ls) => ls.map((l) => [l.dataset.lifecycle, l.dataset.orderedBy]));
  assert.deepEqual(lanes, [
    ['requests', 'received-at'], ['call', 'received-at'], // the parent: its voice request, its status callback
    ['call', 'sequence-number'], ['call', 'sequence-number'], ['message', 'received-at'], ['message', 'received-at'],
  ]);
  assert.match(await page.textContent(`[data-testid=tl-group][data-sid="${LEG1}"] [data-testid=tl-ordered-by]`), /ordered by SequenceNumber/);
  assert.match(await page.textContent('[data-testid=tl-orderings]'), /Ordered by: SequenceNumber \(2 lanes\), receive time \(4 lanes\)/);
  // A lane in Twilio's order, each mark at its Timestamp (left to right).
  const leg = await marks(page, LEG1);
  assert.deepEqual(leg.map((m) => m.status), ['initiated', 'ringing', 'in-progress', 'completed']);
  assert.ok(leg.every((m, i) => i === 0 || m.x > leg[i - 1].x), JSON.stringify(leg.map((m) => m.x)));
  assert.equal(leg[0].x, 0);
  assert.equal(leg[3].x, 100);
  // The input panel says what it read; no single-request report is shown.
  assert.match(await page.textContent('[data-testid=format-select] option[value=""]'), /many captures \(a server log\)/);
  assert.equal(await page.locator('[data-testid=summary]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('problems are highlighted on their marks and listed with their codes', async () => {
  const { page } = await timelinePage();
  const late = await marks(page, SMS_LATE);
  assert.deepEqual(late.map((m) => [m.status, m.codes]), [['queued', ''], ['delivered', ''], ['sent', 'timeline-out-of-order']]);
  assert.match(late[2].cls, /tl-problem/);
  assert.match(late[2].cls, /sev-warning/);
  assert.doesNotMatch(late[0].cls, /tl-problem/);
  assert.ok(late[2].x > late[1].x, '`sent` sits after `delivered`: it arrived later');
  const retry = await marks(page, SMS_RETRY);
  assert.deepEqual(retry.map((m) => [m.status, m.codes]), [['sent', ''], ['delivered', ''], ['delivered', 'timeline-duplicate']]);
  // The leg's `initiated` arrived second: the mark says so (its accessible name too).
  const leg = await marks(page, LEG1);
  assert.equal(leg[0].codes, 'timeline-out-of-order');
  assert.match(leg[0].name, /^initiated — SequenceNumber 0, .*arrived 2nd, problems: timeline-out-of-order, line 3$/);
  // The skipped SequenceNumbers are the second leg's own problem.
  assert.equal(await page.getAttribute(`[data-testid=tl-group][data-sid="${LEG2}"] .badge`, 'data-code'), 'timeline-sequence-gap');
  // Every problem listed with its code, in the picture's order.
  const listed = await page.$$eval('[data-testid=tl-problem]', (ps) => ps.map((p) => p.dataset.code));
  assert.deepEqual(listed, ['timeline-out-of-order', 'timeline-sequence-gap', 'timeline-out-of-order', 'timeline-duplicate']);
  const dup = page.locator('[data-testid=tl-problem][data-code=timeline-duplicate]');
  assert.match(await dup.textContent(), /'delivered' arrived again \(first at line 13\).*idempotent/);
  assert.equal((await dup.locator('[data-testid=tl-problem-open]').textContent()).trim(), 'Open line 14');
  // Only the groups with a problem.
  await page.check('[data-testid=tl-problems-only]');
  assert.deepEqual(await page.$$eval('[data-testid=tl-group]', (gs) => gs.map((g) => g.dataset.sid)), [LEG1, LEG2, SMS_LATE, SMS_RETRY]);
  await page.close();
});

test('clicking a mark opens that capture in the inspector; Back returns to the timeline', async () => {
  const { page } = await timelinePage();
  await mark(page, SMS_RETRY, 'delivered', 1).click();
  await page.waitForSelector('[data-testid=tl-back]');
  assert.match(await page.textContent('[data-testid=tl-back]'), /Showing line 14 \(14 of 14\) from the timeline/);
  assert.equal((await active(page)).testid, 'tl-back-button', 'the focus moves to the way back');
  assert.equal(await kindId(page), 'message-status-callback');
  assert.equal(await fieldValue(page, 'MessageStatus'), 'delivered');
  assert.equal(await fieldValue(page, 'MessageSid'), SMS_RETRY);
  assert.match(await page.inputValue('[data-testid=input]'), /^MessageSid=SM7e8f.*MessageStatus=delivered/);
  await page.click('[data-testid=tl-back-button]');
  await page.waitForSelector('[data-testid=timeline]');
  assert.equal(await page.inputValue('[data-testid=input]'), LOG);
  await page.waitForFunction(() => document.activeElement?.id === 'tl-m-13');
  // A problem's "Open" link does the same.
  await page.click('[data-testid=tl-problem][data-code=timeline-sequence-gap] + [data-testid=tl-problem] [data-testid=tl-problem-open]');
  await page.waitForSelector('[data-testid=tl-back]');
  assert.equal(await fieldValue(page, 'MessageStatus'), 'sent');
  assert.match(await page.textContent('[data-testid=tl-back]'), /line 11/);
  await page.close();
});

test('keyboard: marks are buttons in tab order, arrow keys move between them, Enter opens', async () => {
  const { page } = await timelinePage();
  const first = mark(page, LEG1, 'initiated');
  await first.focus();
  assert.notEqual(await first.evaluate((el) => getComputedStyle(el).outlineStyle), 'none', 'focus is visible');
  await page.keyboard.press('ArrowRight');
  assert.equal((await active(page)).status, 'ringing');
  await page.keyboard.press('End');
  assert.equal((await active(page)).status, 'completed');
  await page.keyboard.press('Home');
  assert.equal((await active(page)).status, 'initiated');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=tl-group]').dataset.sid), LEG2);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=tl-group]').dataset.sid), PARENT);
  // Tab goes on to the next mark.
  await page.keyboard.press('Tab');
  assert.equal((await active(page)).testid, 'tl-mark');
  // Enter opens the focused mark's capture.
  await mark(page, SMS_LATE, 'sent').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=tl-back]');
  assert.equal(await fieldValue(page, 'MessageStatus'), 'sent');
  await page.keyboard.press('Enter'); // the focused Back button
  await page.waitForSelector('[data-testid=timeline]');
  await page.waitForFunction(() => document.activeElement?.dataset.status === 'sent');
  await page.close();
});

test('two marks compared side by side: the changed fields are highlighted', async () => {
  const { page } = await timelinePage();
  assert.ok(await page.isDisabled('[data-testid=tl-compare]'), 'Compare waits for two marks');
  await page.click('[data-testid=tl-select]');
  assert.equal(await page.getAttribute('[data-testid=tl-select]', 'aria-pressed'), 'true');
  await mark(page, SMS_RETRY, 'sent').click();
  await mark(page, SMS_RETRY, 'delivered', 1).click();
  assert.equal(await mark(page, SMS_RETRY, 'sent').getAttribute('aria-pressed'), 'true');
  assert.equal(await mark(page, SMS_RETRY, 'delivered', 0).getAttribute('aria-pressed'), 'false');
  assert.match(await page.textContent('[data-testid=tl-picked]'), /Picked: line 12 and line 14/);
  assert.equal(await page.locator('[data-testid=tl-back]').count(), 0, 'in select mode a mark does not open');
  await page.click('[data-testid=tl-compare]');
  await page.waitForSelector('[data-testid=compare]');
  assert.ok(page.url().endsWith('#compare'), page.url());
  assert.match(await page.inputValue('[data-testid=cmp-input-a]'), /SmsStatus=sent&MessageStatus=sent/);
  assert.match(await page.inputValue('[data-testid=cmp-input-b]'), /SmsStatus=delivered&MessageStatus=delivered/);
  const rows = await page.$$eval('[data-testid=cmp-row]', (rs) => rs.map((r) => [r.dataset.name, r.dataset.change]));
  assert.deepEqual(rows, [['SmsStatus', 'changed'], ['MessageStatus', 'changed']]);
  const row = page.locator('[data-testid=cmp-row][data-name=MessageStatus]');
  assert.equal(await row.locator('mark.cmp-del').textContent(), 'sent');
  assert.equal(await row.locator('mark.cmp-ins').textContent(), 'delivered');
  assert.match(await page.textContent('[data-testid=cmp-sentence]'), /change what Twilio signs, first: parameter SmsStatus/);
  assert.match(await page.textContent('[data-testid=cmp-same]'), /6 identical fields in A/);
  // The browser's Back button returns to the timeline.
  await page.goBack();
  await page.waitForSelector('[data-testid=timeline]');
  await page.close();
});

test("compare page: the sentence names what breaks B's signature (http behind a TLS proxy), and a removed field", async () => {
  const { page, requests } = await openApp(browser.context, '#compare');
  await page.waitForSelector('[data-testid=cmp-empty]');
  await page.fill('[data-testid=cmp-input-a]', DOCS_BODY);
  await page.fill('[data-testid=cmp-url-a]', DOCS_URL);
  await page.fill('[data-testid=cmp-sig-a]', DOCS_SIG);
  await page.fill('[data-testid=cmp-input-b]', DOCS_BODY);
  await page.fill('[data-testid=cmp-url-b]', DOCS_URL.replace('https:', 'http:'));
  await page.fill('[data-testid=cmp-sig-b]', DOCS_SIG);
  await page.fill('[data-testid=cmp-token]', '12345');
  await page.waitForFunction(() => /A: valid · B: invalid/.test(document.querySelector('[data-testid=cmp-verdicts]')?.textContent));
  const sentence = await page.textContent('[data-testid=cmp-sentence]');
  assert.match(sentence, /^B's signature fails where A's passes because/);
  assert.match(sentence, /scheme-mismatch/);
  assert.match(await page.textContent('[data-testid=cmp-url-part]'), /scheme: https → http/);
  assert.equal(await page.locator('[data-testid=cmp-no-difference]').count(), 1, 'no field differs');
  // Now B lost a parameter on the way (same URL): param-missing, and the row says removed.
  await page.fill('[data-testid=cmp-url-b]', DOCS_URL);
  await page.fill('[data-testid=cmp-input-b]', DOCS_BODY.replace('Digits=1234&', ''));
  await page.waitForSelector('[data-testid=cmp-row][data-name=Digits][data-change=removed]');
  assert.match(await page.textContent('[data-testid=cmp-sentence]'), /^B's signature fails where A's passes because .*Digits/);
  assert.equal(await page.getAttribute('[data-testid=cmp-signed-difference]', 'data-code'), 'param-missing');
  assert.match(await page.textContent('[data-testid=cmp-row][data-name=Digits]'), /removed.*signed.*1234/);
  // Swap: now A lacks it.
  await page.click('[data-testid=cmp-swap]');
  await page.waitForSelector('[data-testid=cmp-row][data-name=Digits][data-change=added]');
  assert.ok(requests.every((u) => u.startsWith(new URL(BASE).origin)), 'nothing left the page');
  await page.close();
});

test('share links: the timeline and the comparison come back; the token never travels', async () => {
  const { page } = await timelinePage();
  await page.fill('[data-testid=token-0]', TOKEN);
  await page.waitForSelector('[data-testid=timeline]');
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#i=1'));
  const link = await page.inputValue('[data-testid=share-url]');
  assert.ok(!link.includes(TOKEN));
  const { page: other } = await openApp(browser.context, link.slice(BASE.length));
  await other.waitForSelector('[data-testid=timeline]');
  assert.match(await other.textContent('[data-testid=tl-summary]'), /^14 captures read as a server log · 5 groups · 4 problems/);
  assert.equal(await other.inputValue('[data-testid=token-0]'), '');
  await other.close();

  // Redacted: every capture's numbers are replaced with one mapping, the timeline is intact.
  await page.check('[data-testid=redact]');
  await page.waitForFunction(() => /Redacted \d+ values/.test(document.querySelector('[data-testid=share-panel]')?.textContent));
  const redacted = await page.inputValue('[data-testid=share-url]');
  const { page: red } = await openApp(browser.context, redacted.slice(BASE.length));
  await red.waitForSelector('[data-testid=timeline]');
  const text = await red.inputValue('[data-testid=input]');
  for (const n of ['4155550100', '4155550199', '4155550142', '31201234567']) assert.ok(!text.includes(n), `${n} is redacted`);
  assert.match(await red.textContent('[data-testid=tl-summary]'), /^14 captures read as a server log · 5 groups · 4 problems/);
  await red.close();
  await page.close();

  // The comparison: both sides, URLs and signatures; never the token.
  const { page: cmp } = await openApp(browser.context, '#compare');
  await cmp.fill('[data-testid=cmp-input-a]', DOCS_BODY);
  await cmp.fill('[data-testid=cmp-url-a]', DOCS_URL);
  await cmp.fill('[data-testid=cmp-sig-a]', DOCS_SIG);
  await cmp.fill('[data-testid=cmp-input-b]', DOCS_BODY);
  await cmp.fill('[data-testid=cmp-url-b]', DOCS_URL.replace('https:', 'http:'));
  await cmp.fill('[data-testid=cmp-sig-b]', DOCS_SIG);
  await cmp.fill('[data-testid=cmp-token]', '12345');
  await cmp.click('[data-testid=share]');
  await cmp.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#compare=1'));
  const pairLink = await cmp.inputValue('[data-testid=share-url]');
  assert.ok(!pairLink.includes('12345'), 'the token is not in the link');
  const { page: back } = await openApp(browser.context, pairLink.slice(BASE.length));
  await back.waitForSelector('[data-testid=cmp-sentence]');
  assert.equal(await back.inputValue('[data-testid=cmp-input-b]'), DOCS_BODY);
  assert.equal(await back.inputValue('[data-testid=cmp-url-b]'), DOCS_URL.replace('https:', 'http:'));
  assert.equal(await back.inputValue('[data-testid=cmp-sig-a]'), DOCS_SIG);
  assert.equal(await back.inputValue('[data-testid=cmp-token]'), '');
  assert.match(await back.textContent('[data-testid=cmp-url-part]'), /scheme: https → http/);
  assert.match(await back.textContent('[data-testid=cmp-verdicts]'), /A: no-token · B: no-token/);
  // With the token typed again, the verdicts come back.
  await back.fill('[data-testid=cmp-token]', '12345');
  await back.waitForFunction(() => /A: valid · B: invalid/.test(document.querySelector('[data-testid=cmp-verdicts]')?.textContent));
  // Editing a side drops the stale payload from the address bar.
  await back.fill('[data-testid=cmp-input-a]', DOCS_BODY + '&x=1');
  await back.waitForFunction(() => location.hash === '#compare');
  await back.close();
  await cmp.close();
});

test('a timeline link reopens the marks picked for Compare (redacted too); never the token', async () => {
  const { page } = await timelinePage();
  await page.fill('[data-testid=token-0]', TOKEN);
  await page.click('[data-testid=tl-select]');
  await mark(page, SMS_RETRY, 'sent').click();
  await mark(page, SMS_RETRY, 'delivered', 1).click();
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-url]')?.value.includes('#i=1'));
  const link = await page.inputValue('[data-testid=share-url]');
  assert.ok(!link.includes(TOKEN), 'the token is not in the link');
  const reopened = async (url) => {
    const { page: other } = await openApp(browser.context, url.slice(BASE.length));
    await other.waitForSelector('[data-testid=timeline]');
    assert.equal(await other.getAttribute('[data-testid=tl-select]', 'aria-pressed'), 'true', 'select mode shows the picks');
    assert.match(await other.textContent('[data-testid=tl-picked]'), /Picked: line 12 and line 14/);
    assert.equal(await mark(other, SMS_RETRY, 'sent').getAttribute('aria-pressed'), 'true');
    assert.equal(await mark(other, SMS_RETRY, 'delivered', 1).getAttribute('aria-pressed'), 'true');
    assert.equal(await mark(other, SMS_RETRY, 'delivered', 0).getAttribute('aria-pressed'), 'false');
    assert.equal(await other.inputValue('[data-testid=token-0]'), '');
    assert.ok(!(await other.isDisabled('[data-testid=tl-compare]')), 'Compare is ready');
    return other;
  };
  const other = await reopened(link);
  await other.click('[data-testid=tl-compare]');
  await other.waitForSelector('[data-testid=compare]');
  assert.match(await other.inputValue('[data-testid=cmp-input-a]'), /SmsStatus=sent&MessageStatus=sent/);
  assert.match(await other.inputValue('[data-testid=cmp-input-b]'), /SmsStatus=delivered&MessageStatus=delivered/);
  await other.close();
  // Picking another mark changes the link; a redacted link keeps the picks.
  await page.check('[data-testid=redact]');
  await page.waitForFunction(() => /Redacted \d+ values/.test(document.querySelector('[data-testid=share-panel]')?.textContent));
  const redacted = await page.inputValue('[data-testid=share-url]');
  assert.notEqual(redacted, link);
  const red = await reopened(redacted);
  assert.ok(!(await red.inputValue('[data-testid=input]')).includes('4155550199'), 'redacted');
  await red.close();
  // Without picks, the link opens the timeline as before.
  await page.uncheck('[data-testid=redact]');
  await mark(page, SMS_RETRY, 'sent').click();
  await mark(page, SMS_RETRY, 'delivered', 1).click();
  await page.waitForFunction((old) => {
    const v = document.querySelector('[data-testid=share-url]')?.value;
    return v && v.includes('#i=1') && v !== old;
  }, link);
  const bare = await page.inputValue('[data-testid=share-url]');
  const { page: plain } = await openApp(browser.context, bare.slice(BASE.length));
  await plain.waitForSelector('[data-testid=timeline]');
  assert.equal(await plain.getAttribute('[data-testid=tl-select]', 'aria-pressed'), 'false');
  assert.equal(await plain.locator('.tl-picked').count(), 0);
  await plain.close();
  await page.close();
});

// Two callbacks as JSON Lines objects with their method, URL and headers: a GET status
// callback (signed over the URL alone) and a JSON status event (signed with bodySHA256).
function jsonLinesCaptures() {
  const sign = (url) => createHmac('sha1', TOKEN).update(url).digest('base64');
  const call = 'AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01&CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing&Direction=inbound&From=%2B14155550100&To=%2B14155550199';
  const getUrl = `https://hooks.example.com/voice/status?${call}`;
  const body = JSON.stringify({ CallSid: 'CA0123456789abcdef0123456789abcdef', CallStatus: 'completed', AccountSid: 'AC0123456789abcdef0123456789abcdef' });
  const jsonUrl = `https://hooks.example.com/voice/events?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
  return [
    { input: call, method: 'GET', url: getUrl, headers: { 'X-Twilio-Signature': sign(getUrl), 'I-Twilio-Idempotency-Token': 'idem-1' }, receivedAt: '2025-06-03T10:00:00Z' },
    { input: body, method: 'POST', url: jsonUrl, headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': sign(jsonUrl) }, receivedAt: '2025-06-03T10:00:09Z' },
  ].map((o) => JSON.stringify(o)).join('\n') + '\n';
}

test("a mark opens its capture with its method, Content-Type and headers: the inspector's verdict is the timeline's", async () => {
  const { page } = await timelinePage(jsonLinesCaptures());
  assert.equal(await page.locator('[data-testid=tl-mark]').count(), 2);
  for (const [i, method, start, extra] of [
    [0, 'GET', /^GET \/voice\/status HTTP\/1\.1\nHost: hooks\.example\.com\n/, /\nI-Twilio-Idempotency-Token: idem-1\n/],
    [1, 'POST', /^POST \/voice\/events HTTP\/1\.1\nHost: hooks\.example\.com\n/, /\nContent-Type: application\/json\n/],
  ]) {
    const m = page.locator(`[data-testid=tl-mark][data-capture="${i}"]`);
    // The timeline's verdict on the capture: its kind's status, and no error in its report.
    const timelineErrors = await m.evaluate((el) => el.classList.contains('tl-report-errors'));
    await m.click();
    await page.waitForSelector('[data-testid=tl-back]');
    const input = await page.inputValue('[data-testid=input]');
    assert.match(input, start, input);
    assert.match(input, extra, input);
    assert.equal((await page.textContent('[data-testid=summary] .method')).trim(), method);
    const errors = Number((await page.textContent('[data-testid=count-error]')).match(/\d+/)[0]);
    assert.equal(errors > 0, timelineErrors, `capture ${i}: ${errors} errors in the inspector`);
    // With the token, the signature over what Twilio signed (the URL for a GET, the URL
    // with bodySHA256 for JSON) is valid: the method and Content-Type were kept.
    await page.fill('[data-testid=token-0]', TOKEN);
    await page.waitForSelector('[data-testid=signature-panel].sig-valid');
    await page.fill('[data-testid=token-0]', '');
    await page.click('[data-testid=tl-back-button]');
    await page.waitForSelector('[data-testid=timeline]');
  }
  await page.close();
});

test('Copy JSON on the timeline copies the core timeline (the CLI timeline --json shape), never the token', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  const { page } = await timelinePage();
  await page.fill('[data-testid=token-0]', TOKEN);
  const button = page.locator('[data-testid=timeline] [data-testid=copy-json]');
  assert.equal(await button.evaluate((el) => el.tagName), 'BUTTON');
  assert.equal((await button.textContent()).trim(), 'Copy JSON', 'its accessible name is its text');
  await button.click();
  await page.waitForFunction(() => /Timeline JSON copied/.test(document.querySelector('[data-testid=notice]')?.textContent));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(!text.includes(TOKEN));
  const t = JSON.parse(text);
  assert.equal(t.format, 'log');
  assert.equal(t.captures, 14);
  assert.deepEqual(t.groups.map((g) => g.sid), [PARENT, LEG1, LEG2, SMS_LATE, SMS_RETRY]);
  const codes = t.groups.flatMap((g) => [...g.findings, ...g.lanes.flatMap((l) => l.entries.flatMap((e) => e.findings))]).map((f) => f.code);
  assert.deepEqual(codes.sort(), ['timeline-duplicate', 'timeline-out-of-order', 'timeline-out-of-order', 'timeline-sequence-gap']);
  await page.close();
});

test('a 2,000-capture log is drawn a page at a time, with every problem counted', async () => {
  const { page } = await timelinePage(messageLog(2000));
  // Counts from the CLI's `timeline --json` over the same log (65 out-of-order arrivals,
  // 64 retries, 1 message still queued).
  assert.match(await page.textContent('[data-testid=tl-summary]'), /^2,000 captures read as a server log · 646 groups · 130 problems/);
  assert.equal(await page.locator('[data-testid=tl-group]').count(), 50);
  assert.match(await page.textContent('[data-testid=tl-more]'), /Show 50 more \(596 not shown\)/);
  await page.click('[data-testid=tl-more]');
  assert.equal(await page.locator('[data-testid=tl-group]').count(), 100);
  assert.equal(await page.locator('[data-testid=tl-problem]').count(), 50);
  await page.click('[data-testid=tl-more-problems]');
  assert.equal(await page.locator('[data-testid=tl-problem]').count(), 100);
  await page.check('[data-testid=tl-problems-only]');
  assert.equal(await page.locator('[data-testid=tl-group]').count(), 50);
  assert.match(await page.textContent('[data-testid=tl-more]'), /\(80 not shown\)/);
  assert.equal(await page.locator('[data-testid=tl-group]:not(.tl-group-problem)').count(), 0);
  // The last message of the log never got past `queued`: its lane ends open.
  await page.click('[data-testid=tl-more]');
  await page.click('[data-testid=tl-more]');
  assert.equal(await page.locator('[data-testid=tl-group]').count(), 130);
  const last = page.locator('[data-testid=tl-group]').last();
  assert.equal(await last.locator('.badge').getAttribute('data-code'), 'timeline-missing-terminal');
  assert.equal(await last.locator('[data-testid=tl-open-end]').count(), 1);
  assert.deepEqual(await last.locator('[data-testid=tl-mark]').evaluateAll((ms) => ms.map((m) => m.dataset.status)), ['queued']);
  await page.close();
});

// The test writes only the ignored tests/e2e/screenshots/timeline.png; docs/timeline.png
// (tracked, shown in the README) is refreshed by hand from it:
// `cp tests/e2e/screenshots/timeline.png docs/timeline.png`.
test('screenshot for the README (tests/e2e/screenshots/timeline.png)', async () => {
  const { page } = await timelinePage();
  // The sticky top bar would cover the top of a tall element's screenshot.
  await page.evaluate(() => { document.querySelector('.topbar').style.position = 'static'; });
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, 'timeline.png');
  await page.locator('[data-testid=timeline]').screenshot({ path });
  const groups = await page.locator('[data-testid=tl-group]').count();
  assert.equal(groups, 5, 'the screenshot shows the sample timeline');
  await page.close();
});
