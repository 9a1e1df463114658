#!/usr/bin/env bash
# Proves that an outside test project gets leak checks from the packed packages plus [NoLeaks], nothing else:
# packs src/ into a local feed, builds a fresh project from build/smoke/ against it (own NuGet cache, so no
# stale package), runs it and expects exactly the leaky test to fail with a LeakCheck report.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=lib/versions.sh
. "$root/build/lib/versions.sh"
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
      -e "s/@XUNITV3_VERSION@/$(version_of xunit.v3)/" \
      -e "s/@NUNIT_VERSION@/$(version_of NUnit)/" \
      -e "s/@NUNIT_ADAPTER_VERSION@/$(version_of NUnit3TestAdapter)/" \
      -e "s/@MSTEST_VERSION@/$(version_of MSTest.TestFramework)/" \
      "$root/build/smoke/$name/"*.csproj.template > "$app/Smoke.csproj"
  (cd "$work" && timeout 900 dotnet test "$app/Smoke.csproj" --logger "trx;LogFileName=smoke.trx" --results-directory "$app/results" > "$app/log.txt" 2>&1) || true
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

# An adapter in a project of another framework must not build: the build names the right package. The project holds the
# adapter package, the other framework's package and an empty source file, nothing else.
wrong_adapter_fails() {
  local adapter="$1" framework="$2" message="$3"
  local name="wrong-$adapter-with-$framework"
  local app="$work/$name"
  local version output_type=Library
  case "$framework" in
    xunit) version="$(version_of xunit)" ;;
    xunit.v3) version="$(version_of xunit.v3)"; output_type=Exe ;; # xunit.v3 refuses to build a library
    NUnit) version="$(version_of NUnit)" ;;
    MSTest.TestFramework) version="$(version_of MSTest.TestFramework)" ;;
  esac
  mkdir -p "$app"
  printf 'namespace Smoke;\n\ninternal static class Empty\n{\n}\n' > "$app/Empty.cs"
  cat > "$app/Smoke.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>$output_type</OutputType>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$adapter" Version="$leakcheck_version" />
    <PackageReference Include="$framework" Version="$version" />
  </ItemGroup>
</Project>
XML
  if (cd "$work" && dotnet build "$app/Smoke.csproj" > "$app/log.txt" 2>&1); then
    echo "pack-smoke ($name): the build succeeded; expected: $message" >&2
    return 1
  fi
  if ! grep -qF "$message" "$app/log.txt"; then
    echo "pack-smoke ($name): the build failed without the expected message: $message" >&2
    cat "$app/log.txt" >&2
    return 1
  fi
  echo "pack-smoke ($name): the build failed with ${message%%:*}"
}

# The same under Microsoft.Testing.Platform (an xUnit v3 project, dotnet test in MTP mode through a global.json
# beside it, xUnit's own TRX report), and the JSON report must be listed as a session artifact, in the results
# directory, holding the leak.
run_smoke_mtp() {
  local name="$1" expected_failed="$2" expected_passed="$3" marker="$4"
  local app="$work/$name"
  mkdir -p "$app"
  cp "$root/build/smoke/$name/"*.cs "$app/"
  sed -e "s/@LEAKCHECK_VERSION@/$leakcheck_version/" -e "s/@XUNITV3_VERSION@/$(version_of xunit.v3)/" \
      "$root/build/smoke/$name/"*.csproj.template > "$app/Smoke.csproj"
  printf '{ "test": { "runner": "Microsoft.Testing.Platform" } }\n' > "$app/global.json"
  (cd "$app" && dotnet test --project Smoke.csproj --report-xunit-trx --report-xunit-trx-filename smoke.trx \
    --results-directory "$app/results" --no-ansi --no-progress > "$app/log.txt" 2>&1) || true
  local trx="$app/results/smoke.trx"
  if [ ! -f "$trx" ]; then
    echo "pack-smoke ($name, MTP): no test results; build log follows" >&2
    cat "$app/log.txt" >&2
    return 1
  fi
  local failed passed json
  failed="$(sed -n 's/.*<Counters [^>]*failed="\([0-9]*\)".*/\1/p' "$trx")"
  passed="$(sed -n 's/.*<Counters [^>]*passed="\([0-9]*\)".*/\1/p' "$trx")"
  json="$(sed -n 's/^    - \(.*\/leakcheck-Smoke-[^/]*\.json\)$/\1/p' "$app/log.txt")"
  if [ "$failed" != "$expected_failed" ] || [ "$passed" != "$expected_passed" ] || ! grep -q "$marker" "$trx"; then
    echo "pack-smoke ($name, MTP): expected $expected_failed failed / $expected_passed passed with a LeakCheck report, got $failed failed / $passed passed" >&2
    cat "$app/log.txt" >&2
    return 1
  fi
  if [ "$(dirname "${json:-none}")" != "$app/results" ] || [ ! -f "$json" ] || ! grep -q '"test": "Smoke.SmokeTests.Leaky"' "$json"; then
    echo "pack-smoke ($name, MTP): dotnet test listed no LeakCheck JSON report in $app/results holding the leak (listed: ${json:-nothing})" >&2
    cat "$app/log.txt" >&2
    return 1
  fi
  echo "pack-smoke ($name, MTP): the packed package caught the leak ($failed failed as expected, $passed passed); artifact $(basename "$json")"
}

