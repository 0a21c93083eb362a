#!/usr/bin/env bash
# Runs Node's test runner over the *.test.mjs files of one directory and fails when the
# directory has no test file or the run reports zero tests (`node --test DIR` alone exits 0
# for an empty directory). Used by scripts/npm-test.sh and scripts/e2e.sh.
#   bash scripts/node-test.sh DIR [extra node --test flags…]
set -euo pipefail
DIR=${1:?usage: node-test.sh DIR [flags]}
shift
die() { printf '\033[1;31m[node-test]\033[0m %s\n' "$*" >&2; exit 1; }

shopt -s nullglob
FILES=("$DIR"/*.test.mjs)
[ ${#FILES[@]} -gt 0 ] || die "no *.test.mjs file in $DIR"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
set +e
node --test --test-reporter=tap "$@" "${FILES[@]}" | tee "$OUT"
STATUS=${PIPESTATUS[0]}
set -e
[ "$STATUS" = 0 ] || exit "$STATUS"
COUNT=$(awk '/^# tests [0-9]+$/ {n=$3} END {print n+0}' "$OUT")
[ "$COUNT" -gt 0 ] || die "$DIR: the test runner ran 0 tests"
printf '\033[1;34m[node-test]\033[0m %s: %s tests in %s files\n' "$DIR" "$COUNT" "${#FILES[@]}" >&2
