#!/usr/bin/env bash
# Builds the Debian packages from the build tree scripts/build.sh makes (build/, or $V2G_BUILD_DIR):
#   build/packages/v2gbench_<version>_<arch>.deb       v2gbench, v2gbench-sim, /usr/share/v2gbench
#   build/packages/v2gbench-gui_<version>_<arch>.deb   v2gbench-gui (when Qt 6 is found)
# Binaries are stripped; Depends comes from dpkg-shlibdeps (cmake/packaging.cmake).
# Install with: sudo apt-get install ./build/packages/v2gbench_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null; then
    echo "package: $tool is missing (Debian package dpkg-dev, which build-essential brings; scripts/setup.sh installs it)" >&2
    exit 2
  fi
done
scripts/build.sh
BUILD_DIR=${V2G_BUILD_DIR:-build}
rm -f "$BUILD_DIR"/packages/*.deb
(cd "$BUILD_DIR" && cpack -G DEB)
for deb in "$BUILD_DIR"/packages/*.deb; do
  echo "== $deb"
  dpkg-deb --field "$deb" Package Version Architecture Depends
done
