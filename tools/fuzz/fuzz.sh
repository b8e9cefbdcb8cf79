#!/usr/bin/env bash
# The long fuzz run: the CI fuzz test (tests/Evident.Fuzz.Tests) with more cases per target and inputs up to 1 MB,
# over every target (check, summarize, analyze in each format, bias, sensitivity, plot forest/funnel/rob/prisma,
# report; see tools/fuzz/README.md). Failing inputs are kept in artifacts/fuzz/ (TARGET-CASE.EXT) to run again by
# hand; the test output lists each failure with its seed file, the damage done, the exit code and what was wrong,
# and for each target its cases per mutation class, exit codes and slowest case.
#
#   tools/fuzz/fuzz.sh [CASES] [SEED]      # defaults: 2000 cases per target, seed 1
#   FUZZ_BIG=200000 FUZZ_LIMIT=30 tools/fuzz/fuzz.sh 300
#   tools/fuzz/fuzz.sh 300 1 --filter 'DisplayName~plot-'   # extra arguments go to dotnet test (one target family)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export FUZZ_CASES="${1:-2000}" FUZZ_SEED="${2:-1}"
shift $(( $# > 2 ? 2 : $# ))
export FUZZ_BIG="${FUZZ_BIG:-1000000}" FUZZ_LIMIT="${FUZZ_LIMIT:-60}" FUZZ_SAVE="${FUZZ_SAVE:-$root/artifacts/fuzz}"
echo "fuzz: $FUZZ_CASES cases per target, seed $FUZZ_SEED, inputs up to $FUZZ_BIG chars, $FUZZ_LIMIT s each; failures in $FUZZ_SAVE" >&2
filter="FullyQualifiedName~DamagedInputs"
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then
  filter="$filter&$2"
  shift 2
fi
dotnet test tests/Evident.Fuzz.Tests/Evident.Fuzz.Tests.csproj -c Release --filter "$filter" \
  --logger "console;verbosity=detailed" "$@"