# dotnet leakcheck test: installed from the feed as a .NET tool and run on a copied suite that knows nothing of LeakCheck
# (five test projects of four frameworks, one with its own TestFramework; central package management; warnings as
# errors; artifacts output; one project on two target frameworks). The summary is compared as a whole (times, run
# stamps and the results folder normalised; the slowest-tests lines, which and in what order being their timing,
# counted) and the suite's git tree must be unchanged afterwards.
tool_summary() {
  local log="$1" results="$2" normalised
  normalised="$(sed -n '/^LeakCheck summary/,$p' "$log" | grep -v '^dotnet leakcheck: ' \
    | sed -E -e 's/: [0-9]+ ms \(/: N ms (/' -e 's/leakcheck-([A-Za-z0-9.]+)-[0-9]{8}T[0-9]{6}-[0-9]+(-[0-9]+)?\.json/leakcheck-\1-RUN.json/' -e "s|$results|RESULTS|")"
  if grep -q '^Slowest settling' <<< "$normalised"; then
    printf '%s\n' "$normalised" | sed '/^Slowest settling/q'
    printf -- '- %s tests listed\n' "$(printf '%s\n' "$normalised" | sed -n '/^Slowest settling/,/^JSON reports/p' | sed '1d;$d' | grep -c '^- .*: N ms (')"
    printf '%s\n' "$normalised" | sed -n '/^JSON reports/,$p'
  else
    printf '%s\n' "$normalised"
  fi
}

# run_tool NAME DIR EXIT EXPECTED ARGS...: runs `dotnet leakcheck test ARGS` in DIR (the tool installed in $tools) with its
# own results folder; fails unless it exits EXIT, never prints a stack trace, and (EXPECTED not empty) prints the
# summary of build/smoke/EXPECTED. Its log is $work/tool-NAME.log.
run_tool() {
  local name="$1" dir="$2" want="$3" expected="$4"
  shift 4
  local log="$work/tool-$name.log" results="$work/tool-results-$name" status=0
  (cd "$dir" && PATH="$tools:$PATH" timeout 900 dotnet leakcheck test --results "$results" "$@" > "$log" 2>&1) || status=$?
  if [ "$status" -ne "$want" ] || grep -q "   at " "$log" \
      || { [ -n "$expected" ] && [ "$(tool_summary "$log" "$results")" != "$(cat "$root/build/smoke/$expected")" ]; }; then
    echo "pack-smoke (tool, $name): expected exit $want${expected:+ with the summary of build/smoke/$expected}, got exit $status:" >&2
    [ -z "$expected" ] || diff <(tool_summary "$log" "$results") "$root/build/smoke/$expected" >&2 || true
    cat "$log" >&2
    return 1
  fi
}

# expect_clean_tree DIR NAME: the suite's git tree is unchanged.
expect_clean_tree() {
  if [ -n "$(cd "$1" && git status --porcelain)" ]; then
    echo "pack-smoke (tool, $2): dotnet leakcheck test changed the suite's tree:" >&2
    (cd "$1" && git status --porcelain) >&2
    return 1
  fi
}

