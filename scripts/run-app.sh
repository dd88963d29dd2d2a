#!/usr/bin/env bash
# Builds the desktop app (debug, which builds faster) and starts it.
# Usage: scripts/run-app.sh [--release]
# Without a display ($DISPLAY / $WAYLAND_DISPLAY unset) it runs under xvfb-run and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
cargo_flags=()
if [ "${1:-}" = "--release" ]; then
  profile=release
  cargo_flags+=(--release)
fi

cargo build -p jindan-app "${cargo_flags[@]}"
app="target/$profile/jindan-app"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "run-app: there is no display and xvfb-run is missing; run scripts/setup.sh app" >&2
    exit 1
  fi
  echo "run-app: no display found, running under Xvfb (invisible; screenshot with: DISPLAY=... import -window root out.png)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$app"
fi
exec "$app"
