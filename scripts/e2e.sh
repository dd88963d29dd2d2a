#!/usr/bin/env bash
# Builds the desktop app and runs its end-to-end tests in real WebKit under Xvfb.
# Needs: scripts/setup.sh test (webkit2gtk-driver, xvfb, tauri-driver).
# Screenshots: target/e2e-screens/*.png; driver and app logs: target/e2e-logs/*.log.
# Extra arguments go to the test runner, e.g. `scripts/e2e.sh settings` runs the matching tests.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in xvfb-run tauri-driver WebKitWebDriver; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: $tool is missing; run scripts/setup.sh test" >&2
    exit 1
  fi
done

cargo build -p jindan-app
xvfb-run -a -s "-screen 0 1920x1080x24" \
  env JINDAN_E2E=1 cargo test -p jindan-app --test e2e -- --nocapture --test-threads=1 "$@"
