#!/usr/bin/env bash
# Prints each page's first load from a built dist/ (`trunk build --release` first): index.html,
# boot-*.js, main-*.css, the page's JS glue and its WebAssembly, each compressed with gzip -9, and
# the Simulator's worker module (fetched only when a job starts). A measurement, not a test: it
# prints the 350 KiB budget beside each page and asserts nothing.
set -euo pipefail
dist="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/dist}"
cd "$dist"
gz() { gzip -9 -c "$1" | wc -c; }
shared=$(( $(gz index.html) + $(gz boot-*.js) + $(gz main-*.css) ))
echo "shared (index.html + boot + css): $shared B gzip -9"
for page in batch-lab lr sim memory data compute; do
  wasm=$(ls "$page"-*_bg.wasm | head -1)
  js=$(ls "$page"-*.js | grep -v '_bg' | head -1)
  total=$(( shared + $(gz "$js") + $(gz "$wasm") ))
  awk -v p="$page" -v t="$total" -v w="$(gz "$wasm")" -v raw="$(wc -c < "$wasm")" 'BEGIN {
    printf "%-10s wasm %9d B (gzip %7d)  first load %7d B = %6.1f KiB  (budget 350 KiB: %s)\n",
      p, raw, w, t, t / 1024, (t <= 350 * 1024) ? "within" : "OVER"
  }'
done
for f in sim_worker-*_bg.wasm sim_worker-*.js sim-worker*.js; do
  [ -e "$f" ] && echo "worker file $f: $(wc -c < "$f") B (gzip $(gz "$f"))"
done
