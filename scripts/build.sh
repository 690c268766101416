#!/usr/bin/env bash
# Configures and builds atscheck and its tests into build/; extra arguments go
# to cmake (scripts/test.sh passes -DATSCHECK_WERROR=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATSCHECK_WERROR=OFF "$@" >/dev/null
cmake --build build -j "$(nproc)"