tool_smoke() {
  local suite="$work/tool-suite" mtp="$work/tool-mtp" tools="$work/tools"
  cp -r "$root/build/smoke/tool-suite" "$suite"
  sed -e "s/@TESTSDK_VERSION@/$(version_of Microsoft.NET.Test.Sdk)/" \
      -e "s/@XUNIT_VERSION@/$(version_of xunit)/" \
      -e "s/@XUNIT_RUNNER_VERSION@/$(version_of xunit.runner.visualstudio)/" \
      -e "s/@XUNITV3_VERSION@/$(version_of xunit.v3)/" \
      -e "s/@NUNIT_VERSION@/$(version_of NUnit)/" \
      -e "s/@NUNIT_ADAPTER_VERSION@/$(version_of NUnit3TestAdapter)/" \
      -e "s/@MSTEST_VERSION@/$(version_of MSTest.TestFramework)/" \
      "$suite/Directory.Packages.props.template" > "$suite/Directory.Packages.props"
  rm "$suite/Directory.Packages.props.template"
  cp -r "$root/build/smoke/tool-mtp" "$mtp"
  for template in "$mtp"/*/*.csproj.template; do
    sed -e "s/@XUNITV3_VERSION@/$(version_of xunit.v3)/" -e "s/@MSTEST_VERSION@/$(version_of MSTest.TestFramework)/" "$template" > "${template%.template}"
    rm "$template"
  done
  for tree in "$suite" "$mtp"; do
    (cd "$tree" && git init -q && git add -A && git -c user.name=smoke -c user.email=smoke@localhost commit -qm suite)
  done
  (cd "$work" && dotnet tool install --tool-path "$tools" --add-source "$work/feed" LeakCheck.Tool --version "$leakcheck_version" > "$work/tool-install.log" 2>&1) \
    || { echo "pack-smoke (tool): dotnet tool install failed" >&2; cat "$work/tool-install.log" >&2; return 1; }

  run_tool suite "$suite" 0 tool-suite.expected Suite.slnx
  expect_clean_tree "$suite" suite
  echo "pack-smoke (tool, suite): checked 5 projects of 4 frameworks (one on two target frameworks), reported the 6 documented leaks, left the tree unchanged"

  # A test project of a framework without an adapter: named, and the run fails with a sentence, not a stack trace.
  run_tool unsupported "$suite" 3 tool-unsupported.expected Unsupported/Unsupported.csproj
  grep -qx "dotnet leakcheck: some test projects were NOT checked (listed above): LeakCheck has no adapter for their test framework." "$work/tool-unsupported.log" \
    || { echo "pack-smoke (tool, unsupported): the run did not say why it failed" >&2; cat "$work/tool-unsupported.log" >&2; return 1; }
  echo "pack-smoke (tool, unsupported): the project LeakCheck cannot check was named and the run failed with exit 3"

  # The examples' leaky build (a project that already uses LeakCheck is left as it is): exactly the documented leaks.
  run_tool examples "$root" 0 tool-examples.expected examples/OrderService.Tests.Xunit
  echo "pack-smoke (tool, examples): reported the 4 documented leaks of the examples' leaky build"

  # dotnet test in Microsoft.Testing.Platform mode (global.json): xUnit v3 and MSTest's runner, same summary.
  run_tool mtp "$mtp" 0 tool-mtp.expected Suite.slnx
  expect_clean_tree "$mtp" mtp
  echo "pack-smoke (tool, mtp): checked xUnit v3 and MSTest under Microsoft.Testing.Platform"

  # --record-baseline: each project's known leaks land in its baseline file, next to the project file (the only
  # files the tool writes in the tree, and only when asked).
  run_tool baseline "$suite" 0 "" XunitSuite/XunitSuite.csproj --record-baseline -- --framework net10.0
  local changed
  changed="$(cd "$suite" && git status --porcelain)"
  if [ "$changed" != "?? XunitSuite/leakcheck.baseline" ] || [ "$(grep -vc '^#' "$suite/XunitSuite/leakcheck.baseline")" != 1 ] \
      || ! grep -q ' Timer System.Threading.Timer (in XunitSuite.Tests.Leaky)$' "$suite/XunitSuite/leakcheck.baseline"; then
    echo "pack-smoke (tool, baseline): expected one leak in XunitSuite/leakcheck.baseline and no other change, got: $changed" >&2
    cat "$suite/XunitSuite/leakcheck.baseline" "$work/tool-baseline.log" >&2 || true
    return 1
  fi
  echo "pack-smoke (tool, baseline): --record-baseline wrote the project's one known leak into XunitSuite/leakcheck.baseline"
}

run_smoke xunit 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
if grep -q "LeakCheck ran in attribute mode" "$work/xunit/results/smoke.trx"; then
  echo "pack-smoke (xunit): the package did not register LeakCheck's test framework (the report says attribute mode)" >&2
  exit 1
fi
# Suites pinned to older xunit 2.x (the lowest supported, 2.4.2, and 2.9.2) restore with the package and are checked in
# LeakCheck's own framework mode.
for pinned in xunit-2.9.2 xunit-2.4.2; do
  run_smoke "$pinned" 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
  if grep -q "LeakCheck ran in attribute mode" "$work/$pinned/results/smoke.trx"; then
    echo "pack-smoke ($pinned): the package did not register LeakCheck's test framework (the report says attribute mode)" >&2
    exit 1
  fi
done
# A suite with its own [assembly: TestFramework] builds (no CS0579), is told why it runs in attribute mode, and is checked.
run_smoke xunit-own-framework 1 1 "LeakCheck ran in attribute mode"
grep -q "warning LEAKCHECK010: This project declares its own \[assembly: TestFramework\]" "$work/xunit-own-framework/log.txt" \
  || { echo "pack-smoke (xunit-own-framework): no LEAKCHECK010 warning in the build" >&2; cat "$work/xunit-own-framework/log.txt" >&2; exit 1; }
echo "pack-smoke (xunit-own-framework): the build warned LEAKCHECK010 and kept the suite's framework"
# The wrong adapter for the project's framework fails the build with a message that names the right package.
wrong_adapter_fails LeakCheck.Xunit xunit.v3 "error LEAKCHECK001: LeakCheck.Xunit is the adapter for xUnit v2, but this project uses xUnit v3 (xunit.v3.core): reference LeakCheck.XunitV3 instead"
wrong_adapter_fails LeakCheck.Xunit NUnit "error LEAKCHECK002: LeakCheck.Xunit is the adapter for xUnit v2, but this project uses NUnit (nunit.framework): reference LeakCheck.NUnit instead"
wrong_adapter_fails LeakCheck.Xunit MSTest.TestFramework "error LEAKCHECK003: LeakCheck.Xunit is the adapter for xUnit v2, but this project uses MSTest (MSTest.TestFramework): reference LeakCheck.MSTest instead"
wrong_adapter_fails LeakCheck.XunitV3 xunit "error LEAKCHECK004: LeakCheck.XunitV3 is the adapter for xUnit v3, but this project uses xUnit v2 (xunit.core): reference LeakCheck.Xunit instead"
wrong_adapter_fails LeakCheck.XunitV3 NUnit "error LEAKCHECK005: LeakCheck.XunitV3 is the adapter for xUnit v3, but this project uses NUnit (nunit.framework): reference LeakCheck.NUnit instead"
wrong_adapter_fails LeakCheck.XunitV3 MSTest.TestFramework "error LEAKCHECK006: LeakCheck.XunitV3 is the adapter for xUnit v3, but this project uses MSTest (MSTest.TestFramework): reference LeakCheck.MSTest instead"
wrong_adapter_fails LeakCheck.NUnit xunit "error LEAKCHECK007: LeakCheck.NUnit is the adapter for NUnit, but this project uses xUnit v2 (xunit.core): reference LeakCheck.Xunit instead"
wrong_adapter_fails LeakCheck.NUnit xunit.v3 "error LEAKCHECK008: LeakCheck.NUnit is the adapter for NUnit, but this project uses xUnit v3 (xunit.v3.core): reference LeakCheck.XunitV3 instead"
wrong_adapter_fails LeakCheck.NUnit MSTest.TestFramework "error LEAKCHECK009: LeakCheck.NUnit is the adapter for NUnit, but this project uses MSTest (MSTest.TestFramework): reference LeakCheck.MSTest instead"
wrong_adapter_fails LeakCheck.MSTest xunit "error LEAKCHECK011: LeakCheck.MSTest is the adapter for MSTest, but this project uses xUnit v2 (xunit.core): reference LeakCheck.Xunit instead"
wrong_adapter_fails LeakCheck.MSTest xunit.v3 "error LEAKCHECK012: LeakCheck.MSTest is the adapter for MSTest, but this project uses xUnit v3 (xunit.v3.core): reference LeakCheck.XunitV3 instead"
wrong_adapter_fails LeakCheck.MSTest NUnit "error LEAKCHECK013: LeakCheck.MSTest is the adapter for MSTest, but this project uses NUnit (nunit.framework): reference LeakCheck.NUnit instead"
run_smoke nunit 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
# A suite pinned to NUnit 3.14.0 restores with the package and gets its leak reported, with no other change.
run_smoke nunit3 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
run_smoke xunitv3-vstest 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
run_smoke xunitv3-mtp-off 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
mtp_off="$(cd "$work" && dotnet msbuild "$work/xunitv3-mtp-off/Smoke.csproj" -getProperty:IsTestingPlatformApplication)"
if [ "$mtp_off" = "true" ]; then
  echo "pack-smoke (xunitv3-mtp-off): LeakCheck.XunitV3 made an xunit.v3.mtp-off project a testing platform application" >&2
  exit 1
fi
run_smoke_mtp xunitv3 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
run_smoke mstest 1 1 "LeakCheck: 1 item created by Smoke.SmokeTests.Leaky is still alive"
tool_smoke
