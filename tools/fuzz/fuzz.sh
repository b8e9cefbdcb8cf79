#!/usr/bin/env bash
# The long fuzz run: the CI fuzz test (tests/Evident.Fuzz.Tests) with more cases per target and inputs up to 1 MB,
# over every target (check, summarize, analyze in each format, bias, sensitivity, plot forest/funnel/rob/prisma,
# report; see tools/fuzz/README.md), each target in a process of its own (one process running thousands of commands
# in-process slows down as it goes). Failing inputs are kept in artifacts/fuzz/ (TARGET-CASE.EXT) to run again by
# hand; the output lists each failure with its seed file, the damage done, the exit code and what was wrong, and for
# each target its cases per mutation class, exit codes and slowest case.
#
#   tools/fuzz/fuzz.sh [CASES] [SEED] [TARGET-PATTERN]   # defaults: 2000 cases per target, seed 1, every target
#   FUZZ_BIG=200000 FUZZ_LIMIT=30 tools/fuzz/fuzz.sh 300
#   tools/fuzz/fuzz.sh 300 1 'plot-'                     # the targets whose name contains plot-
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export FUZZ_CASES="${1:-2000}" FUZZ_SEED="${2:-1}"
pattern="${3:-}"
export FUZZ_BIG="${FUZZ_BIG:-1000000}" FUZZ_LIMIT="${FUZZ_LIMIT:-60}" FUZZ_SAVE="${FUZZ_SAVE:-$root/artifacts/fuzz}"
project=tests/Evident.Fuzz.Tests/Evident.Fuzz.Tests.csproj
dotnet build "$project" -c Release --nologo -v quiet
targets=$(dotnet test "$project" -c Release --no-build --list-tests | grep -o 'target: "[a-z0-9-]*"' | sed 's/target: "\(.*\)"/\1/' | grep -F -- "$pattern" || true)
[ -n "$targets" ] || { echo "fuzz: no target matches '$pattern'" >&2; exit 2; }
echo "fuzz: $FUZZ_CASES cases per target, seed $FUZZ_SEED, inputs up to $FUZZ_BIG chars, $FUZZ_LIMIT s each; failures in $FUZZ_SAVE" >&2
failed=()
for target in $targets; do
  # The built assembly, not the project: MSBuild would strip the quotes that make the name exact (plot-rob, not plot-rob-summary).
  if ! dotnet test tests/Evident.Fuzz.Tests/bin/Release/net10.0/Evident.Fuzz.Tests.dll --filter "DisplayName~\"$target\"" \
      --logger "console;verbosity=detailed"; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no failures" >&2
