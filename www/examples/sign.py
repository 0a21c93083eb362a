#!/usr/bin/env python3
"""Computes X-Twilio-Signature for the signed demo examples (www/examples/*-signed*.http).

  python3 sign.py sms-signed.http                                  # valid for https://hooks.example.com/twilio/sms
  python3 sign.py voice-signed-http.http http://hooks.example.com/twilio/voice
      # signed over http:// although Twilio requested https:// (what a TLS-terminating proxy
      # makes an app rebuild): the signature doctor should name the scheme.

Run once by hand; the result is hardcoded in the example file. The demo token is public and
only used by the example button ("Incoming SMS, signed") so that the signature panel can show
a valid verdict; it is not a real credential.

Algorithm (Twilio helper libraries): HMAC-SHA1 over URL + for each key in sorted order, its
sorted values appended as key+value; base64.
"""
import base64, hashlib, hmac, sys
from urllib.parse import parse_qsl

DEMO_TOKEN = "c0ffee00c0ffee00c0ffee00c0ffee00"
URL = "https://hooks.example.com/twilio/sms"

def sign(token, url, body):
    pairs = parse_qsl(body, keep_blank_values=True)
    by_key = {}
    for k, v in pairs:
        by_key.setdefault(k, set()).add(v)
    s = url
    for k in sorted(by_key):
        for v in sorted(by_key[k]):
            s += k + v
    return base64.b64encode(hmac.new(token.encode(), s.encode(), hashlib.sha1).digest()).decode()

if __name__ == "__main__":
    # usage: sign.py FILE.http [URL]   (URL defaults to the SMS example's)
    body = open(sys.argv[1]).read().split("\n\n", 1)[1].strip()
    url = sys.argv[2] if len(sys.argv) > 2 else URL
    print("Content-Length:", len(body.encode()))
    print("X-Twilio-Signature:", sign(DEMO_TOKEN, url, body))
