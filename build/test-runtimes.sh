#!/usr/bin/env bash
# Runs the engine tests and the adapter acceptance tests on other .NET runtimes, from the private dotnet root
# that build/runtimes.sh lays out (artifacts/dotnet-multi/).
#
#   build/test-runtimes.sh [--results DIR] [8|9|10|11 ...]      (default: 8 9 10 11)
#
# 8, 9:   tests and scenarios built for net8.0 / net9.0 (build/test-runtimes.props), run on the newest 8.0.x / 9.0.x.
# 10:     the net10.0 build run on the installed 10.0.x.
# 11:     the net10.0 build run on 11.0.0: the test host gets DOTNET_ROLL_FORWARD=LatestMajor (the root also
#         holds 10, so Major would stay on 10).
# Each target framework builds into its own artifacts/runtimes/<tfm>/ (never the normal bin/ and obj/).
# The test host is started by artifacts/dotnet-multi/dotnet (VSTest's RunConfiguration.DotNetHostPath: the CLI
# itself resolves to the installed root, and VSTest would otherwise use that). That root is first on PATH and is
# the test host's DOTNET_HOST_PATH, so processes the tests start with `dotnet` run there too. The test host's
# environment comes from a generated runsettings file (net<N>/run.runsettings); the CLI, MSBuild and
# vstest.console keep running on the installed .NET 10.
#
# Proof of the runtime: a startup hook (built into artifacts/runtimes/probe/) writes one line per process to
# <results>/net<N>/runtime-probe.txt.<pid> (gathered into runtime-probe.txt): entry assembly, RuntimeInformation.FrameworkDescription and the directory
# CoreLib was loaded from. A runtime counts as proven when every test host line names the expected version
# and directory; the verdict is written to <results>/net<N>/runtime.txt ("proven: ..." or "NOT PROVEN: ...").
#
# Results: <results>/net<N>/<project>.trx (results default: artifacts/runtime-results, or
# $LEAKCHECK_RUNTIME_RESULTS). Projects: $LEAKCHECK_RUNTIME_PROJECTS (names under tests/), default the engine
# tests and the xUnit and NUnit acceptance tests. Builds run one at a time, without analyzers (the normal build
# runs them); then up to $LEAKCHECK_RUNTIME_JOBS runtimes (default 2) test at once, each runtime's projects in
# parallel. Failed tests with the first line of their message: <results>/net<N>/failures.txt.
# Exit status 0 only if every run passed and was proven. For development: RUNTIME_TEST_FILTER passes a --filter to
# every dotnet test, and UPDATE_GOLDENS=1 reaches the test hosts (the runtime-layer goldens rewrite themselves).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
multi="$root/artifacts/dotnet-multi"
results="${LEAKCHECK_RUNTIME_RESULTS:-$root/artifacts/runtime-results}"
projects=(${LEAKCHECK_RUNTIME_PROJECTS:-LeakCheck.Tests LeakCheck.Xunit.Tests LeakCheck.NUnit.Tests})
runtimes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results="$2"; shift 2 ;;
    8|9|10|11) runtimes+=("$1"); shift ;;
    *) echo "usage: $0 [--results DIR] [8|9|10|11 ...]" >&2; exit 2 ;;
  esac
done
[ "${#runtimes[@]}" -gt 0 ] || runtimes=(8 9 10 11)
mkdir -p "$results"
results="$(cd "$results" && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
unset LEAKCHECK_MODE DOTNET_ROLL_FORWARD DOTNET_ROLL_FORWARD_TO_PRERELEASE DOTNET_ROOT
[ -x "$multi/dotnet" ] || { echo "test-runtimes.sh: $multi/dotnet missing; run build/runtimes.sh first" >&2; exit 1; }
export PATH="$multi:$PATH"
props="$root/build/test-runtimes.props"

# The installed shared framework of a major in the private root (newest patch).
runtime_version() { ls "$multi/shared/Microsoft.NETCore.App" | grep -E "^$1\.0\.[0-9]+$" | sort -t. -k3,3n | tail -n1; }

# The startup hook that records the runtime of every process it is loaded into; outside the repository's
# build policy (its own empty Directory.Build.props), net8.0 so it loads on 8 to 11.
probe_dir="$root/artifacts/runtimes/probe"
probe="$probe_dir/bin/RuntimeProbe.dll"
build_probe() {
  mkdir -p "$probe_dir/src"
  echo '<Project />' > "$probe_dir/src/Directory.Build.props"
  echo '<Project />' > "$probe_dir/src/Directory.Packages.props"
  cat > "$probe_dir/src/RuntimeProbe.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>disable</Nullable>
  </PropertyGroup>
</Project>
XML
  cat > "$probe_dir/src/StartupHook.cs" <<'CS'
// Loaded through DOTNET_STARTUP_HOOKS: appends which runtime this process runs on to $LEAKCHECK_RUNTIME_PROBE.
public static class StartupHook
{
    public static void Initialize()
    {
        string path = System.Environment.GetEnvironmentVariable("LEAKCHECK_RUNTIME_PROBE");
        if (string.IsNullOrEmpty(path)) return;
        string entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "?";
        string line = entry + "\t" + System.Environment.ProcessId + "\t"
            + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + "\t"
            + System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location) + "\n";
        // One file per process: test hosts start in parallel, and appends to one shared file overwrite each other on
        // Linux (each writer seeks to the end it saw when it opened the file), which read as a test host that did not
        // run on the runtime. The script concatenates them.
        System.IO.File.WriteAllText(path + "." + System.Environment.ProcessId, line);
    }
}
CS
  if [ ! -f "$probe" ] || [ "$probe_dir/src/StartupHook.cs" -nt "$probe" ]; then
    dotnet build "$probe_dir/src/RuntimeProbe.csproj" -c Release -o "$probe_dir/bin" -v quiet -nologo >"$probe_dir/build.log" 2>&1 \
      || { cat "$probe_dir/build.log" >&2; return 1; }
  fi
}
build_probe || { echo "test-runtimes.sh: could not build the runtime probe" >&2; exit 1; }

