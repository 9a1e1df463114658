#!/usr/bin/env bash
# Proves that an outside test project gets leak checks from the packed packages plus [NoLeaks], nothing else:
# packs src/ into a local feed, builds a fresh project from build/smoke/ against it (own NuGet cache, so no
# stale package), runs it and expects exactly the leaky test to fail with a LeakCheck report.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version_of() {
  local version
  version="$(sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props")"
  case "$version" in
    '$('*')') # a property, such as $(LeakCheckNUnitVersion): its default
      local property="${version#\$(}"; property="${property%)}"
      sed -n "s/.*<$property Condition=[^>]*>\([^<]*\)<.*/\1/p" "$root/Directory.Packages.props" ;;
    *) echo "$version" ;;
  esac
}
leakcheck_version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"

"$root/build/pack.sh" "$work/feed" >/dev/null

# Every LeakCheck package depends on its LeakCheck siblings at exactly its own version.
for package in "$work/feed"/LeakCheck*.nupkg; do
  loose="$(unzip -p "$package" '*.nuspec' | grep -o '<dependency id="LeakCheck[^"]*" version="[^"]*"' | grep -v "version=\"\[$leakcheck_version\]\"" || true)"
  if [ -n "$loose" ]; then
    echo "pack-smoke: $(basename "$package") does not pin its LeakCheck siblings exactly: $loose" >&2
    exit 1
  fi
done
echo "pack-smoke: every LeakCheck package pins its LeakCheck siblings to [$leakcheck_version]"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML

run_smoke() {
  local name="$1" expected_failed="$2" expected_passed="$3" marker="$4"
  local app="$work/$name"
  mkdir -p "$app"
  cp "$root/build/smoke/$name/"*.cs "$app/"
  sed -e "s/@LEAKCHECK_VERSION@/$leakcheck_version/" \
      -e "s/@TESTSDK_VERSION@/$(version_of Microsoft.NET.Test.Sdk)/" \
      -e "s/@XUNIT_VERSION@/$(version_of xunit)/" \
      -e "s/@XUNIT_RUNNER_VERSION@/$(version_of xunit.runner.visualstudio)/" \
      -e "s/@NUNIT_VERSION@/$(version_of NUnit)/" \
      -e "s/@NUNIT_ADAPTER_VERSION@/$(version_of NUnit3TestAdapter)/" \
      -e "s/@MSTEST_VERSION@/$(version_of MSTest.TestFramework)/" \
      "$root/build/smoke/$name/"*.csproj.template > "$app/Smoke.csproj"
  (cd "$work" && dotnet test "$app/Smoke.csproj" --logger "trx;LogFileName=smoke.trx" --results-directory "$app/results" > "$app/log.txt" 2>&1) || true
  local trx="$app/results/smoke.trx"
  if [ ! -f "$trx" ]; then
    echo "pack-smoke ($name): no test results; build log follows" >&2
    cat "$app/log.txt" >&2
    return 1
  fi
  local failed passed
  failed="$(sed -n 's/.*<Counters [^>]*failed="\([0-9]*\)".*/\1/p' "$trx")"
  passed="$(sed -n 's/.*<Counters [^>]*passed="\([0-9]*\)".*/\1/p' "$trx")"
  if [ "$failed" != "$expected_failed" ] || [ "$passed" != "$expected_passed" ] || ! grep -q "$marker" "$trx"; then
    echo "pack-smoke ($name): expected $expected_failed failed / $expected_passed passed with a LeakCheck report, got $failed failed / $passed passed" >&2
    cat "$app/log.txt" >&2
    return 1
  fi
  echo "pack-smoke ($name): the packed package caught the leak ($failed failed as expected, $passed passed)"
}

run_smoke xunit 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
run_smoke nunit 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
run_smoke mstest 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
