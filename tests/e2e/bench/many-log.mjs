// A server log of `n` message status callbacks (constructed: the shape of the log lines in
// tests/data/timeline/messages.toml), one time-prefixed form body per line: every message
// goes queued → sent → delivered, every tenth has `delivered` arriving before `sent`, and
// every tenth (another one) has its `delivered` retried. Used by the timeline benchmark
// (render.mjs) and the timeline tests.
export function messageLog(n) {
  const hex = (v, w = 32) => v.toString(16).padStart(w, '0');
  const lines = [];
  let t = Date.parse('2025-03-04T09:00:00Z');
  for (let m = 0; lines.length < n; m++) {
    const sid = 'SM' + hex(m * 7919 + 12345);
    const statuses = ['queued', 'sent', 'delivered'];
    if (m % 10 === 3) statuses.splice(1, 2, 'delivered', 'sent');
    if (m % 10 === 5) statuses.push('delivered');
    for (const s of statuses) {
      t += 137;
      lines.push(`${new Date(t).toISOString()} INFO POST /twilio/status MessageSid=${sid}&SmsSid=${sid}`
        + `&SmsStatus=${s}&MessageStatus=${s}&AccountSid=AC${hex(42)}&From=%2B14155550100`
        + `&To=%2B1415555${String(m % 10000).padStart(4, '0')}&ApiVersion=2010-04-01`);
    }
  }
  return lines.slice(0, n).join('\n') + '\n';
}
