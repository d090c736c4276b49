#!/usr/bin/env bash
# Configures and builds v2gbench (Release with debug info, ccache, warnings as errors).
#   scripts/build.sh                  build/ (or $V2G_BUILD_DIR), g++
#   scripts/build.sh PRESET [TARGET…] a preset of CMakePresets.json: asan-ubsan (build-asan),
#                                     tsan (build-tsan), fuzz (build-fuzz, clang); targets default
#                                     to the preset's (everything; the fuzzers for fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache keys on paths relative to the checkout, so a fresh clone in another folder (CI) hits the
# cache of the previous one.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR=1
jobs=${V2G_JOBS:-$(nproc)}
if [ $# -gt 0 ]; then
  preset=$1
  shift
  cmake --preset "$preset" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" -j "$jobs" --target "$@"
  else
    cmake --build --preset "$preset" -j "$jobs"
  fi
  exit 0
fi
BUILD_DIR=${V2G_BUILD_DIR:-build}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
cmake --build "$BUILD_DIR" -j "$jobs"
