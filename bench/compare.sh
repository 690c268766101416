#!/usr/bin/env bash
# Before and after in one run: bash bench/compare.sh OLD_REF [compare.py options]
# Builds OLD_REF (a commit, e.g. main~3) in a worktree beside this checkout and
# this checkout, both Release, into build-bench-old/ and build-bench/, then
# runs bench/compare.py on the two binaries (writes bench/compare.md).
set -euo pipefail
cd "$(dirname "$0")/.."
old_ref="${1:?usage: bash bench/compare.sh OLD_REF [compare.py options]}"
shift
bash scripts/deps.sh
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
worktree="build-bench-old/src"
rm -rf build-bench-old
git worktree prune
git worktree add --detach "$worktree" "$old_ref" >/dev/null
cmake -S "$worktree" -B build-bench-old/build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DATSCHECK_WERROR=OFF >/dev/null
cmake --build build-bench-old/build -j "$(nproc)" --target atscheck >/dev/null
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" --target atscheck >/dev/null
status=0
python3 bench/compare.py build-bench-old/build/atscheck build-bench/atscheck \
  --old-label "$(git rev-parse --short "$old_ref")" --new-label "$(git rev-parse --short HEAD)" \
  "$@" || status=$?
git worktree remove --force "$worktree"
exit $status
