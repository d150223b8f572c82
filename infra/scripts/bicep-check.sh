#!/usr/bin/env bash
# Builds and lints every .bicep file under infra/ with the Bicep CLI of the NuGet package
# Azure.Bicep.CommandLine.linux-x64 (a PackageDownload of tests/HumanSecurityAlerts.UnitTests, version
# BicepCliVersion in Directory.Packages.props). Fails on any diagnostic: error, warning or info.
# Set BICEP=/path/to/bicep to use another CLI.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/tests/HumanSecurityAlerts.UnitTests/HumanSecurityAlerts.UnitTests.csproj"
export BICEP_TELEMETRY_OPT_OUT=true

if [[ -z "${BICEP:-}" ]]; then
  if ! restore_log="$(dotnet restore "$project" 2>&1)"; then
    printf '%s\n' "$restore_log" >&2
    echo "bicep-check: restore of $project failed" >&2
    exit 1
  fi
  BICEP="$(dotnet msbuild "$project" -nologo -getProperty:BicepCliPath)"
fi
if [[ ! -f "$BICEP" ]]; then
  echo "bicep-check: Bicep CLI not found at '$BICEP'" >&2
  exit 1
fi
[[ -x "$BICEP" ]] || chmod +x "$BICEP"
echo "bicep-check: $("$BICEP" --version)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

failed=0
count=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  relative="${file#"$root"/}"
  for step in build lint; do
    if [[ $step == build ]]; then
      args=(build "$file" --outfile "$out/${relative//\//_}.json")
    else
      args=(lint "$file")
    fi
    if ! diagnostics="$("$BICEP" "${args[@]}" 2>&1)"; then
      failed=1
    fi
    if [[ -n "$diagnostics" ]]; then
      printf '%s\n' "$diagnostics"
      failed=1
    fi
  done
  echo "bicep-check: $relative built and linted"
done < <(find "$root/infra" -name '*.bicep' -not -path '*/node_modules/*' -print0 | sort -z)

if [[ $count -eq 0 ]]; then
  echo "bicep-check: no .bicep file found under infra/" >&2
  exit 1
fi
if [[ $failed -ne 0 ]]; then
  echo "bicep-check: FAILED (diagnostics above)" >&2
  exit 1
fi
echo "bicep-check: $count files, no diagnostics"