# One solution per run with just the chosen test projects, so each target framework is one parallel build.
slnx="$root/artifacts/runtimes/tests.slnx"
{
  echo '<Solution>'
  for p in "${projects[@]}"; do echo "  <Project Path=\"../../tests/$p/$p.csproj\" />"; done
  echo '</Solution>'
} > "$slnx"

trx_count() { sed -n "s/.*<Counters [^>]*$2=\"\([0-9]*\)\".*/\1/p" "$1" | head -n1; }
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$1"; }

tfm_of() { case "$1" in 8|9) echo "net$1.0" ;; *) echo net10.0 ;; esac; }
# Sets margs for a target framework. Analyzers and code style already run in the normal net10.0 build; here
# they would only cost time.
msbuild_args() {
  margs=(-c Release "-p:CustomBeforeMicrosoftCommonProps=$props" "-p:LeakCheckTestTargetFramework=$1"
         -p:RunAnalyzers=false -p:EnforceCodeStyleInBuild=false --artifacts-path "$root/artifacts/runtimes/$1")
}

status=0
declare -A build_seconds=() build_failed=()
summary=()

# Build: each target framework once, one build at a time.
for rt in "${runtimes[@]}"; do
  tfm="$(tfm_of "$rt")"
  [ -n "${build_seconds[$tfm]:-}${build_failed[$tfm]:-}" ] && continue
  echo "== build $tfm"
  start=$SECONDS
  log="$root/artifacts/runtimes/build-$tfm.log"
  msbuild_args "$tfm"
  if dotnet build "$slnx" "${margs[@]}" -nologo -v quiet >"$log" 2>&1; then
    build_seconds[$tfm]=$((SECONDS - start))
    echo "   ${build_seconds[$tfm]}s"
  else
    build_failed[$tfm]=1
    grep -E ': error ' "$log" | sort -u | head -n 20 >&2
    echo "test-runtimes.sh: build for $tfm failed (log: $log)" >&2
  fi
done

