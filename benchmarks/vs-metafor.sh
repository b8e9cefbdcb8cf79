#!/usr/bin/env bash
# Times metafor's rma(method="REML") and Evident's MetaAnalysis.Fit (REML) on the same simulated data
# (k = 10, 1000, 2000; vi ~ U(0.01, 1), yi ~ N(0.5, vi + 0.25), seed 1234 as in metafor's speed tip) and prints
# the ratio. R writes one CSV per k and both sides read it back, so they fit identical numbers.
# Needs Rscript with metafor (Debian: apt-get install r-cran-metafor); without it, says so and exits 0.
# Usage: benchmarks/vs-metafor.sh [K...]        (default: 10 1000 2000; k = 2000 alone takes metafor ~15 s)
# EVIDENT_ARTIFACTS=DIR builds into DIR (dotnet --artifacts-path) instead of the default bin/obj folders.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ks=("$@")
[ ${#ks[@]} -gt 0 ] || ks=(10 1000 2000)

if ! command -v Rscript >/dev/null 2>&1; then
    echo "vs-metafor: Rscript not found; skipping the comparison (install R and r-cran-metafor to run it)."
    exit 0
fi
if ! Rscript -e 'suppressPackageStartupMessages(library(metafor))' >/dev/null 2>&1; then
    echo "vs-metafor: R is here but the metafor package is not; skipping (apt-get install r-cran-metafor)."
    exit 0
fi
if ! command -v dotnet >/dev/null 2>&1; then
    echo "vs-metafor: dotnet not found; cannot time Evident." >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Simulating and timing metafor $(Rscript -e 'cat(as.character(packageVersion("metafor")))') ..."
Rscript - "$work" "${ks[@]}" >"$work/metafor.tsv" <<'EOF'
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
ks <- as.integer(args[-1])
el <- function(expr) system.time(expr)[["elapsed"]]
cat("k\tmetafor_ms\tmu\ttau2\n")
for (k in ks) {
  set.seed(1234)
  vi <- runif(k, 0.01, 1)
  yi <- rnorm(k, 0.5, sqrt(vi + 0.25))
  file <- file.path(dir, sprintf("sim-%d.csv", k))
  # 17 significant digits: the CSV round-trips every double exactly, so both programs fit the same data.
  writeLines(c("yi,vi", sprintf("%.17g,%.17g", yi, vi)), file)
  d <- read.csv(file)
  t0 <- el(res <- rma(yi, vi, data = d, method = "REML"))  # first fit, also the warm-up
  if (t0 >= 2) {
    ms <- t0 * 1000  # a slow fit is timed once: warm-up costs are noise next to it
  } else {
    # Batches of repeated fits lasting about a second each (k = 10 needs hundreds of fits for a stable time).
    reps <- as.integer(min(500, max(1, ceiling(1 / max(t0, 1e-3)))))
    ms <- median(replicate(3, el(for (i in seq_len(reps)) rma(yi, vi, data = d, method = "REML")) / reps)) * 1000
  }
  cat(sprintf("%d\t%.6g\t%.17g\t%.17g\n", k, ms, res$b[1], res$tau2))
}
EOF

echo "Building Evident's timing harness (Release) ..."
build_args=(-c Release --nologo -o "$work/bin")
[ -n "${EVIDENT_ARTIFACTS:-}" ] && build_args+=(--artifacts-path "$EVIDENT_ARTIFACTS")
dotnet build "$root/benchmarks/Evident.Benchmarks" "${build_args[@]}" >"$work/build.log" 2>&1 || {
    cat "$work/build.log" >&2
    echo "vs-metafor: the benchmark project did not build." >&2
    exit 1
}
files=()
for k in "${ks[@]}"; do files+=("$work/sim-$k.csv"); done
dotnet "$work/bin/Evident.Benchmarks.dll" time "${files[@]}" >"$work/evident.tsv"

echo
echo "REML fit of one intercept-only model, median wall time per fit (same data for both):"
awk -F'\t' '
    FNR == 1 { next }
    NR == FNR { r_ms[$1] = $2; r_tau2[$1] = $4; next }
    FNR == 2 { printf "%9s  %12s  %12s  %9s  %12s  %12s\n", "k", "metafor ms", "Evident ms", "ratio", "tau2 metafor", "tau2 Evident" }
    { printf "%9d  %12.4g  %12.4g  %8.0fx  %12.6g  %12.6g\n", $1, r_ms[$1], $2, ($2 > 0 ? r_ms[$1] / $2 : 0), r_tau2[$1], $4 }
' "$work/metafor.tsv" "$work/evident.tsv"
echo "(ratio = metafor time / Evident time. The tau2 columns show both fitted the same model; metafor stops at its"
echo " default threshold of 1e-5 on the change in tau2, so it can differ from Evident's in the 5th digit at small k.)"
