#!/usr/bin/env bash
# The main job: set up, build, and run the certification plan set (GB/T 34657.1 charging-phase
# output checks and the V2G discharge checks) on the built-in simulated lab. Prints progress, a
# verdict table and the run folder with its HTML report and PDF test reports. Extra arguments go to `v2gbench run`
# (e.g. --defect slow-current-adjustment).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
# The coupler inspections (inspect steps) take the conforming sample's recorded answers. The run
# folder also gets the PDF test report in English and Chinese (lab/run-info-demo.yaml), marked
# SIMULATION, written before the seal.
exec "${V2G_BUILD_DIR:-build}/cli/v2gbench" run testplans/gbt34657 testplans/gbt34658 testplans/v2g \
  --answers testplans/gbt34657/answers-conforming.yaml \
  --pdf --lang en --lang zh --run-info lab/run-info-demo.yaml "$@"
