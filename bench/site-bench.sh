#!/usr/bin/env bash
# The whole-site check against a plain download of the same site, in the same run:
# a generated ~500-page government site served on 127.0.0.1, `govcheck site` (fetch + check
# every page) versus `wget -r` (fetch only), wall time and peak memory; then `govcheck batch`
# over 20 such sites. Prints the figures quoted in the issue notes. Needs wget.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
cargo build --release --bin govcheck --example serve_site >/dev/null 2>&1
target/release/examples/serve_site > /tmp/govcheck-bench-port &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 50); do [ -s /tmp/govcheck-bench-port ] && break; sleep 0.1; done
read -r PORT PAGES < /tmp/govcheck-bench-port
URL="http://127.0.0.1:$PORT/"
echo "site: $URL ($PAGES paths generated)"
peak() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
for i in $(seq "$RUNS"); do
  rm -rf /tmp/govcheck-bench-wget
  read -r w_s w_kb < <(peak wget -r -l 10 -q -P /tmp/govcheck-bench-wget "$URL" || true)
  w_pages=$(find /tmp/govcheck-bench-wget -type f | wc -l)
  read -r g_s g_kb < <(peak target/release/govcheck site "$URL" --format json --today 2024-06-15 --output /tmp/govcheck-bench-site.json || true)
  g_pages=$(python3 -c "import json;print(len(json.load(open('/tmp/govcheck-bench-site.json'))['pages']))")
  printf 'run %d: wget -r %s s (%s files, %s MB peak) · govcheck site %s s (%s pages, %s MB peak) · ratio %.2f\n' \
    "$i" "$w_s" "$w_pages" "$((w_kb / 1024))" "$g_s" "$g_pages" "$((g_kb / 1024))" "$(python3 -c "print($g_s/$w_s if $w_s>0 else 0)")"
done
# Batch: the same site 20 times (different names), two sites at a time.
python3 - "$URL" > /tmp/govcheck-bench-sites.csv <<'PY'
import sys
print("name,url")
for i in range(20):
    print(f"网站{i+1},{sys.argv[1]}")
PY
rm -rf /tmp/govcheck-bench-batch
read -r b_s b_kb < <(peak target/release/govcheck batch /tmp/govcheck-bench-sites.csv --output /tmp/govcheck-bench-batch --today 2024-06-15 || true)
echo "batch of 20 sites: $b_s s, $((b_kb / 1024)) MB peak"
