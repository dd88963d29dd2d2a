#!/usr/bin/env bash
# Sets up what is missing on a Debian/Ubuntu machine, builds the desktop app and opens it on the
# default workspace (created on first start in the OS user-data folder).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh app
exec scripts/run-app.sh "$@"
