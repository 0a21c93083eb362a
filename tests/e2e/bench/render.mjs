// Paste → rendered report in headless Chromium: the MMS example and a 1 MB paste; then paste →
// drawn timeline for a 2,000-capture server log (bench/many-log.mjs). Not a test (nothing is
// asserted on time): bash scripts/bench.sh runs it against dist/.
// For each paste the input is set and an `input` event dispatched inside the page, and the
// time runs until the DOM shows the new report rows (a MutationObserver stops the clock).
import { launch, openApp } from '../helpers.mjs';
import { messageLog } from './many-log.mjs';

const mms = [
  'MessageSid=MM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef',
  'From=%2B14155550100&To=%2B14155550199&Body=Photos+from+the+trip&NumMedia=10&NumSegments=1&ApiVersion=2010-04-01',
  ...Array.from({ length: 10 }, (_, i) =>
    `MediaContentType${i}=image%2Fjpeg&MediaUrl${i}=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC0123456789abcdef0123456789abcdef%2FMessages%2FMM0123456789abcdef0123456789abcdef%2FMedia%2FME0123456789abcdef0123456789abcde${i}`),
].join('&');
const pair = 'Note=lorem+ipsum+dolor+sit+amet&';
const big = 'MessageSid=SM0123456789abcdef0123456789abcdef&' + pair.repeat(Math.floor((1024 * 1024) / pair.length));

const browser = await launch();
const { page } = await openApp(browser.context);
const results = [];
for (const [name, text, fields] of [['MMS example (10 media)', mms, 26], ['1 MB paste', big, null]]) {
  const samples = [];
  for (let round = 0; round < (fields ? 7 : 3); round++) {
    // Start from another input so every round renders afresh.
    await page.fill('[data-testid=input]', 'A=1');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=field-row]').length === 1, null, { timeout: 20000 });
    const ms = await page.evaluate(async ({ text }) => {
      const area = document.querySelector('[data-testid=input]');
      const t0 = performance.now();
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      // Stop the clock at the DOM mutation that shows the new rows (not at the next frame).
      return await new Promise((resolve) => {
        const done = () => document.querySelectorAll('[data-testid=field-row]').length > 1;
        if (done()) return resolve(performance.now() - t0);
        const observer = new MutationObserver(() => {
          if (done()) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    }, { text });
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  results.push({ name, bytes: text.length, medianMs: samples[samples.length >> 1] });
}

// Many captures: a 2,000-capture log pasted at once, timed until the timeline shows its marks
// and the summary counts all 2,000 (the app reads, inspects and groups every capture first).
// The first paste runs the timeline code for the first time (the browser compiles and
// optimises it as it goes); the median is over the pastes after it.
const log = messageLog(2000);
const timeline = [];
for (let round = 0; round < 7; round++) {
  await page.fill('[data-testid=input]', 'A=1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=field-row]').length === 1, null, { timeout: 20000 });
  const ms = await page.evaluate(async ({ text }) => {
    const area = document.querySelector('[data-testid=input]');
    const t0 = performance.now();
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    return await new Promise((resolve) => {
      const done = () => /^2,000 captures/.test(document.querySelector('[data-testid=tl-summary]')?.textContent ?? '')
        && document.querySelector('[data-testid=tl-mark]');
      if (done()) return resolve(performance.now() - t0);
      const observer = new MutationObserver(() => {
        if (done()) {
          observer.disconnect();
          resolve(performance.now() - t0);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, { text: log });
  timeline.push(ms);
}
await browser.close();
console.log('\n| paste → rendered report (headless Chromium) | bytes | median ms |\n|---|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.bytes.toLocaleString('en-US')} | ${r.medianMs.toFixed(1)} |`);
const rest = timeline.slice(1).sort((a, b) => a - b);
console.log('\n| paste → drawn timeline (headless Chromium) | bytes | first paste ms | median ms (next 6) |\n|---|---:|---:|---:|');
console.log(`| 2,000-capture server log | ${log.length.toLocaleString('en-US')} | ${timeline[0].toFixed(1)} | ${rest[rest.length >> 1].toFixed(1)} |`);
