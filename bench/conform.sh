#!/usr/bin/env bash
# Whole-process time of `atscheck conform --kernel DIR` (both compiles, the
# PCI cases and the SMMU lockstep on its default scenarios), two binaries
# taking turns so that the machine's noise falls on both alike:
#   bash bench/conform.sh KERNEL_DIR OLD_BINARY NEW_BINARY [RUNS]
# Prints a Markdown table: each run's seconds, the medians and their ratio.
set -euo pipefail
dir="${1:?usage: bash bench/conform.sh KERNEL_DIR OLD_BINARY NEW_BINARY [RUNS]}"
old="${2:?old binary}" new="${3:?new binary}" runs="${4:-5}"
seconds() { # one whole-process run of conform, in seconds
  local start end
  start=$(date +%s.%N)
  "$1" conform --kernel "$dir" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
o=() n=()
for ((i = 0; i < runs; i++)); do
  o+=("$(seconds "$old")")
  n+=("$(seconds "$new")")
done
mo=$(printf '%s\n' "${o[@]}" | median) mn=$(printf '%s\n' "${n[@]}" | median)
echo "| binary | runs (s) | median (s) |"
echo "|---|---|---|"
echo "| old ($old) | ${o[*]} | $mo |"
echo "| new ($new) | ${n[*]} | $mn |"
echo
echo "new / old: $(echo "scale=2; $mn / $mo" | bc)x"
