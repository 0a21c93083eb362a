#!/usr/bin/env python3
"""Writes a synthetic status-callback log for the `timeline` throughput measurement.

Usage: python3 tools/gen_timeline_log.py LINES > log.txt

One line per callback, `YYYY-MM-DD HH:MM:SS.mmm INFO POST /status <form body>`: messages
going queued → sent → delivered (every 50th retried, every 70th with sent arriving after
delivered, every 90th undelivered with ErrorCode 30003) and calls going initiated → ringing
→ in-progress → completed with SequenceNumber and Timestamp. Deterministic.
"""
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

AC = "AC0123456789abcdef0123456789abcdef"
T0 = datetime(2024, 5, 29, 10, 0, 0, tzinfo=timezone.utc)


def message(i):
    sid = f"SM{i:032x}"
    statuses = ["queued", "sent", "delivered"]
    if i % 90 == 0:
        statuses[2] = "undelivered"
    if i % 70 == 0:
        statuses[1], statuses[2] = statuses[2], statuses[1]
    if i % 50 == 0:
        statuses.append(statuses[-1])
    for st in statuses:
        extra = "&ErrorCode=30003" if st == "undelivered" else ""
        yield (f"MessageSid={sid}&SmsSid={sid}&MessageStatus={st}&SmsStatus={st}&AccountSid={AC}"
               f"&From=%2B14155550100&To=%2B14155550199&ApiVersion=2010-04-01{extra}")


def call(i, t):
    sid = f"CA{i:032x}"
    for seq, st in enumerate(["initiated", "ringing", "in-progress", "completed"]):
        ts = quote((t + timedelta(seconds=seq * 5)).strftime("%a, %d %b %Y %H:%M:%S +0000"))
        extra = "&CallDuration=5" if st == "completed" else ""
        yield (f"CallSid={sid}&AccountSid={AC}&CallStatus={st}&CallbackSource=call-progress-events"
               f"&SequenceNumber={seq}&Timestamp={ts}&Direction=outbound-api&From=%2B14155550100"
               f"&To=%2B14155550199&ApiVersion=2010-04-01{extra}")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = sys.stdout
    written, i = 0, 0
    while written < n:
        t = T0 + timedelta(milliseconds=written * 7)
        body = call(i, t) if i % 4 == 3 else message(i)
        for line in body:
            stamp = (T0 + timedelta(milliseconds=written * 7)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
            out.write(f"{stamp} INFO POST /status {line}\n")
            written += 1
            if written >= n:
                break
        i += 1


if __name__ == "__main__":
    main()
