#!/usr/bin/env bash
# Regenerates bench/results.md, bench/results.json and bench/time-vs-pairs.png:
#   bash bench/run.sh [--cap SECONDS] [--max-pairs N] [--engines a,b] [--revision R]
# Installs what it needs from Debian (the build's packages, python3, gnuplot),
# builds a Release binary in build-bench/, and runs bench/bench.py. Not part of
# the test suite: a full run (cap 600 s) takes hours.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
need=()
for p in python3 gnuplot-nox time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" --target atscheck >/dev/null
python3 bench/bench.py "$@"
