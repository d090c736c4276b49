#!/usr/bin/env bash
# Configures and builds v2gbench in build/ (Release with debug info, ccache, warnings as errors).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${V2G_BUILD_DIR:-build}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
cmake --build "$BUILD_DIR" -j "$(nproc)"
