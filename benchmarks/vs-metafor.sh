#!/usr/bin/env bash
# metafor and Evident doing the same work on this machine, timed as whole processes (start-up and reading the
# file included), with the ratio of the wall times and both CPU times. Each run is a fresh process; the OS file cache
# is warm.
#
# Parts (name them as arguments to run only those):
#   cold    (c) a small analysis: the 13 BCG trials, RR, REML, printed. Rscript (read.csv, escalc, rma, print)
#               against `./evident analyze examples/bcg/bcg.csv --measure RR`; wall and CPU time and peak RSS,
#               medians of several runs. Targets: >= 10x less wall time, Evident < 0.1 s and <= 50 MiB.
#   check   (c) a cold accuracy check of a plain-language summary: `./evident check rmt-ms.md --against
#               examples/rmt-ms/rmt-ms.json` (the summary written once by `evident summarize` from the same file).
#               metafor has no such thing, so no ratio. Targets: < 0.1 s and <= 50 MiB.
#   k1000   (b) one REML fit at k = 1000: Rscript reading a yi,vi CSV and calling rma(method = "REML"), against
#               `evident analyze sim.csv --format csv` (GEN inferred). R simulates the data (vi ~ U(0.01, 1),
#               yi ~ N(0.5, vi + 0.25), seed 1234, 17 significant digits, so both fit identical numbers).
#   k2000   (b) the same at k = 2000 (metafor about 15 s, run once).
#   batch   (a) the Pairwise70 batch (86,492 rows): ../shared/reference/pairwise70_metafor.R run by Rscript (about
#               80 s, run once) against `evident analyze pairwise70.csv.gz --by review,Analysis.group,Analysis.number
#               --measure auto --continuous SMD --binary OR ...` (same grouping and measures, REML). Target: >= 100x.
#   fit     (not in the default set) in-process time of one REML fit, k = 10, 1000, 2000: metafor's rma() timed
#               inside R, Evident's MetaAnalysis.Fit by the timing harness in Evident.Benchmarks.
#
# Usage: benchmarks/vs-metafor.sh [--quick] [--build wrapper|aot|r2r|jit] [--evident PROGRAM] [PART...]
#   (no part)        cold check k1000 k2000 batch, about two minutes (most of it metafor's batch)
#   --quick          cold check k1000 only, about 30 s once ./evident is built
#   --build wrapper  (default) time `./evident` itself, the wrapper and the program it builds and runs (Native AOT
#                    where a C compiler is available, see ./evident); builds it first if needed (progress on stderr)
#   --build aot      Native AOT: `dotnet publish -p:PublishAot=true` into .build/bench/aot. Needs clang or gcc; with
#                    neither, the script installs gcc with apt-get when it runs as root, else falls back to r2r
#   --build r2r      ReadyToRun, self-contained: `dotnet publish --self-contained -p:PublishReadyToRun=true`
#   --build jit      the framework-dependent `dotnet build -c Release` output (start-up with the JIT)
#   --evident PROG   time this program instead of building one
# Environment: PAIRWISE70 (the data, default ../shared/data/pairwise70/pairwise70.csv.gz), PAIRWISE70_R (the R
#   script, default ../shared/reference/pairwise70_metafor.R), EVIDENT_ARTIFACTS (dotnet --artifacts-path, default
#   .build/bench/artifacts), RUNS (runs per short measurement, default 7, after one untimed warm-up).
# Needs Rscript with metafor (Debian: apt-get install r-cran-metafor); without them it says so and exits 0.
# Peak RSS comes from GNU time (/usr/bin/time; Debian package `time`, installed when running as root).
# Nothing is written to the repository except the build output under .build/ (ignored by git).
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=wrapper
evident=""
parts=()
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) parts+=(cold check k1000) ;;
        --build) [ $# -ge 2 ] || { echo "vs-metafor: --build needs wrapper, aot, r2r or jit" >&2; exit 2; }
                 build="$2"; shift ;;
        --evident) [ $# -ge 2 ] || { echo "vs-metafor: --evident needs a program" >&2; exit 2; }
                   evident="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        cold|check|k1000|k2000|batch|fit) parts+=("$1") ;;
        *) echo "vs-metafor: unknown argument '$1' (parts: cold check k1000 k2000 batch fit; see --help)" >&2; exit 2 ;;
    esac
    shift
