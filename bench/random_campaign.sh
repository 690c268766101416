#!/usr/bin/env bash
# A longer random campaign than the suite's 120 systems: the differential
# test (explicit against the symbolic engines) over N seeded random systems
# (tests/random_systems.hpp: every knob of model-spec and model-spec-2, and
# in some single-function systems a seeded fault), and per shipped property
# how many systems violated it and at which depths. Writes the table to
# bench/random_campaign.md (with the date, N and the commit).
#
#   bash bench/random_campaign.sh [N]     (default 1000; about 0.4 s a system)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
[ -x build/tests/atscheck_tests ] || bash scripts/build.sh
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
start=$(date +%s)
ATSCHECK_RANDOM_SYSTEMS="$n" ATSCHECK_CAMPAIGN_REPORT="$table" \
  build/tests/atscheck_tests "explicit and symbolic engines agree on random systems" >/dev/null
{
  echo "# Random campaign"
  echo
  echo "\`bash bench/random_campaign.sh $n\`: $n random systems, explicit against the"
  echo "symbolic engines, every verdict agreeing; $(( $(date +%s) - start )) s on $(nproc) cores,"
  echo "$(date -u +%Y-%m-%d), at $(git rev-parse --short HEAD)."
  echo
  cat "$table"
} > bench/random_campaign.md
cat bench/random_campaign.md
