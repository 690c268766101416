#!/usr/bin/env bash
# The main job: install what is missing, build, and run the CI gate on the
# shipped examples: every shipped revision on every shipped scenario, judged
# against examples/ci/expectations.json. Prints the verdict matrix and writes
# JUnit, SARIF and HTML reports into build/ci-report/. Exits with the gate's
# code: 0 when every verdict is as expected (see docs/ci.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh >/dev/null
mkdir -p build/ci-report
./build/atscheck ci examples/ci/expectations.json --out build/ci-report/traces \
  --junit build/ci-report/junit.xml --sarif build/ci-report/atscheck.sarif \
  --html build/ci-report/report.html
