#!/usr/bin/env bash
# The tests: install what is missing, build (warnings are errors here), run the
# Catch2 suite under ctest.
#   scripts/test.sh             the suite on the normal build (build/)
#   scripts/test.sh --sanitize  the suite built with ASan and UBSan (build-sanitize/),
#                               with 10 instead of 120 random differential systems,
#                               each shipped scenario against one revision, in turn, and
#                               without the tests whose time goes to breadth or to
#                               uninstrumented tools ($breadth below)
# Both builds are unity builds (CMAKE_UNITY_BUILD: a few source files compiled
# as one, so the large headers are parsed once per batch): 132 s instead of
# 235 s for the normal build on two cores, and CI builds twice within its ten
# minutes (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --test
# ctest runs a test per core: each explicit search on one thread (the default
# is one per core), so that the cores are not oversubscribed.
export ATSCHECK_THREADS=1
if [ "${1:-}" = "--sanitize" ]; then
  generator=()
  [ -f build-sanitize/CMakeCache.txt ] || generator=(-G Ninja) # as scripts/build.sh
  cmake -S . -B build-sanitize "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DATSCHECK_SANITIZE=ON \
    -DATSCHECK_WERROR=ON -DCMAKE_UNITY_BUILD=ON >/dev/null
  cmake --build build-sanitize -j "$(nproc)"
  cd build-sanitize
  export ATSCHECK_RANDOM_SYSTEMS=10 ATSCHECK_AGREE_SAMPLE=1
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
  export LSAN_OPTIONS="suppressions=$PWD/../scripts/lsan-z3.supp"
  # Breadth over cells, mutants and shards, and Z3's own work (Z3 is not
  # instrumented): the normal pass runs them; each took 15-120 s here.
  breadth="shipped manifest passes the gate|BMC and explicit search agree on every"
  breadth+="|Houdini keeps the same lemmas|symmetry reduction keeps every verdict"
  breadth+="|every seeded mutant is killed|three shards merge|symbolic and concrete interpretations agree"
  breadth+="|no fleet size from one to six pairs|Debian's 6.12|series over a fixture git tree|ci gates on a series"
  breadth+="|a fatal probe-time prepare is read|a series' answers to a failed enable"
  breadth+="|the interchangeability obligations fail exactly under the mutants"
  exclude="$breadth|re-checks? with cvc5|headless Chromium"
else
  bash scripts/build.sh -DATSCHECK_WERROR=ON -DCMAKE_UNITY_BUILD=ON
  cd build
  exclude="^$"
fi
ctest --output-on-failure -j "$(nproc)" -E "$exclude"
