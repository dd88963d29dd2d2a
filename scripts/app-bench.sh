#!/usr/bin/env bash
# Measures the desktop app (release build):
#   1. cold start to a painted home screen, on a workspace of 100 assessments: the time from
#      starting the process to `first_screen_ready` (called once body[data-ready] is set, i.e.
#      the home screen has drawn with its data and fonts);
#   2. resident memory once the home screen shows, for the app process alone and with its
#      WebKit helper processes;
#   3. answer click to the "saved" state on screen, measured in the page with performance.now()
#      by the e2e test `bench_answer_click_to_saved` run against the release binary.
# Needs what scripts/e2e.sh needs (xvfb, tauri-driver, WebKitWebDriver). Usage:
#   scripts/app-bench.sh            # all three
#   RUNS=10 scripts/app-bench.sh    # more start-up runs (default 5)
#   STARTUP_ONLY=1 scripts/app-bench.sh   # 1 and 2 only
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"

measure_once() {
  local out="$work/start.out" xdg="$work/xdg-$1"
  mkdir -p "$xdg"
  : >"$out"
  local started
  started=$(date +%s%3N)
  JINDAN_DB="$db" JINDAN_BENCH_READY=1 XDG_DATA_HOME="$xdg/data" XDG_CONFIG_HOME="$xdg/config" XDG_CACHE_HOME="$xdg/cache" \
    "$APP" >"$out" 2>/dev/null &
  local pid=$!
  local ready=""
  for _ in $(seq 1 300); do
    ready=$(grep -o 'jindan-ready [0-9]*' "$out" | cut -d' ' -f2 || true)
    [ -n "$ready" ] && break
    sleep 0.05
  done
  if [ -z "$ready" ]; then
    echo "the app did not report a painted first screen within 15 s" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  sleep 1
  # RSS counts the shared WebKit and GTK libraries once in every process; PSS shares them out,
  # so the PSS sum over the app and its WebKit processes is what the app costs the machine.
  local own all children pss
  own=$(ps -o rss= -p "$pid" | tr -d ' ')
  children=$(pgrep -P "$pid" || true)
  all=$own
  pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  for child in $children; do
    all=$((all + $(ps -o rss= -p "$child" | tr -d ' ' || echo 0)))
    pss=$((pss + $(awk '/^Pss:/ { print $2 }' "/proc/$child/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$pss" >>"$work/pss.txt"
  # Where the time went: process start → main(), → page load started, → script, → first screen
  # with data, → fonts ready, → painted.
  local main marks
  main=$(grep -o 'jindan-main [0-9]*' "$out" | cut -d' ' -f2 || true)
  marks=$(grep -o 'jindan-page-marks [0-9 ]*' "$out" | cut -d' ' -f2- || true)
  echo "$((ready - started)) $own $all $started ${main:-0} $marks $ready" >>"$work/phases.txt"
  echo "$((ready - started)) $own $all"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}


# The half that runs inside the display: the start-up runs only (APP, db and work come from the
# environment), one line "MS RSS_APP_KB RSS_ALL_KB" each.
if [ "${1:-}" = "--startup-runs" ]; then
  for run in $(seq 1 "$RUNS"); do measure_once "$run"; done
  exit 0
fi

ASSESSMENTS=100

cargo build --release -p jindan-app -p jindan >/dev/null
APP="$PWD/target/release/jindan-app"
CLI="$PWD/target/release/jindan"

work="$(mktemp -d)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# ---- a workspace of 100 assessments: the demo (8) plus copies of a demo answer set ----
db="$work/workspace.db"
"$CLI" --db "$db" demo >/dev/null
"$CLI" --db "$db" assess export 1 --out "$work/answers.json" >/dev/null
have=$("$CLI" --db "$db" assess list --json | grep -o '"id":' | wc -l)
i=0
while [ "$have" -lt "$ASSESSMENTS" ]; do
  i=$((i + 1))
  org=$("$CLI" --db "$db" org add --name "벤치마크 기업 $i" --sido 대구 --ksic 29 --employees $((10 + i)))
  for _ in 1 2; do
    [ "$have" -ge "$ASSESSMENTS" ] && break
    "$CLI" --db "$db" assess import "$work/answers.json" --org "$org" >/dev/null 2>&1
    have=$((have + 1))
  done
done
echo "workspace: $have assessments in $(du -h "$db" | cut -f1)"

# ---- start-up and memory ----
run_display() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; fi
}

export APP db work RUNS
# xvfb-run starts its command through /bin/sh, which drops exported bash functions, so the
# measuring half runs as this same script with --startup-runs.
results=$(run_display "$self" --startup-runs)
echo "$results" | awk '{ print "start-up run: " $1 " ms to a painted home screen, RSS app " $2 / 1024 " MB, app + WebKit " $3 / 1024 " MB" }'
echo "$results" | sort -n | awk -v n="$RUNS" '
  { t[NR] = $1; own[NR] = $2; all[NR] = $3 }
  END {
    m = int((n + 1) / 2)
    printf "cold start (median of %d): %d ms; resident memory with %d assessments: app %.0f MB, app + WebKit processes %.0f MB\n", n, t[m], '"$ASSESSMENTS"', own[m] / 1024, all[m] / 1024
  }'

sort -n "$work/pss.txt" | awk '{ p[NR] = $1 } END { printf "proportional memory (PSS, median): app + WebKit processes %.0f MB\n", p[int((NR + 1) / 2)] / 1024 }'
awk '{ printf "  phases (ms): to main() %d, to page load %d, to script %d, to screen with data %d, to fonts ready %d, to painted %d\n", $5 - $4, $6 - $5, $7 - $6, $8 - $7, $9 - $8, $10 - $9 }' "$work/phases.txt" 2>/dev/null || true

# ---- answer click to saved, in the release build ----
[ -n "${STARTUP_ONLY:-}" ] && exit 0
run_display env JINDAN_E2E=1 JINDAN_APP="$APP" cargo test -p jindan-app --test e2e -- --test-threads=1 bench_answer_click_to_saved >/dev/null
cat target/e2e-bench/answer-click-to-saved.txt
