#!/usr/bin/env bash
# Fuzzes the input readers with libFuzzer: scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]
# (default 60 seconds, every target). Builds build-fuzz/ with clang, runs each target on a scratch
# corpus seeded from fuzz/corpus/TARGET, then merges what found new coverage
# back into fuzz/corpus/TARGET (kept in the repository; the test suite replays
# it). A crash is saved as fuzz/crashes/TARGET-* and the script exits 1: turn it
# into a regression test by copying it into fuzz/corpus/TARGET once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(revision_reader scenario_reader trace_reader manifest_reader expression_reader properties_reader c_source_reader)
bash scripts/deps.sh
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DATSCHECK_FUZZ=ON -DBUILD_TESTING=OFF -DATSCHECK_WERROR=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
mkdir -p fuzz/crashes
status=0
for target in "${targets[@]}"; do
  scratch="build-fuzz/corpus-$target"
  mkdir -p "$scratch" "fuzz/corpus/$target"
  echo "fuzz: $target for ${seconds}s" >&2
  ./build-fuzz/fuzz/fuzz_$target "$scratch" "fuzz/corpus/$target" -max_total_time="$seconds" \
    -max_len=8192 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="fuzz/crashes/$target-" \
    -print_final_stats=1 2>"build-fuzz/$target.log" || status=1
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "build-fuzz/$target.log" >&2 || true
  ./build-fuzz/fuzz/fuzz_$target -merge=1 "fuzz/corpus/$target" "$scratch" 2>/dev/null
done
exit $status