# Failed tests of a TRX: the name, the first line of the message and, when the message spans lines, its last
# line (where FluentAssertions says how the strings differ).
failures_of() {
  awk '
    function unxml(t) { gsub(/&lt;/, "<", t); gsub(/&gt;/, ">", t); gsub(/&quot;/, "\"", t); gsub(/&apos;/, "\x27", t);
                        gsub(/&#xD;/, "", t); gsub(/&amp;/, "\\&", t); return t }
    function cut(t) { return length(t) > 300 ? substr(t, 1, 300) "..." : t }
    /<UnitTestResult / {
      failed = ($0 ~ /outcome="Failed"/)
      name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
    }
    failed && /<Message>/ {
      first = $0; sub(/.*<Message>/, "", first); inmsg = 1; last = ""
      if (first ~ /<\/Message>/) { sub(/<\/Message>.*/, "", first); inmsg = 0 }
      print unxml(name); print "    " cut(unxml(first))
      if (!inmsg) failed = 0
      next
    }
    inmsg { last = $0; if ($0 ~ /<\/Message>/) { sub(/<\/Message>.*/, "", last); inmsg = 0; failed = 0
              if (length(last) > 160) last = "..." substr(last, length(last) - 159); if (last != "") print "    " unxml(last) } }
  ' "$1"
}

# One runtime's test projects, in parallel; writes <results>/net<N>/summary.txt. Returns nonzero on any failure.
test_runtime() {
  local rt="$1" tfm roll="" expected out start test_seconds dir hosts wrong line p trx rc=0
  tfm="$(tfm_of "$rt")"
  [ "$rt" = 11 ] && roll=LatestMajor
  expected="$(runtime_version "$rt")"
  out="$results/net$rt"
  rm -rf "$out"
  mkdir -p "$out"
  rm -f "$out"/runtime-probe.txt "$out"/runtime-probe.txt.*
  if [ -z "$expected" ]; then
    echo "NOT PROVEN: no Microsoft.NETCore.App $rt.0.x in $multi; run build/runtimes.sh" > "$out/runtime.txt"
    echo "net$rt: $(cat "$out/runtime.txt")" > "$out/summary.txt"
    return 1
  fi
  if [ -n "${build_failed[$tfm]:-}" ]; then
    echo "NOT PROVEN: the $tfm build failed (log: artifacts/runtimes/build-$tfm.log)" > "$out/runtime.txt"
    echo "net$rt: $(cat "$out/runtime.txt")" > "$out/summary.txt"
    return 1
  fi

  # Only the test host gets these (RunConfiguration.EnvironmentVariables), not vstest.console or the CLI.
  {
    echo '<RunSettings>'
    echo '  <RunConfiguration>'
    echo "    <DotNetHostPath>$(xml_escape "$multi/dotnet")</DotNetHostPath>"
    echo '    <EnvironmentVariables>'
    echo "      <DOTNET_HOST_PATH>$(xml_escape "$multi/dotnet")</DOTNET_HOST_PATH>"
    echo "      <DOTNET_STARTUP_HOOKS>$(xml_escape "$probe")</DOTNET_STARTUP_HOOKS>"
    echo "      <LEAKCHECK_RUNTIME_PROBE>$(xml_escape "$out/runtime-probe.txt")</LEAKCHECK_RUNTIME_PROBE>"
    [ -n "$roll" ] && echo "      <DOTNET_ROLL_FORWARD>$roll</DOTNET_ROLL_FORWARD>"
    [ "${UPDATE_GOLDENS:-}" = 1 ] && echo "      <UPDATE_GOLDENS>1</UPDATE_GOLDENS>"
    echo '    </EnvironmentVariables>'
    echo '  </RunConfiguration>'
    echo '</RunSettings>'
  } > "$out/run.runsettings"

  echo "== .NET $rt ($expected, $tfm build): testing ${projects[*]}"
  start=$SECONDS
  local pids=()
  local margs
  msbuild_args "$tfm"
  for p in "${projects[@]}"; do
    dotnet test "tests/$p/$p.csproj" --no-build "${margs[@]}" --settings "$out/run.runsettings" ${RUNTIME_TEST_FILTER:+--filter "$RUNTIME_TEST_FILTER"} \
      --logger "trx;LogFileName=$p.trx" --results-directory "$out" >"$out/$p.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  test_seconds=$((SECONDS - start))

  cat "$out"/runtime-probe.txt.* > "$out/runtime-probe.txt" 2>/dev/null

  # Proof: every test host (and every process it started) ran on the expected runtime from the private root.
  # (10 is a link to the installed framework, and the runtime reports the resolved path.)
  dir="$multi/shared/Microsoft.NETCore.App/$expected"
  hosts="$(grep -c '^testhost	' "$out/runtime-probe.txt" 2>/dev/null)"
  wrong="$(awk -F '\t' -v d="$dir/" -v r="$(readlink -f "$dir")/" -v v=".NET $expected" \
    '$3 != v || (index($4 "/", d) != 1 && index($4 "/", r) != 1)' "$out/runtime-probe.txt" 2>/dev/null)"
  if [ "${hosts:-0}" -ge "${#projects[@]}" ] && [ -z "$wrong" ]; then
    echo "proven: $(wc -l < "$out/runtime-probe.txt") processes ($hosts test hosts) ran on .NET $expected from $dir" > "$out/runtime.txt"
  else
    { echo "NOT PROVEN: expected .NET $expected from $dir in ${#projects[@]} test hosts; saw:"
      cat "$out/runtime-probe.txt" 2>/dev/null; } > "$out/runtime.txt"
    rc=1
  fi

  line="net$rt ($expected; build ${build_seconds[$tfm]:-0}s, tests ${test_seconds}s):"
  : > "$out/failures.txt"
  for p in "${projects[@]}"; do
    trx="$out/$p.trx"
    if [ -f "$trx" ]; then
      line="$line $p $(trx_count "$trx" passed) passed, $(trx_count "$trx" failed) failed;"
      failures_of "$trx" >> "$out/failures.txt"
    else
      line="$line $p NO RESULTS;"
      rc=1
    fi
  done
  line="$line runtime $(head -n1 "$out/runtime.txt" | cut -d: -f1)"
  echo "$line" > "$out/summary.txt"
  echo "$line"
  return $rc
}

# Test: up to $LEAKCHECK_RUNTIME_JOBS runtimes at once (default 2: with 3 projects each that is about as many
# test hosts as the normal solution run; a runtime whose settling waits out a long budget then does not hold
# up the others).
jobs_max="${LEAKCHECK_RUNTIME_JOBS:-2}"
running=0
for rt in "${runtimes[@]}"; do
  if [ "$running" -ge "$jobs_max" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  test_runtime "$rt" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done

echo "== runtimes summary (results in $results; failed tests in net<N>/failures.txt)"
for rt in "${runtimes[@]}"; do cat "$results/net$rt/summary.txt" 2>/dev/null || { echo "net$rt: no summary"; status=1; }; done
# The failed tests themselves, so a CI log names what failed (the results directory may not outlive the run).
for rt in "${runtimes[@]}"; do
  if [ -s "$results/net$rt/failures.txt" ]; then
    echo "== net$rt failed tests"
    head -n 60 "$results/net$rt/failures.txt"
  fi
done
exit $status
