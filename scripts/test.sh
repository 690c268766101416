#!/usr/bin/env bash
# The tests: install what is missing, build, run the Catch2 suite under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --test
bash scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)"
