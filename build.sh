#!/usr/bin/env bash
# Build govcheck natively (CLI) and as WASM for the extension and www.
# Installs what is missing: the wasm32 target and the wasm-bindgen CLI at exactly the
# version of the wasm-bindgen crate in Cargo.lock (a mismatch breaks the generated glue).
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

WB_VERSION=$(lock_version)
[ -n "$WB_VERSION" ] || { echo "build.sh: wasm-bindgen not found in Cargo.lock" >&2; exit 2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (takes ~2-3 minutes once)"
  # Not --locked: the CLI's lockfile names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

say "native build (CLI)"
cargo build --release --bin govcheck

say "wasm build"
cargo build --profile wasm --lib --target wasm32-unknown-unknown

WASM=target/wasm32-unknown-unknown/wasm/govcheck.wasm
for out in extension/pkg www/pkg; do
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --remove-name-section --out-dir "$out" "$WASM"
done

# Rule metadata and docs are data, not WASM: the pages that show them (popup, catalogue,
# 检查整站, www) load rules.json, the CLI's own `rules --format json` (git-ignored).
for out in extension www; do
  target/release/govcheck rules --format json > "$out/rules.json"
done

# www shares the popup's renderers (findings and indicator cards), styles, engine glue and
# download helper (none of them touches chrome.*); copy, never fork them. www/lib/ is
# git-ignored apart from its .gitignore.
mkdir -p www/lib
cp extension/lib/engine.js extension/lib/render-findings.js extension/lib/cards.js extension/lib/download.js \
  extension/lib/report.css extension/lib/cards.css www/lib/

raw=$(stat -c %s extension/pkg/govcheck_bg.wasm)
gz=$(gzip -9 -c extension/pkg/govcheck_bg.wasm | wc -c)
say "done: extension/pkg/govcheck_bg.wasm ${raw} bytes (${gz} gzip), extension/rules.json, target/release/govcheck"
