#!/usr/bin/env bash
# Installs what Jindan needs on a Debian/Ubuntu machine, only what is missing.
# Usage: scripts/setup.sh [core|app|test]   (default: test, which is everything)
set -euo pipefail
what="${1:-test}"

core_pkgs=(build-essential pkg-config fonts-nanum poppler-utils)
app_pkgs=(libwebkit2gtk-4.1-dev xvfb xauth imagemagick)
test_pkgs=(webkit2gtk-driver sqlite3 time)

pkgs=("${core_pkgs[@]}")
case "$what" in
  core) ;;
  app) pkgs+=("${app_pkgs[@]}") ;;
  test) pkgs+=("${app_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "setup.sh: unknown target '$what' (core, app or test)" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

# A full build and test run takes about 5 GB under target/.
# Say so up front rather than fail with "No space left on device" halfway through a compile.
need_mb=6000
mkdir -p target
free_mb=$(df -Pm target | awk 'NR==2 {print $4}')
if [ -n "$free_mb" ] && [ "$free_mb" -lt "$need_mb" ]; then
  echo "setup: warning: only ${free_mb} MB free for target/; a full build needs about ${need_mb} MB" >&2
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo is missing; install Rust from https://rustup.rs first" >&2
  exit 1
fi

if [ "$what" = test ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked
fi
