#!/usr/bin/env bash
# Suite-level overhead: the same generated small xUnit tests (default 2,000: 20 classes x 100 facts, each
# allocating a little and awaiting one short task) run with no check, with the naive check other tools do
# (a forced, blocking, compacting full GC + pending finalizers + full GC after every test), and with
# [assembly: NoLeaks]. Prints the median wall time of `dotnet test --no-build` over RUNS runs per variant.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
classes="${CLASSES:-20}"
per_class="${PER_CLASS:-100}"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version_of() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props"; }

mkdir -p "$work/src"
cp "$root/build/suite-bench/SuiteBench.csproj" "$work/src/"
cat > "$work/src/Checks.cs" <<'CS'
using System;
using System.Reflection;
using Xunit.Sdk;
#if NOLEAKS
[assembly: LeakCheck.Xunit.NoLeaks]
#elif NAIVE
[assembly: NaiveLeakCheck]

/// <summary>What most leak checks do after every test: force a full compacting GC and wait for finalizers.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NaiveLeakCheckAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
#endif
CS
for c in $(seq 1 "$classes"); do
  {
    echo "using System.Collections.Generic; using System.Threading.Tasks; using Xunit;"
    echo "namespace SuiteBench; public class Tests$c {"
    for t in $(seq 1 "$per_class"); do
      echo "  [Fact] public async Task T$t() { var l = new List<int>(); for (var i = 0; i < 100; i++) l.Add(i); await Task.Run(() => l.Count); Assert.Equal(100, l.Count); }"
    done
    echo "}"
  } > "$work/src/Tests$c.cs"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-10s %12s %10s\n' variant "median (s)" tests
for variant in NONE NAIVE NOLEAKS; do
  out="$work/out-$variant"
  cp -r "$work/src" "$work/src-$variant"
  dotnet build "$work/src-$variant/SuiteBench.csproj" -c Release -o "$out" -p:Variant=$variant -p:LeakCheckRoot="$root/" \
    -p:TestSdkVersion="$(version_of Microsoft.NET.Test.Sdk)" -p:XunitVersion="$(version_of xunit)" \
    -p:XunitRunnerVersion="$(version_of xunit.runner.visualstudio)" -v quiet --nologo > "$work/build-$variant.log" 2>&1 || { cat "$work/build-$variant.log" >&2; exit 1; }
  times=""
  for r in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    dotnet test "$out/SuiteBench.dll" --logger "trx;LogFileName=$variant-$r.trx" --results-directory "$work/results" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times="$times $(echo "$end - $start" | bc)"
  done
  passed="$(sed -n 's/.*<Counters [^>]*passed="\([0-9]*\)".*/\1/p' "$work/results/$variant-1.trx")"
  printf '%-10s %12s %10s\n' "$variant" "$(echo $times | tr ' ' '\n' | median)" "$passed"
done
