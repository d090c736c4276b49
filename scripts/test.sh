#!/usr/bin/env bash
# Set up, build, and run the whole test suite (CTest; every Boost.Test suite is one test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd "${V2G_BUILD_DIR:-build}"
export LC_ALL=C QT_QPA_PLATFORM=offscreen
ctest --output-on-failure -j 2 "$@"
