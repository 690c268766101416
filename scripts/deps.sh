#!/usr/bin/env bash
# Installs the Debian packages atscheck needs, only those that are missing.
# With --test, also what only the tests run: cvc5 (re-checks the SMT-LIB
# obligations) and chromium (renders the HTML report headless).
set -euo pipefail
packages=(gcc g++ cmake make ninja-build libz3-dev nlohmann-json3-dev catch2 libcli11-dev libtinyxml2-dev)
if [ "${1:-}" = "--test" ]; then
  packages+=(cvc5 chromium)
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
