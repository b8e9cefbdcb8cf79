#!/usr/bin/env bash
# How the time of `evident check` (and `check --abstract`) grows with the size of a pathological summary: 20 KB,
# 200 KB and 1 MB of each kind of text that once made the checker super-linear (issue 14: runs of digits, dots and
# brackets, one long line of numbers, deep Markdown and HTML nesting, many negations, outcome mentions, sentences).
# Linear work shows ratios near 10 (200 KB / 20 KB) and 50 (1 MB / 20 KB); the start-up of each process (about
# 0.1 s) makes the small sizes look slower, so ratios come out lower. Not part of CI: timings belong to a quiet machine.
#
#   benchmarks/check-scaling.sh              # every kind, three sizes (a minute or two)
#   benchmarks/check-scaling.sh dots divs    # only the kinds named
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./evident --help >/dev/null   # build first, so no size pays for it

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# kind, extension, the unit repeated to the size
kinds=(
  "numbers .txt 0.42 "
  "digits .txt 1"
  "dots .md ."
  "digit-dots .txt 1."
  "brackets .txt ("
  "quotes .md >"
  "divs .html <div>"
  "entities .html &amp;x"
  "negations .txt not "
  "mentions .txt MEP (MEP) "
  "sentences .txt RMT may increase MEP slightly. "
)

repeat() { # UNIT SIZE: the unit repeated to exactly SIZE bytes (ASCII units)
  local unit="$1" size="$2" n
  n=$(( size / ${#unit} + 1 ))
  # (yes and tr end on SIGPIPE when head has enough: not a failure under pipefail)
  { yes "$unit" || true; } | head -n "$n" | { tr -d '\n' || true; } | head -c "$size"
}

seconds() { # COMMAND...: wall time of the command in seconds
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  echo "$EPOCHREALTIME $start" | awk '{printf "%.2f", $1 - $2}'
}

printf '%-12s %8s %8s %8s %8s %8s\n' kind 20KB 200KB 1MB x200KB x1MB
for entry in "${kinds[@]}"; do
  read -r kind ext unit <<<"$entry"
  unit="${entry#"$kind $ext "}"
  if [[ $# -gt 0 && ! " $* " =~ " $kind " ]]; then continue; fi
  times=()
  for size in 20000 200000 1000000; do
    file="$dir/$kind$ext"
    repeat "$unit" "$size" >"$file"
    t=$(seconds ./evident check "$file" --against examples/rmt-ms/rmt-ms.json --format json)
    a=$(seconds ./evident check --abstract "$file" --format json)
    times+=("$(echo "$t $a" | awk '{printf "%.2f", $1 + $2}')")
  done
  echo "${times[*]}" | awk -v k="$kind" '{printf "%-12s %8.2f %8.2f %8.2f %8.1f %8.1f\n", k, $1, $2, $3, $2 / ($1 > 0 ? $1 : 0.01), $3 / ($1 > 0 ? $1 : 0.01)}'
done
