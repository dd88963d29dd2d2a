#!/usr/bin/env bash
# Fuzzes the parsers that read files from outside (cargo fuzz, libFuzzer, AddressSanitizer):
#   questionnaire  questionnaire TOML → parse_questionnaire, then scoring of a blank answer set
#   answers        answers-file JSON → parse_answers_file + answers_from_file + score + round trip
#   bundle         anonymized bundle → read_bundle (as is, and resealed with a good checksum),
#                  then publish_benchmarks over what was accepted
#   benchmark      benchmark file → read_benchmark (as is, and resealed), describe, tabulate, find
#
# Usage: scripts/fuzz.sh [SECONDS] [--update-corpus] [TARGET...]
#   SECONDS          time per target (default 600); two targets run at a time (2 cores)
#   --update-corpus  keep new inputs in fuzz/corpus/TARGET and minimise it (cargo fuzz cmin);
#                    without it new inputs go to a temporary folder and the corpus is only read
#   TARGET...        some targets only (default: all four)
#
# The targets need nightly compiler features; on the machine's stable toolchain RUSTC_BOOTSTRAP=1
# unlocks them. A crash leaves its input in fuzz/artifacts/TARGET/ and fails the script; replay it
# with `RUSTC_BOOTSTRAP=1 cargo fuzz run -a TARGET fuzz/artifacts/TARGET/crash-…` in fuzz/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=600
update=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --update-corpus) update=1 ;;
    ''|*[!0-9]*) targets+=("$arg") ;;
    *) seconds="$arg" ;;
  esac
done
[ "${#targets[@]}" -eq 0 ] && targets=(questionnaire answers bundle benchmark)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

# Seeds from the repository's own files, read-only beside the committed corpus.
seeds() {
  case "$1" in
    questionnaire) echo ../questionnaires ../tests/fixtures/questionnaires ../tests/fixtures/bad-questionnaires ;;
    answers) echo ../tests/fixtures/answers ../tests/fixtures/bad-answers ;;
    bundle) echo seeds/bundle ;;
    benchmark) echo seeds/benchmark ;;
  esac
}

echo "fuzz: building ${targets[*]} (release, debug assertions, AddressSanitizer)"
for t in "${targets[@]}"; do
  cargo fuzz build -a "$t"
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
run_one() {
  local t="$1" corpus="corpus/$1"
  mkdir -p "$corpus" "artifacts/$t"
  if [ -z "$(ls -A "$corpus")" ]; then
    # shellcheck disable=SC2046
    find $(seeds "$t") -maxdepth 1 -type f -exec cp {} "$corpus/" \;
  fi
  local out="$corpus"
  if [ "$update" -eq 0 ]; then
    out="$scratch/$t"
    mkdir -p "$out"
  fi
  # shellcheck disable=SC2046
  cargo fuzz run -a "$t" "$out" $( [ "$out" != "$corpus" ] && echo "$corpus" ) $(seeds "$t") -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
    >"$scratch/$t.log" 2>&1
}

status=0
summary=()
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for t in "${targets[@]:i:2}"; do
    echo "fuzz: running $t for ${seconds}s"
    run_one "$t" &
    pids+=("$!:$t")
  done
  for p in "${pids[@]}"; do
    pid="${p%%:*}"
    t="${p#*:}"
    if wait "$pid"; then result=ok; else result=FAILED; status=1; fi
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$scratch/$t.log" | grep -o '[0-9]*$' | tail -1)"
    cov="$(grep -o 'cov: [0-9]*' "$scratch/$t.log" | tail -1 | grep -o '[0-9]*')"
    summary+=("$t: $result, ${execs:-?} runs in ${seconds}s, coverage ${cov:-?} edges, corpus $(ls "corpus/$t" | wc -l) files")
    if [ "$result" = FAILED ]; then
      tail -40 "$scratch/$t.log"
    fi
  done
done

if [ "$update" -eq 1 ] && [ "$status" -eq 0 ]; then
  for t in "${targets[@]}"; do
    echo "fuzz: minimising corpus/$t"
    # shellcheck disable=SC2046
    cargo fuzz cmin -a "$t" "corpus/$t" >"$scratch/$t.cmin.log" 2>&1 || { tail -20 "$scratch/$t.cmin.log"; status=1; }
  done
fi

printf 'fuzz: %s\n' "${summary[@]}"
exit "$status"
