#!/usr/bin/env bash
# `v2gbench decode` end to end (the real CLI, output to /dev/null) on synthetic GB/T 27930 sessions
# of 1 M and 10 M frames written as candump -L in a temporary folder (v2g_perf_gbt27930
# --write-candump). Prints frames/s by wall clock and by CPU time (user + sys), and the maximum
# resident set size from /usr/bin/time -v. Targets (issue 10): >= 2 M frames/s, RSS <= 64 MiB, and
# the same RSS for 10 M frames as for 1 M (decode streams). On a machine shared with other work the
# wall-clock figure is lower than the CPU figure; both are printed.
# Usage: perf/trace_decode_benchmark.sh [BUILD_DIR]   (default build/)
set -euo pipefail
build=${1:-build}
cli=$build/cli/v2gbench
gen=$build/perf/v2g_perf_gbt27930
for f in "$cli" "$gen" /usr/bin/time; do
  [ -x "$f" ] || { echo "trace_decode_benchmark: $f not found (build first; /usr/bin/time is Debian's 'time')" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-10s %10s %12s %14s %14s %10s\n' frames "file MiB" "wall s" "frames/s wall" "frames/s CPU" "RSS MiB"
for n in 1000000 10000000; do
  "$gen" --write-candump "$tmp/trace.log" "$n"
  size=$(stat -c %s "$tmp/trace.log")
  code=0
  /usr/bin/time -v "$cli" decode "$tmp/trace.log" > /dev/null 2> "$tmp/time.txt" || code=$?
  [ "$code" -eq 0 ] || { echo "decode exited $code:" >&2; tail -5 "$tmp/time.txt" >&2; exit 1; }
  awk -v n="$n" -v size="$size" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); wall = (k == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 }
    /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%-10d %10.0f %12.2f %14.0f %14.0f %10.1f\n", n, size / 1048576, wall, n / wall, n / (user + sys), rss / 1024 }' "$tmp/time.txt"
  rm -f "$tmp/trace.log"
done
