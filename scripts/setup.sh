#!/usr/bin/env bash
# Installs every Debian 12 package v2gbench needs to build, test and run. Idempotent: when
# everything is present it changes nothing (and needs no network); otherwise it runs
# `apt-get update` first, then installs what is missing. Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  # Ed25519 keys for signing run folders and approved plan sets (`openssl genpkey`), and their tests
  openssl
  libyaml-cpp-dev nlohmann-json3-dev libboost-test-dev libssl-dev
  # instrument transports: Modbus, IIO, SocketCAN; FFT for the IIO analysis pipeline
  libmodbus-dev libiio-dev libsocketcan-dev libfftw3-dev
  # CAN trace import: Vector BLF containers are zlib-compressed; the decode benchmark reads /usr/bin/time -v
  zlib1g-dev time
  # independent clients the wire tests run against the simulated lab
  libiio-utils mbpoll python3 python3-pyvisa-py python3-can
  # the results database: SQLite embedded, PostgreSQL client (libpq) and, for the results tests,
  # the server binaries (initdb, pg_ctl; the cluster service is not used)
  libsqlite3-dev libpq-dev postgresql
  # the dashboard test opens the generated pages in a real headless browser
  chromium
  # the plan schema test (tests/plans/schema): validates every shipped plan
  python3-jsonschema python3-yaml
  # the desktop app (Qt 6 Widgets, its X11 platform plugin; Qt Svg for the plot's SVG export) and its
  # screenshots under a virtual display
  qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins qt6-svg-dev libgl-dev fonts-dejavu-core
  xvfb xauth x11-apps imagemagick
  # the PDF test report (reports_pdf/): cairo + pango, the embedded CJK font; poppler-utils for its test
  libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils
  # the fuzz preset: clang and its runtimes (libFuzzer, ASan/UBSan for clang) — a Recommends of
  # clang, which --no-install-recommends skips
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
