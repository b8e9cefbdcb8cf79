#!/usr/bin/env bash
# Makes Evident's NuGet packages in a local folder, and with --check installs the tool from it and runs it.
#
#   Evident.Core, Evident.Analysis, Evident.Review, Evident.Rendering, Evident.Evidence (every library under src/): .nupkg with the XML docs, the
#       package's README and licence, and a .snupkg with the PDBs (Source Link to the commit in the repository
#       named by git's `origin` remote, when there is one).
#   Evident.Cli: the `evident` dotnet tool: a pointer package, and Evident.Cli.linux-x64 with the program compiled by
#       Native AOT (no .NET runtime needed; SkiaSharp's native library for Linux x64 only). Needs the C compiler that
#       ./evident's Native AOT build needs (clang or gcc).
#
# Usage: tools/pack.sh [--out DIR] [--check] [--no-tool] [--no-libraries]
#   --out DIR        where the packages go (default .build/packages; emptied of Evident packages first)
#   --check          then, offline against DIR only: `dotnet tool install Evident.Cli --tool-path TMP --add-source
#                    DIR`, run `evident analyze examples/bcg/bcg.csv --measure RR` from there, and build and run a
#                    small program that uses the Evident.Core package from DIR
#   --no-tool        only the libraries;  --no-libraries  only the tool
# Builds in Release under .build/pack/ (never in bin/ or obj/ of the projects), deterministic
# (ContinuousIntegrationBuild), with the repository's analyzers and warnings as errors. About 4 minutes on 2 idle
# cores.
set -euo pipefail
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.build/packages"
check=0 tool=1 libraries=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || { echo "pack: --out needs a folder" >&2; exit 2; }
           mkdir -p "$2"; out="$(cd "$2" && pwd)"; shift ;;
    --check) check=1 ;;
    --no-tool) tool=0 ;;
    --no-libraries) libraries=0 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "pack: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)"
[[ -n "$version" ]] || { echo "pack: no <Version> in Directory.Build.props" >&2; exit 1; }
work="$root/.build/pack"
mkdir -p "$out" "$work"
rm -f "$out"/Evident.*.nupkg "$out"/Evident.*.snupkg
log="$work/pack.log"
: >"$log"
common=(-c Release -o "$out" -nologo --disable-build-servers -p:ContinuousIntegrationBuild=true)

step() { # step LABEL COMMAND...: runs a dotnet command into the log, timed; on failure prints its errors and stops
  local label="$1" t0=$SECONDS
  shift
  printf 'pack: %-60s' "$label ..."
  if ! (cd "$root" && "$@") >>"$log" 2>&1; then
    echo " failed"
    grep -a -E ': (error|warning) ' "$log" | sed 's/^ *//' | sort -u >&2 || true
    echo "pack: see $log" >&2
    exit 1
  fi
  echo " $((SECONDS - t0)) s"
}

if ((libraries)); then
  for project in "$root"/src/*/*.csproj; do
    name="$(basename "$project" .csproj)"
    [[ "$name" == Evident.Cli ]] && continue
    step "$name" dotnet pack "$project" "${common[@]}" --artifacts-path "$work/libraries"
  done
fi

if ((tool)); then
  rid=linux-x64
  # The program (the SDK packs a Native AOT tool's RID package only with -r; no debug files in it), then the
  # pointer package, which names the RID packages and holds no code, so it needs no build.
  step "Evident.Cli.$rid (Native AOT)" dotnet pack src/Evident.Cli/Evident.Cli.csproj "${common[@]}" \
    --artifacts-path "$work/tool" -r "$rid" -p:PublishAot=true -p:DebugType=none \
    -p:PublishDocumentationFiles=false
  step "Evident.Cli (pointer package: restore)" dotnet restore src/Evident.Cli/Evident.Cli.csproj -nologo \
    --artifacts-path "$work/pointer" -p:PublishAot=true
  step "Evident.Cli (pointer package)" dotnet pack src/Evident.Cli/Evident.Cli.csproj "${common[@]}" --no-build \
    --artifacts-path "$work/pointer" -p:PublishAot=true
fi

echo "pack: packages in ${out#"$root/"}:"
(cd "$out" && ls -l Evident.*nupkg | awk '{ printf "  %-44s %6.1f MB\n", $NF, $5 / 1048576 }')

((check)) || exit 0

# ---- Check: install and use the packages from the folder alone ---------------------------------------------------
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="evident-local" value="$out" />
  </packageSources>
</configuration>
EOF
if ((tool)); then
  step "dotnet tool install Evident.Cli (from ${out#"$root/"} only)" dotnet tool install Evident.Cli \
    --version "$version" --tool-path "$tmp/tools" --configfile "$tmp/nuget.config"
  "$tmp/tools/evident" analyze "$root/examples/bcg/bcg.csv" --measure RR >"$tmp/bcg.txt"
  grep -q 'k = 13' "$tmp/bcg.txt" || { cat "$tmp/bcg.txt" >&2; echo "pack: the installed tool's output is not the BCG analysis" >&2; exit 1; }
  file="$(readlink -f "$tmp/tools/evident")"
  echo "pack: the installed evident analysed the BCG example ($(head -n 1 "$tmp/bcg.txt")); it is $(file -b "$file" 2>/dev/null | cut -d, -f1-2 || echo "$file")"
fi
if ((libraries)); then
  # A small program using Evident.Core from the folder (its dependencies come from the NuGet cache or feed).
  mkdir -p "$tmp/consumer"
  cat >"$tmp/consumer/consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RestoreAdditionalProjectSources>$out</RestoreAdditionalProjectSources>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Evident.Core" Version="$version" />
  </ItemGroup>
</Project>
EOF
  cat >"$tmp/consumer/Program.cs" <<'EOF'
using Evident.Core.Models;

// Four made-up studies: effect estimates and their sampling variances; REML random-effects model.
double[] yi = [-0.9, -1.6, -1.4, -0.2];
double[] vi = [0.33, 0.19, 0.42, 0.07];
var fit = MetaAnalysis.Fit(yi, vi);
Console.WriteLine($"consumer: MetaAnalysis.Fit from the package: estimate {fit.Estimate:0.0000}, tau2 {fit.Tau2:0.0000}");
EOF
  step "a program using the Evident.Core package" dotnet build "$tmp/consumer/consumer.csproj" -c Release -nologo \
    -o "$tmp/consumer/bin" --disable-build-servers -p:RestorePackagesPath="$tmp/nuget-packages" \
    -p:RestoreFallbackFolders="$HOME/.nuget/packages"
  dotnet "$tmp/consumer/bin/consumer.dll"
fi
echo "pack: check passed"
