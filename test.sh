#!/usr/bin/env bash
# Sets up what is missing on a Debian/Ubuntu machine and runs every test: the core (unit,
# golden, property and CLI tests), the desktop shell, clippy, and the end-to-end tests of the
# app in real WebKit under Xvfb.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
echo "== core: unit, golden, property and CLI tests"
cargo test
echo "== desktop shell"
cargo test -p jindan-app
echo "== clippy"
cargo clippy --workspace --all-targets -- -D warnings
# Fuzzing is opt-in here (JINDAN_FUZZ_SECONDS=30 ./test.sh): its sanitizer build alone takes
# longer than the rest of the core tests. `cargo test` above replays the committed fuzz corpus
# through the same checks; RELIABILITY.md has the recorded 10-minute runs.
if [ -n "${JINDAN_FUZZ_SECONDS:-}" ]; then
  echo "== fuzzing (${JINDAN_FUZZ_SECONDS}s per target)"
  scripts/fuzz.sh "$JINDAN_FUZZ_SECONDS"
fi
echo "== end to end (WebKit under Xvfb)"
scripts/e2e.sh
echo "== all tests passed"
