#!/usr/bin/env bash
# metafor's leave1out() against Evident's SensitivityAnalysis.LeaveOneOut on the same simulated data, in one run, timed
# inside each process (R: system.time around leave1out(); Evident: the stopwatch harness in Evident.Benchmarks, median
# of repeated runs after a warm-up), with the ratio of the times.
#
# R simulates the data as vs-metafor.sh does (vi ~ U(0.01, 1), yi ~ N(0.5, vi + 0.25), set.seed(1234) for each k,
# written with 17 significant digits so both programs fit identical numbers). metafor fits rma(yi, vi) (REML) and
# times leave1out() at k = 200 and 400 (about 8 s and 60 s here; it grows with k^3, so k = 1000 took 2,057 s when
# measured once for metafor.md section 4.2 and is not rerun: its time is quoted). Evident times leave-one-out and
# influence at k = 200, 400, 1000 and 10000. The first leave-one-out row (estimate, tau2) of both is printed as a check.
#
# Usage: benchmarks/sensitivity-vs-metafor.sh [--r-ks "200 400"] [--ks "200 400 1000 10000"]
# Environment: EVIDENT_ARTIFACTS (dotnet --artifacts-path, default .build/bench/artifacts).
# Needs Rscript with metafor (Debian: apt-get install r-cran-metafor) and dotnet; without R it says so and exits 0.
# Nothing is written to the repository except the build output under .build/ (ignored by git).
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
r_ks="200 400"
ks="200 400 1000 10000"
while [ $# -gt 0 ]; do
    case "$1" in
        --r-ks) [ $# -ge 2 ] || { echo "sensitivity-vs-metafor: --r-ks needs a list" >&2; exit 2; }; r_ks="$2"; shift ;;
        --ks) [ $# -ge 2 ] || { echo "sensitivity-vs-metafor: --ks needs a list" >&2; exit 2; }; ks="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "sensitivity-vs-metafor: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
for k in $r_ks $ks; do
    [[ "$k" =~ ^[1-9][0-9]*$ ]] || { echo "sensitivity-vs-metafor: '$k' is not a number of studies" >&2; exit 2; }
done

if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'suppressPackageStartupMessages(library(metafor))' >/dev/null 2>&1; then
    echo "sensitivity-vs-metafor: Rscript with metafor not found; skipping (apt-get install r-cran-metafor)."
    exit 0
fi
command -v dotnet >/dev/null 2>&1 || { echo "sensitivity-vs-metafor: dotnet not found; cannot build Evident." >&2; exit 1; }

artifacts="${EVIDENT_ARTIFACTS:-$root/.build/bench/artifacts}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2086
Rscript - "$work" $ks $r_ks <<'EOF'
args <- commandArgs(trailingOnly = TRUE)
for (k in unique(as.integer(args[-1]))) {
  set.seed(1234)
  vi <- runif(k, 0.01, 1)
  yi <- rnorm(k, 0.5, sqrt(vi + 0.25))
  writeLines(c("yi,vi", sprintf("%.17g,%.17g", yi, vi)), file.path(args[1], sprintf("sim-%d.csv", k)))
}
EOF

echo "Building the timing harness (benchmarks/Evident.Benchmarks) ..."
dotnet build "$root/benchmarks/Evident.Benchmarks" -c Release -nologo -o "$work/harness" --artifacts-path "$artifacts" \
    >"$work/harness.log" 2>&1 || { cat "$work/harness.log" >&2; echo "sensitivity-vs-metafor: the benchmark project did not build." >&2; exit 1; }

cat <<EOF

Machine: $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?'), load average \
$(cut -d' ' -f1-3 /proc/loadavg) at the start; $(Rscript -e 'cat(R.version.string, "with metafor", packageDescription("metafor")$Version)'); \
.NET $(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v == "" ? "?" : v }'); $(date -u '+%Y-%m-%d %H:%M UTC')
EOF

# metafor: one timed leave1out() per k (the fit itself is not timed).
files=()
for k in $r_ks; do files+=("$work/sim-$k.csv"); done
Rscript - "${files[@]}" >"$work/metafor.tsv" <<'EOF'
suppressPackageStartupMessages(library(metafor))
cat("k\tmetafor_s\testimate\ttau2\n")
for (f in commandArgs(trailingOnly = TRUE)) {
  d <- read.csv(f)
  res <- rma(yi, vi, data = d, method = "REML")
  s <- system.time(l <- leave1out(res))[["elapsed"]]
  cat(sprintf("%d\t%.3f\t%.17g\t%.17g\n", nrow(d), s, l$estimate[1], l$tau2[1]))
}
EOF

files=()
for k in $ks; do files+=("$work/sim-$k.csv"); done
dotnet "$work/harness/Evident.Benchmarks.dll" time-sensitivity "${files[@]}" >"$work/evident.tsv"

echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk -F'\t' '
    FNR == 1 { next }
    NR == FNR { r_s[$1] = $2; r_est[$1] = $3; r_tau2[$1] = $4; next }
    FNR == 2 { printf "%7s  %16s  %14s  %14s  %10s  %28s  %28s\n", "k", "metafor l1o", "Evident l1o", "Evident infl", "ratio", "estimate[1] R / Ev", "tau2[1] R / Ev" }
    {
        k = $1
        if (k in r_s) { rt = sprintf("%.2f s", r_s[k]); ratio = sprintf("%.0fx", r_s[k] * 1000 / $2) }
        else if (k == 1000) { rt = "2057 s (quoted)"; ratio = sprintf("%.0fx", 2057000 / $2) }
        else { rt = "-"; ratio = "-" }
        est = (k in r_est) ? sprintf("%.10g / %.10g", r_est[k], $4) : sprintf("- / %.10g", $4)
        tau = (k in r_tau2) ? sprintf("%.10g / %.10g", r_tau2[k], $5) : sprintf("- / %.10g", $5)
        printf "%7d  %16s  %11.3g ms  %11.3g ms  %10s  %28s  %28s\n", k, rt, $2, $3, ratio, est, tau
    }
' "$work/metafor.tsv" "$work/evident.tsv"
echo
echo "(metafor: leave1out(rma(yi, vi)) timed once inside R, default threshold; 2057 s at k = 1000 is the earlier"
echo " measurement in metafor.md section 4.2. Evident: SensitivityAnalysis.LeaveOneOut and .Influence, REML, median.)"
