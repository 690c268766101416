#!/usr/bin/env bash
# Configures and builds atscheck and its tests into build/; extra arguments go
# to cmake (scripts/test.sh passes -DATSCHECK_WERROR=ON). Release: the binary
# the benchmark measures, and a third less build time than RelWithDebInfo,
# which counts twice in CI's ten minutes (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DATSCHECK_WERROR=OFF "$@" >/dev/null
cmake --build build -j "$(nproc)"
