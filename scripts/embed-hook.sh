#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml [[hooks]]): writes the embeds' two generated files into
# the staging directory, next to the hashed files Trunk just produced.
#   embed.html — index.html marked <html data-embed>: the embed page for iframes
#                (embed.html#example=<id>&param=<Name>, embed.html#i=…).
#   embed.js   — www/embed.js with the hashed names of the JS glue, the wasm and the
#                stylesheet filled in: the loader for <twilio-webhook-inspector> elements.
# Both reuse the app's one wasm module; nothing else is built.
set -euo pipefail
STAGE=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
SRC=${TRUNK_SOURCE_DIR:-$(pwd)}

one() { # the single staged file matching a pattern, by name
  local hits
  hits=$(cd "$STAGE" && ls $1 2>/dev/null || true)
  [ "$(printf '%s\n' "$hits" | grep -c .)" = 1 ] || { echo "embed-hook: expected one $1 in $STAGE, got: $hits" >&2; exit 1; }
  printf '%s' "$hits"
}
JS=$(one 'www-*.js')
WASM=$(one 'www-*_bg.wasm')
CSS=$(one 'style-*.css')

sed -e 's|<html lang="en">|<html lang="en" data-embed="">|' \
    -e 's|<title>[^<]*</title>|<title>Webhook Inspector for Twilio — embed</title>|' \
    "$STAGE/index.html" > "$STAGE/embed.html"
grep -q 'data-embed=""' "$STAGE/embed.html" || { echo "embed-hook: <html lang=\"en\"> not found in index.html" >&2; exit 1; }

sed -e "s|@JS@|./$JS|" -e "s|@WASM@|./$WASM|" -e "s|@CSS@|./$CSS|" "$SRC/www/embed.js" > "$STAGE/embed.js"
grep -q '@JS@\|@WASM@\|@CSS@' "$STAGE/embed.js" && { echo "embed-hook: placeholders left in embed.js" >&2; exit 1; }
echo "embed-hook: embed.html, embed.js ($JS, $WASM, $CSS)"