done
case "$build" in wrapper|aot|r2r|jit) ;; *) echo "vs-metafor: --build must be wrapper, aot, r2r or jit, not '$build'" >&2; exit 2 ;; esac
[ ${#parts[@]} -gt 0 ] || parts=(cold check k1000 k2000 batch)
want() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

pairwise70="${PAIRWISE70:-$root/../shared/data/pairwise70/pairwise70.csv.gz}"
pairwise70_r="${PAIRWISE70_R:-$root/../shared/reference/pairwise70_metafor.R}"
artifacts="${EVIDENT_ARTIFACTS:-$root/.build/bench/artifacts}"
runs="${RUNS:-7}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "vs-metafor: RUNS must be a positive integer, not '$runs'" >&2; exit 2; }
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

if [ -z "${EPOCHREALTIME:-}" ]; then
    echo "vs-metafor: needs bash 5 or later (EPOCHREALTIME) for its wall-clock timing." >&2
    exit 1
fi
if ! command -v Rscript >/dev/null 2>&1; then
    echo "vs-metafor: Rscript not found; skipping the comparison (install R and r-cran-metafor to run it)."
    exit 0
fi
if ! Rscript -e 'suppressPackageStartupMessages(library(metafor))' >/dev/null 2>&1; then
    echo "vs-metafor: R is here but the metafor package is not; skipping (apt-get install r-cran-metafor)."
    exit 0
fi
if [ -z "$evident" ] || want fit; then
    command -v dotnet >/dev/null 2>&1 || { echo "vs-metafor: dotnet not found; cannot build Evident." >&2; exit 1; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# apt_install PACKAGE... : installs with apt-get (refreshing the package lists once if the first try fails).
apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >"$work/apt.log" 2>&1 && return 0
    apt-get update >>"$work/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >>"$work/apt.log" 2>&1
}

gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M %U %S' -o /dev/null true 2>/dev/null; then
    gnu_time=/usr/bin/time
elif can_apt; then
    echo "vs-metafor: installing GNU time with apt-get (for peak RSS and CPU time) ..."
    apt_install time && gnu_time=/usr/bin/time || echo "vs-metafor: could not install time; peak RSS and CPU time will not be shown."
else
    echo "vs-metafor: GNU time (/usr/bin/time) not found; peak RSS and CPU time will not be shown (apt-get install time)."
fi

# ---- Evident: the program to time ------------------------------------------------------------------------------
if [ -z "$evident" ] && [ "$build" = wrapper ]; then
    # The wrapper builds on its first call (progress on stderr) and says which build it made in .build/stamp.
    "$root/evident" --version >/dev/null || { echo "vs-metafor: ./evident did not build." >&2; exit 1; }
    case "$(cut -d' ' -f3 "$root/.build/stamp" 2>/dev/null)" in
        aot) what="./evident (its Native AOT build)" ;;
        r2r) what="./evident (its ReadyToRun build)" ;;
        jit) what="./evident (its JIT build)" ;;
        *) what="./evident" ;;
    esac
    evident="$root/evident"
elif [ -z "$evident" ]; then
    if [ "$build" = aot ] && ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
        if can_apt; then
            echo "vs-metafor: Native AOT links with a C compiler; installing gcc and libc6-dev with apt-get ..."
            apt_install gcc libc6-dev || { cat "$work/apt.log" >&2; echo "vs-metafor: apt-get failed." >&2; exit 1; }
        else
            echo "vs-metafor: Native AOT needs clang or gcc (apt-get install gcc libc6-dev), which cannot be"
            echo "            installed here (not root, or no apt-get), so Evident is built ReadyToRun instead (start-up"
            echo "            about 10x slower than AOT; (c) will likely miss its target)."
            build=r2r
        fi
    fi
    rid="$(dotnet --info 2>/dev/null | awk '/^ *RID:/ { print $2; exit }')"
    [ -n "$rid" ] || { echo "vs-metafor: could not read the runtime identifier from 'dotnet --info'." >&2; exit 1; }
    out="$root/.build/bench/$build"
    project="$root/src/Evident.Cli/Evident.Cli.csproj"
    common=(-c Release -o "$out" --artifacts-path "$artifacts" -nologo)
    case "$build" in
        aot) what="Native AOT, $rid"; cmd=(dotnet publish "$project" -r "$rid" -p:PublishAot=true "${common[@]}") ;;
        r2r) what="ReadyToRun, self-contained, $rid"
             cmd=(dotnet publish "$project" -r "$rid" --self-contained -p:PublishReadyToRun=true "${common[@]}") ;;
        jit) what="framework-dependent, JIT"; cmd=(dotnet build "$project" "${common[@]}") ;;
    esac
    echo "Building Evident ($what) into .build/bench/$build ..."
    rm -rf "$out"
    DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 "${cmd[@]}" >"$work/build.log" 2>&1 || {
        cat "$work/build.log" >&2
        echo "vs-metafor: Evident did not build ($what)." >&2
        exit 1
    }
    evident="$out/evident"
