#!/usr/bin/env bash
# Runs every libFuzzer harness (fuzz/, docs/fuzzing.md) for a fixed time on a seed corpus made from
# the project's real files, then prints: harness, seconds, execs, corpus size, crashes.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS…]      default 60 s each, every harness
#
# Environment: V2G_FUZZ_PARALLEL (harnesses run at once, default 1), V2G_FUZZ_RSS_MB (default 2048),
# V2G_FUZZ_TIMEOUT (seconds per input before it counts as a hang, default 10), V2G_FUZZ_SKIP_BUILD=1.
# The corpus grows in fuzz/corpus/<harness>/ across runs; crashes, hangs and out-of-memory inputs
# go to fuzz/findings/<harness>/ (both git-ignored). A finding is minimised with
#   build-fuzz/fuzz/fuzz_<harness> -minimize_crash=1 -runs=10000 FILE
# and kept as fuzz/regressions/<harness>/<name>, which the unit test replays; move the handled
# finding into fuzz/findings/<harness>/done/ (the table counts only the folder itself).
# Exit status: 1 when any harness found something, 0 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
parallel=${V2G_FUZZ_PARALLEL:-1}
rss=${V2G_FUZZ_RSS_MB:-2048}
timeout=${V2G_FUZZ_TIMEOUT:-10}

if [ "${V2G_FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  scripts/setup.sh
  scripts/build.sh fuzz
fi
all=$(sed -n 's/^V2G_FUZZ_TARGET(\([a-z0-9_]*\),.*/\1/p' fuzz/include/v2gbench/fuzz/fuzz_targets.hpp)
harnesses=${*:-$all}

mkdir -p build-fuzz
seeds=$(mktemp -d build-fuzz/seeds.XXXXXX) # per run: two runs may go at once
trap 'rm -rf "$seeds"' EXIT
python3 fuzz/make_seeds.py "$seeds" >/dev/null
logs=build-fuzz/fuzz-logs
mkdir -p "$logs"

run_one() {
  local h=$1 exe=build-fuzz/fuzz/fuzz_$1
  mkdir -p "fuzz/corpus/$h" "fuzz/findings/$h"
  # Fork mode with -ignore_*: a finding is saved and fuzzing goes on for the whole time.
  "$exe" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -rss_limit_mb="$rss" -malloc_limit_mb="$rss" -timeout="$timeout" \
    -artifact_prefix="fuzz/findings/$h/" -print_final_stats=1 \
    "fuzz/corpus/$h" "$seeds/$h" >"$logs/$h.log" 2>&1 || true
}

start=$(date +%s)
running=0
for h in $harnesses; do
  [ -x "build-fuzz/fuzz/fuzz_$h" ] || { echo "fuzz: no build-fuzz/fuzz/fuzz_$h" >&2; exit 2; }
  echo "fuzz: $h for ${seconds} s" >&2
  run_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

found=0
printf '%-14s %8s %12s %8s %8s\n' harness seconds execs corpus crashes
for h in $harnesses; do
  log=$logs/$h.log
  # Fork mode status lines: "#<execs>: cov: … corp: … exec/s: … oom/timeout/crash: a/b/c time: Ns …"
  last=$(grep -E '^#[0-9]+: ' "$log" | tail -1 || true)
  execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
  secs=$(sed -nE 's/.* time: ([0-9]+)s.*/\1/p' <<<"$last")
  crashes=$(find "fuzz/findings/$h" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  corpus=$(find "fuzz/corpus/$h" -type f | wc -l)
  printf '%-14s %8s %12s %8s %8s\n' "$h" "${secs:-?}" "${execs:-?}" "$corpus" "$crashes"
  [ "$crashes" -eq 0 ] || found=1
done
echo "fuzz: $(( $(date +%s) - start )) s in total; logs in $logs, findings in fuzz/findings/" >&2
exit "$found"
