#!/usr/bin/env bash
# Monitoring at scale: 1,000 loopback "sites" (each a copy of a real corpus homepage, served
# by a threaded static server), probed 10 times = 10,000 probes into one SQLite file.
# Prints probes per second and the database size per 10,000 probes.
set -euo pipefail
cd "$(dirname "$0")/.."
SITES=${SITES:-1000}
RUNS=${RUNS:-10}
CONC=${CONC:-32}
cargo build --release --bin govcheck >/dev/null 2>&1
ROOT=$(mktemp -d)
for i in $(seq "$SITES"); do mkdir -p "$ROOT/s$i" && cp tests/corpus/pages/yichun-gov__home.html "$ROOT/s$i/index.html"; done
python3 -m http.server 0 --bind 127.0.0.1 --directory "$ROOT" > "$ROOT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$ROOT"' EXIT
for _ in $(seq 50); do PORT=$(grep -o 'port [0-9]*' "$ROOT/server.log" | awk '{print $2}' || true); [ -n "${PORT:-}" ] && break; sleep 0.1; done
URLS=$(for i in $(seq "$SITES"); do printf 'http://127.0.0.1:%s/s%s/ ' "$PORT" "$i"; done)
DB="$ROOT/history.sqlite"
start=$(date +%s.%N)
for r in $(seq "$RUNS"); do
  # shellcheck disable=SC2086
  target/release/govcheck monitor probe --db "$DB" --concurrency "$CONC" --at "2024-06-15T$(printf '%02d' $((r % 24))):00:00+08:00" $URLS 2>/dev/null
done
end=$(date +%s.%N)
probes=$((SITES * RUNS))
size=$(du -cb "$DB"* | tail -1 | cut -f1)
python3 - "$start" "$end" "$probes" "$size" <<'PY'
import sys
s, e, n, size = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"{n} probes in {e-s:.1f} s: {n/(e-s):.0f} probes/s; database {size/1e6:.1f} MB, {size/n*10000/1e6:.1f} MB per 10,000 probes")
PY
