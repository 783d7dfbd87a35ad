#!/usr/bin/env bash
# Set up a fresh machine and run every test: native (rules, fixtures, corpus, CLI), the WASM
# build, and the real-browser tests of the extension and www in Debian's Chromium.
# Safe to re-run: each step skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian's Chromium (browser tests never download a browser of their own)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

say "npm packages from the lockfile"
npm ci --no-audit --no-fund --loglevel=error

say "build: native CLI + WASM into extension/pkg and www/pkg"
bash build.sh

say "gates: formatting and clippy (native and wasm32), warnings are errors"
cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

say "native tests (rules, corpus, CLI, site crawl over loopback, monitoring with SQLite)"
cargo test --no-fail-fast

say "browser tests (extension + www in Chromium)"
npm run --silent test:browser
