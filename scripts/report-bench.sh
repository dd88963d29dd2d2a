#!/usr/bin/env bash
# How fast `jindan report` writes the demo report, and how that compares with printing the same
# content as an HTML page to PDF with headless Chromium.
#
# Usage: scripts/report-bench.sh [RUNS]
# Installs hyperfine and chromium (Debian packages) if they are missing; chromium is needed only
# here, so scripts/setup.sh does not install it. Results and files go to a temporary folder,
# whose path is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"

missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "report-bench: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

cargo build --release --quiet --bin jindan --example report_html
jindan="$PWD/target/release/jindan"
html_writer="$PWD/target/release/examples/report_html"

work="$(mktemp -d)"
export JINDAN_NOW=2026-03-14T01:30:00Z
db="$work/workspace.db"
"$jindan" --db "$db" demo >/dev/null
# Demo firm 1 (the consultant assessment with an earlier one): every section, both radar series.
assessment=2

hyperfine --warmup 3 --runs "$runs" --export-json "$work/jindan.json" \
  -n "jindan report (ko)" "$jindan --db $db report $assessment --out $work/report-ko.pdf" \
  -n "jindan report (en)" "$jindan --db $db report $assessment --out $work/report-en.pdf --lang en"

"$html_writer" "$db" "$assessment" ko "$work/report-ko.html"
# Each run starts Chromium with a fresh profile, as a one-off conversion would.
chromium_cmd="chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=\$(mktemp -d -p $work) --print-to-pdf=$work/chromium-ko.pdf $work/report-ko.html"
hyperfine --warmup 1 --runs "$(( runs < 10 ? runs : 10 ))" --export-json "$work/chromium.json" -n "chromium --print-to-pdf (ko)" "$chromium_cmd"

summary() {
  local name="$1" json="$2" pdf="$3"
  local mean pages size
  mean="$(sed -n 's/.*"mean": *\([0-9.e-]*\).*/\1/p' "$json" | head -n 1)"
  pages="$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')"
  size="$(stat -c %s "$pdf")"
  printf '%-32s mean %6.0f ms   %3s pages   %5d KB\n' "$name" "$(awk -v s="$mean" 'BEGIN { print s * 1000 }')" "$pages" "$(( size / 1024 ))"
}
echo
summary "jindan report (ko)" "$work/jindan.json" "$work/report-ko.pdf"
summary "chromium --print-to-pdf (ko)" "$work/chromium.json" "$work/chromium-ko.pdf"
echo "files in $work"
