#!/usr/bin/env python3
"""Prints issue 15's native rows from criterion's last run (target/criterion), each with its
goal and whether it is met. Run by scripts/bench.sh after `cargo bench --bench native`."""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def median_ns(group, function):
    """The median of criterion's last run of `group/function`, in nanoseconds (None if absent)."""
    for d in (ROOT / group).glob("*"):
        bench = d / "new" / "benchmark.json"
        if bench.is_file() and json.loads(bench.read_text()).get("function_id") == function:
            return json.loads((d / "new" / "estimates.json").read_text())["median"]["point_estimate"]
    return None


def main():
    rows = []
    for group in ("sms", "status"):
        floor = median_ns(group, "hmac-sha1 floor")
        raw = median_ns(group, "is_valid_form_body (raw body)")
        full = median_ns(group, "inspect (valid signature)")
        bare = median_ns(group, "inspect (no signature)")
        if None in (floor, raw, full, bare):
            print(f"(no criterion figures for {group}: run cargo bench --bench native first)")
            continue
        per_s = 1e9 / full
        rows.append((f"native `inspect` of the {group} example (full report, signature checked)",
                     f"{per_s / 1000:.0f} k/s ({full / 1000:.1f} µs; {bare / 1000:.1f} µs without a signature)",
                     "≥ 100 k/s", per_s >= 100_000))
        ratio = raw / floor
        rows.append((f"native raw-body verification of the {group} example (`is_valid_form_body`)",
                     f"{raw / 1000:.2f} µs = {ratio:.1f}× the bare HMAC-SHA1 ({floor / 1000:.2f} µs)",
                     "≤ 2× the bare HMAC", ratio <= 2.0))
    print("| figure (issue 15) | now | goal | met |\n|---|---|---|---|")
    for name, now, goal, met in rows:
        print(f"| {name} | {now} | {goal} | {'met' if met else 'NOT MET'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
