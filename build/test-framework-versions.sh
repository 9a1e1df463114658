#!/usr/bin/env bash
# Runs an adapter's acceptance tests (scenarios through the real framework's runner) against other versions of its
# test framework than the repository's own, each in its own artifacts folder. The adapters are always built against
# the lowest version they support (Directory.Packages.props: LeakCheck*MinimumVersion); only the tests and the
# scenarios move.
#
#   build/test-framework-versions.sh [--results DIR] [FRAMEWORK:VERSION ...]
#       default: nunit:3.13.3 nunit:4.1.0 nunit:5.0.0 xunit:2.4.2
#       (the highest xunit 2.x, 2.9.3, is the repository's own: the main test run covers it)
#
# Results: <results>/<framework>-<version>.trx (results default: artifacts/framework-results). Exit status 0 only if
# all passed and each run really restored the version asked for.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/artifacts/framework-results"
runs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results="$2"; shift 2 ;;
    *) runs+=("$1"); shift ;;
  esac
done
[ "${#runs[@]}" -gt 0 ] || runs=(nunit:3.13.3 nunit:4.1.0 nunit:5.0.0 xunit:2.4.2)
mkdir -p "$results"
status=0
for run in "${runs[@]}"; do
  framework="${run%%:*}"
  version="${run#*:}"
  case "$framework" in
    nunit) project=LeakCheck.NUnit.Tests; property=LeakCheckNUnitVersion; package=NUnit ;;
    xunit) project=LeakCheck.Xunit.Tests; property=LeakCheckXunitVersion; package=xunit.core ;;
    *) echo "unknown framework: $framework (known: nunit, xunit)" >&2; status=1; continue ;;
  esac
  name="$framework-$version"
  echo "== $framework $version"
  if ! dotnet test "tests/$project" -c Release -nologo "-p:$property=$version" \
      --artifacts-path "$root/artifacts/$name" \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" >"$results/$name.log" 2>&1; then
    status=1
    grep -E "error|Failed " "$results/$name.log" | head -n 20 >&2
  fi
  # Read into a variable first: with pipefail, a consumer that stops early (head, grep -q) can fail the pipe.
  restored="$(grep -o "\"$package/[0-9.]*\"" "$root/artifacts/$name/obj/$project/project.assets.json" 2>/dev/null | sort -u || true)"
  grep -qx "\"$package/$version\"" <<< "$restored" || { echo "$framework $version: the tests did not restore $package $version" >&2; status=1; }
  grep -E "Passed!|Failed!" "$results/$name.log" || true
done
exit $status
