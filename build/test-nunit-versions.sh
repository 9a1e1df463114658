#!/usr/bin/env bash
# Runs the NUnit acceptance tests (scenarios through the real NUnit runner) against the lowest NUnit 3 and 4 and the
# highest NUnit the adapter supports, each in its own artifacts folder. The adapter is always built against the lowest
# (Directory.Packages.props: LeakCheckNUnitMinimumVersion); only the tests and scenarios move.
#
#   build/test-nunit-versions.sh [--results DIR] [VERSION ...]      (default: 3.13.3 4.1.0 5.0.0)
#
# Results: <results>/nunit-<version>.trx (results default: artifacts/nunit-results). Exit status 0 only if all passed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/artifacts/nunit-results"
versions=()
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results="$2"; shift 2 ;;
    *) versions+=("$1"); shift ;;
  esac
done
[ "${#versions[@]}" -gt 0 ] || versions=(3.13.3 4.1.0 5.0.0)
mkdir -p "$results"
status=0
for version in "${versions[@]}"; do
  echo "== NUnit $version"
  if ! dotnet test tests/LeakCheck.NUnit.Tests -c Release -nologo "-p:LeakCheckNUnitVersion=$version" \
      --artifacts-path "$root/artifacts/nunit-$version" \
      --logger "trx;LogFileName=nunit-$version.trx" --results-directory "$results" >"$results/nunit-$version.log" 2>&1; then
    status=1
    grep -E "error|Failed " "$results/nunit-$version.log" | head -n 20 >&2
  fi
  grep -o '"NUnit/[0-9.]*"' "$root/artifacts/nunit-$version/obj/LeakCheck.NUnit.Tests/project.assets.json" 2>/dev/null | sort -u | head -n 1 \
    | grep -q "\"NUnit/$version\"" || { echo "NUnit $version: the tests did not restore NUnit $version" >&2; status=1; }
  grep -E "Passed!|Failed!" "$results/nunit-$version.log" || true
done
exit $status
