"""Differential signature vectors, step 2 of 3 (see tools/sigdiff/README.md).

Reads gen.mjs's JSON Lines on stdin; fills in the signatures python signs
(RequestValidator.compute_signature over its own add_port/remove_port URL) and sets
`python_valid` from twilio-python's RequestValidator.validate (werkzeug MultiDict for form
parameters, the body string for JSON, {} for GET). An exception counts as False and is
named in `note`. Needs `pip install twilio==9.13.0 werkzeug`.
"""
import json
import logging
import sys
from urllib.parse import urlparse

from twilio.request_validator import RequestValidator, add_port, get_signature_algorithm, remove_port
from werkzeug.datastructures import MultiDict


def params_for(row):
    if row["content_type"] == "application/json":
        return row["body"]
    if row["method"] == "GET":
        return {}
    return MultiDict(row["params"])


def main():
    logging.disable(logging.WARNING)  # "unsupported algorithm" is recorded as False
    for line in sys.stdin:
        row = json.loads(line)
        notes = []
        if row["signature"] is None:
            sign = row["sign"]
            try:
                parsed = urlparse(row["url"])
                url = add_port(parsed) if sign["python_add_port"] else remove_port(parsed)
                params = {} if row["content_type"] == "application/json" else params_for(row)
                algorithm = get_signature_algorithm(row.get("signature_settings"))
                if algorithm.upper() not in ("HMAC_SHA1", "HMAC_SHA256"):
                    algorithm = "HMAC_SHA256"
                row["signature"] = RequestValidator(sign["token"]).compute_signature(url, params, algorithm)
                sign["how"] = f"python compute_signature ({algorithm}) over {json.dumps(url, ensure_ascii=False)}"
            except Exception as e:  # noqa: BLE001 - recorded, not hidden
                row["signature"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAA="
                sign["how"] = f"python compute_signature raised {type(e).__name__}; garbage instead"
        try:
            row["python_valid"] = bool(
                RequestValidator(row["auth_token"]).validate(
                    row["url"],
                    params_for(row),
                    row["signature"],
                    get_signature_algorithm(row.get("signature_settings")),
                )
            )
        except Exception as e:  # noqa: BLE001
            row["python_valid"] = False
            notes.append(f"python raises {type(e).__name__}: {e}")
        row["python_note"] = "; ".join(notes)
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
