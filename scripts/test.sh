#!/usr/bin/env bash
# Set up, build, and run the whole test suite (CTest; every Boost.Test suite is one test); then
# build with AddressSanitizer + UndefinedBehaviorSanitizer (preset asan-ubsan, build-asan/) and
# run the unit, plans, reports and wire labels under it. Both CTest summaries are printed; the
# exit status is non-zero when either run fails. Extra arguments go to both ctest runs.
# V2G_SKIP_SANITIZERS=1 runs the normal suite only (local iterations; CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/setup.sh
scripts/build.sh
export LC_ALL=C QT_QPA_PLATFORM=offscreen

status=0
(cd "${V2G_BUILD_DIR:-build}" && ctest --output-on-failure -j 2 "$@") || status=1

if [ "${V2G_SKIP_SANITIZERS:-0}" = 1 ]; then
  echo "test: sanitizer run skipped (V2G_SKIP_SANITIZERS=1)"
  exit "$status"
fi

# Any sanitizer report fails its test: ASan stops at the first error (and LeakSanitizer reports at
# exit), UBSan is fatal by construction (-fno-sanitize-recover=undefined, cmake/sanitizers.cmake).
# No suppressions. Child processes the tests start (v2gbench, v2gbench-sim) inherit these.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
start=$(date +%s)
if scripts/build.sh asan-ubsan; then
  built=$(date +%s)
  echo "test: ASan+UBSan build took $((built - start)) s"
  (cd build-asan && ctest --output-on-failure -j 2 -L 'unit|plans|reports|wire' "$@") || status=1
  echo "test: ASan+UBSan tests took $(($(date +%s) - built)) s"
else
  echo "test: the ASan+UBSan build (build-asan) failed" >&2
  status=1
fi
cd "$root"
exit "$status"