else
    what="$evident as given"
fi
[ -x "$evident" ] || command -v "$evident" >/dev/null 2>&1 || { echo "vs-metafor: cannot run '$evident'." >&2; exit 1; }

# ---- Timing -----------------------------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# measure NAME RUNS WARMUP CMD... : runs CMD RUNS times, each a fresh process, after WARMUP (0 or 1) untimed runs;
# stdout to $work/NAME.out. Sets wall_us (median wall time, µs), cpu_us (median user + system CPU time of the
# process and its children, µs) and rss_kb (median peak RSS, KiB); the last two are empty without GNU time. A failing
# command stops the script with its stderr.
measure() {
    local name="$1" n="$2" warm="$3" i t0 t1 status
    shift 3
    local -a us=() kb=() cpu=() timer=()
    [ -n "$gnu_time" ] && timer=("$gnu_time" -f '%M %U %S' -o "$work/$name.rss")
    for ((i = -warm; i < n; i++)); do
        t0=${EPOCHREALTIME/[.,]/}
        status=0
        "${timer[@]}" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
        t1=${EPOCHREALTIME/[.,]/}
        if [ "$status" -ne 0 ]; then
            tail -n 20 "$work/$name.err" >&2
            echo "vs-metafor: '$*' failed (exit $status)." >&2
            exit 1
        fi
        [ "$i" -ge 0 ] || continue
        us+=($((t1 - t0)))
        if [ -n "$gnu_time" ]; then
            kb+=("$(tail -n 1 "$work/$name.rss" | awk '{ print $1 }')")
            cpu+=("$(tail -n 1 "$work/$name.rss" | awk '{ printf "%.0f", ($2 + $3) * 1e6 }')")
        fi
    done
    wall_us="$(median "${us[@]}")"
    rss_kb="" cpu_us=""
    [ ${#kb[@]} -eq 0 ] || rss_kb="$(median "${kb[@]}")"
    [ ${#cpu[@]} -eq 0 ] || cpu_us="$(median "${cpu[@]}")"
}

# row LABEL R_US R_CPU R_KB E_US E_CPU E_KB TARGET_RATIO TARGET_MIB TARGET_MS : prints one line of the table with its
# verdict. An empty R_US (no metafor counterpart) leaves metafor's columns and the ratio as "-".
row() {
    awk -v label="$1" -v rus="$2" -v rcpu="$3" -v rkb="$4" -v eus="$5" -v ecpu="$6" -v ekb="$7" -v tr="$8" -v tm="$9" -v tt="${10}" '
        function t(us) { return us == "" ? "-" : us >= 1e8 ? sprintf("%.0f s", us / 1e6) : us >= 1e6 ? sprintf("%.3g s", us / 1e6) : sprintf("%.3g ms", us / 1e3) }
        function m(kb) { return kb == "" ? "-" : sprintf("%.0f", kb / 1024) }
        BEGIN {
            ratio = rus == "" ? "" : rus / eus
            target = tr == "" ? "" : ">= " tr "x"
            if (tt != "") target = target (target == "" ? "" : ", ") "< " tt " ms"
            if (tm != "") target = target (target == "" ? "" : ", ") "<= " tm " MiB"
            if (target == "") target = "-"
            ok = (tr == "" || ratio >= tr) && (tm == "" || ekb == "" || ekb / 1024 <= tm) && (tt == "" || eus < tt * 1000)
            verdict = (tr == "" && tm == "" && tt == "") ? "" : ok ? "met" : "MISSED"
            if (tm != "" && ekb == "") verdict = verdict " (RSS not measured)"
            printf "%-31s %9s %9s %7s  %9s %9s  %6s %6s   %-30s %s\n", label, t(rus), t(eus), ratio == "" ? "-" : sprintf(ratio >= 10 ? "%.0fx" : "%.1fx", ratio), t(rcpu), t(ecpu), m(rkb), m(ekb), target, verdict
        }'
}

cat <<EOF

Machine: $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?'), \
$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '? GiB') RAM, \
$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -sr)
$(Rscript -e 'cat(R.version.string, "with metafor", packageDescription("metafor")$Version)'); .NET $(dotnet --list-runtimes \
2>/dev/null | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v == "" ? "?" : v }'); Evident: $what; $(date -u '+%Y-%m-%d %H:%M UTC')
Whole-process wall time, CPU time (user + system) and peak RSS, medians of $runs runs after a warm-up (metafor: 3 runs
at k = 1000, 1 run where marked *); load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'):

EOF
printf "%-31s %9s %9s %7s  %9s %9s  %6s %6s   %-30s %s\n" "" "metafor" "Evident" "ratio" "R CPU" "Ev CPU" "R MiB" "Ev MiB" "target" ""
notes=()

# (c) a cold, small analysis
if want cold; then
    cat >"$work/bcg.R" <<'EOF'
suppressPackageStartupMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
es <- escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = d)
print(rma(yi, vi, data = es, method = "REML"))
EOF
    bcg="$root/examples/bcg/bcg.csv"
    measure r-cold "$runs" 1 Rscript "$work/bcg.R" "$bcg"
    r_us=$wall_us r_cpu=$cpu_us r_kb=$rss_kb
    measure e-cold "$runs" 1 "$evident" analyze "$bcg" --measure RR
    row "(c) BCG, RR, REML, cold" "$r_us" "$r_cpu" "$r_kb" "$wall_us" "$cpu_us" "$rss_kb" 10 50 100
fi

# (c) a cold accuracy check of a summary (Evident only)
if want check; then
    rmt="$root/examples/rmt-ms/rmt-ms.json"
    "$evident" summarize "$rmt" --out "$work/rmt-ms.md" >/dev/null 2>"$work/summarize.err" || {
        cat "$work/summarize.err" >&2; echo "vs-metafor: evident summarize failed." >&2; exit 1; }
    measure e-check "$runs" 1 "$evident" check "$work/rmt-ms.md" --against "$rmt"
    row "(c) check a summary, cold" "" "" "" "$wall_us" "$cpu_us" "$rss_kb" "" 50 100
    notes+=("check: $(grep -a -E '^[0-9]+ error' "$work/e-check.out" | head -n 1 || true) (rmt-ms.md written by evident summarize from examples/rmt-ms/rmt-ms.json)")
fi

# (b) one REML fit at k = 1000 and 2000, data simulated by R
sim_ks=()
want k1000 && sim_ks+=(1000)
want k2000 && sim_ks+=(2000)
want fit && sim_ks+=(10 1000 2000)
if [ ${#sim_ks[@]} -gt 0 ]; then
    Rscript - "$work" "${sim_ks[@]}" <<'EOF'
args <- commandArgs(trailingOnly = TRUE)
for (k in unique(as.integer(args[-1]))) {
  set.seed(1234)
  vi <- runif(k, 0.01, 1)
  yi <- rnorm(k, 0.5, sqrt(vi + 0.25))
  # 17 significant digits: the CSV round-trips every double exactly, so both programs fit the same data.
  writeLines(c("yi,vi", sprintf("%.17g,%.17g", yi, vi)), file.path(args[1], sprintf("sim-%d.csv", k)))
}
EOF
    cat >"$work/fit.R" <<'EOF'
suppressPackageStartupMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
t0 <- proc.time()[["elapsed"]]
res <- rma(yi, vi, data = d, method = "REML")
cat(sprintf("tau2=%.10g rma_seconds=%.3f\n", res$tau2, proc.time()[["elapsed"]] - t0))
EOF
    csv_field() { # csv_field FILE NAME: the named field of the first data row of a simple CSV
        awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } NR == 2 { print $c; exit }' "$1"
    }
    for k in 1000 2000; do
        want "k$k" || continue
        r_runs=$runs mark=""
        if [ "$k" -ge 2000 ]; then r_runs=1 mark="*"; elif [ "$runs" -gt 3 ]; then r_runs=3; fi
        measure "r-$k" "$r_runs" 0 Rscript "$work/fit.R" "$work/sim-$k.csv"
        r_us=$wall_us r_cpu=$cpu_us r_kb=$rss_kb
        measure "e-$k" "$runs" 1 "$evident" analyze "$work/sim-$k.csv" --format csv
        row "(b) one REML fit, k = $k$mark" "$r_us" "$r_cpu" "$r_kb" "$wall_us" "$cpu_us" "$rss_kb" "" "" ""
        notes+=("k = $k: tau2 metafor $(sed -n 's/.*tau2=\([^ ]*\).*/\1/p' "$work/r-$k.out"), Evident $(csv_field "$work/e-$k.out" tau2); rma() alone took $(sed -n 's/.*rma_seconds=\([^ ]*\).*/\1/p' "$work/r-$k.out") s of metafor's run")
    done
fi

# (a) the Pairwise70 batch
if want batch; then
    batch_args=(analyze "$pairwise70" --by review,Analysis.group,Analysis.number --measure auto --continuous SMD
        --binary OR --ignore-applicability --quiet --format csv)
    if [ ! -f "$pairwise70" ] || [ ! -f "$pairwise70_r" ]; then
        notes+=("(a) skipped: $pairwise70 or $pairwise70_r is missing (set PAIRWISE70 / PAIRWISE70_R)")
    elif ! "$evident" analyze --help 2>/dev/null | grep -q -- '--by'; then
        notes+=("(a) skipped: this Evident has no batch mode yet (analyze --by)")
    else
        measure r-batch 1 0 Rscript "$pairwise70_r" "$pairwise70"
        r_us=$wall_us r_cpu=$cpu_us r_kb=$rss_kb
        b_runs=$runs
        [ "$runs" -le 5 ] || b_runs=5
        measure e-batch "$b_runs" 1 "$evident" "${batch_args[@]}"
        row "(a) Pairwise70 batch, REML*" "$r_us" "$r_cpu" "$r_kb" "$wall_us" "$cpu_us" "$rss_kb" 100 "" ""
        # Records, not lines: a quoted field may hold a line break.
        e_rows=$(awk '{ q += gsub(/"/, "\"") } q % 2 == 0 { n++ } END { print n - 1 }' "$work/e-batch.out")
        notes+=("(a) metafor: $(tr -d '\n' <"$work/r-batch.out"); Evident: $e_rows analyses in its CSV")
    fi
fi

echo
echo "(ratio = metafor wall time / Evident wall time; * = metafor run once, Evident still median of several.)"
for n in "${notes[@]}"; do echo "$n"; done

# In-process time of one fit (the harness in Evident.Benchmarks), as before the whole-process comparison.
if want fit; then
    echo
    echo "In-process: one REML fit, median wall time per fit (building the timing harness ...)"
    Rscript - "$work" 10 1000 2000 >"$work/metafor.tsv" <<'EOF'
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
el <- function(expr) system.time(expr)[["elapsed"]]
cat("k\tmetafor_ms\tmu\ttau2\n")
for (k in as.integer(args[-1])) {
  d <- read.csv(file.path(args[1], sprintf("sim-%d.csv", k)))
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
    dotnet build "$root/benchmarks/Evident.Benchmarks" -c Release -nologo -o "$work/harness" --artifacts-path "$artifacts" \
        >"$work/harness.log" 2>&1 || {
        cat "$work/harness.log" >&2
        echo "vs-metafor: the benchmark project did not build." >&2
        exit 1
    }
    dotnet "$work/harness/Evident.Benchmarks.dll" time "$work/sim-10.csv" "$work/sim-1000.csv" "$work/sim-2000.csv" \
        >"$work/evident.tsv"
    awk -F'\t' '
        FNR == 1 { next }
        NR == FNR { r_ms[$1] = $2; r_tau2[$1] = $4; next }
        FNR == 2 { printf "%9s  %12s  %12s  %9s  %12s  %12s\n", "k", "metafor ms", "Evident ms", "ratio", "tau2 metafor", "tau2 Evident" }
        { printf "%9d  %12.4g  %12.4g  %8.0fx  %12.6g  %12.6g\n", $1, r_ms[$1], $2, ($2 > 0 ? r_ms[$1] / $2 : 0), r_tau2[$1], $4 }
    ' "$work/metafor.tsv" "$work/evident.tsv"
    echo "(metafor stops at its default threshold of 1e-5 on the change in tau2, so at small k its tau2 can differ from"
    echo " Evident's in the 5th digit.)"
fi
