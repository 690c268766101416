#!/usr/bin/env bash
# Installs the Debian packages atscheck needs, only those that are missing.
# With --test, also what only the tests run: cvc5 (re-checks the SMT-LIB
# obligations), chromium (renders the HTML report headless) and Debian's
# 6.12 kernel source (conform's lockstep runs on its SMMU driver).
set -euo pipefail
packages=(gcc g++ cmake make ninja-build libz3-dev nlohmann-json3-dev catch2 libcli11-dev libtinyxml2-dev)
if [ "${1:-}" = "--test" ]; then
  packages+=(cvc5 chromium linux-source-6.12)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "atscheck: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
