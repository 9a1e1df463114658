#!/usr/bin/env bash
# Suite-level overhead: the same generated small xUnit tests (default 2,000: 20 classes x 100 facts, each
# allocating a little and awaiting one short task) run with no check, with the naive check other tools do
# (a forced, blocking, compacting full GC + pending finalizers + full GC after every test), and with
# [assembly: NoLeaks]. Prints the median wall time of `dotnet test` (built beforehand) over RUNS runs per variant
# (default 3, after WARMUP unmeasured runs, default 1), every run's time, and the two ratios issue 7 sets
# targets for: [NoLeaks] overhead / naive overhead, and [NoLeaks] overhead / the suite's own time.
# Wall time is noisy on a shared machine: compare medians, and look at the spread of the runs.
# BODY=issue (default): each test awaits Task.Yield, a Task.Run, creates and disposes a Timer and awaits Task.Delay(0)
# (issue 18's suite); BODY=small: each test fills a small list and awaits one Task.Run (the figures before 2026-12-02).
#   ./build/suite-bench.sh                     2,000 tests, 3 measured runs per variant
#   RUNS=5 CLASSES=10 PER_CLASS=50 ./build/suite-bench.sh
#   VARIANTS="NONE NOLEAKS" ./build/suite-bench.sh   skip the slow naive variant
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
classes="${CLASSES:-20}"
per_class="${PER_CLASS:-100}"
runs="${RUNS:-3}"
warmup="${WARMUP:-1}"
variants="${VARIANTS:-NONE NAIVE NOLEAKS}"
body="${BODY:-issue}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib/versions.sh
. "$root/build/lib/versions.sh"

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
    echo "using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Xunit;"
    echo "namespace SuiteBench; public class Tests$c {"
    for t in $(seq 1 "$per_class"); do
      if [ "$body" = small ]; then
        echo "  [Fact] public async Task T$t() { var l = new List<int>(); for (var i = 0; i < 100; i++) l.Add(i); await Task.Run(() => l.Count); Assert.Equal(100, l.Count); }"
      else
        echo "  [Fact] public async Task T$t() { await Task.Yield(); var n = await Task.Run(() => $t); using (var timer = new Timer(_ => { }, null, 1000, Timeout.Infinite)) { } await Task.Delay(0); Assert.Equal($t, n); }"
      fi
    done
    echo "}"
  } > "$work/src/Tests$c.cs"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for variant in $variants; do
  cp -r "$work/src" "$work/src-$variant"
  dotnet build "$work/src-$variant/SuiteBench.csproj" -c Release -o "$work/out-$variant" -p:Variant=$variant -p:LeakCheckRoot="$root/" \
    -p:TestSdkVersion="$(version_of Microsoft.NET.Test.Sdk)" -p:XunitVersion="$(version_of xunit)" \
    -p:XunitRunnerVersion="$(version_of xunit.runner.visualstudio)" -v quiet --nologo > "$work/build-$variant.log" 2>&1 || { cat "$work/build-$variant.log" >&2; exit 1; }
  for w in $(seq 1 "$warmup"); do
    dotnet test "$work/out-$variant/SuiteBench.dll" >/dev/null 2>&1 || true
  done
done

# Round-robin: run r of every variant before run r+1 of any, so that load from other processes on the machine
# falls on all variants alike. Wall time and CPU time (user + system, test host included) of each run.
declare -A walls cpus
for r in $(seq 1 "$runs"); do
  for variant in $variants; do
    /usr/bin/time -f '%e %U %S' -o "$work/time" \
      dotnet test "$work/out-$variant/SuiteBench.dll" --logger "trx;LogFileName=$variant-$r.trx" --results-directory "$work/results" >/dev/null 2>&1 || true
    read -r wall user sys < "$work/time"
    walls[$variant]="${walls[$variant]:-} $wall"
    cpus[$variant]="${cpus[$variant]:-} $(echo "$user + $sys" | bc)"
  done
done

declare -A medians cpu_medians
printf '%-10s %10s %10s %8s   %s\n' variant "wall (s)" "cpu (s)" tests "wall of each run (s)"
for variant in $variants; do
  passed="$(sed -n 's/.*<Counters [^>]*passed="\([0-9]*\)".*/\1/p' "$work/results/$variant-1.trx")"
  medians[$variant]="$(echo ${walls[$variant]} | tr ' ' '\n' | median)"
  cpu_medians[$variant]="$(echo ${cpus[$variant]} | tr ' ' '\n' | median)"
  printf '%-10s %10s %10s %8s  %s\n' "$variant" "${medians[$variant]}" "${cpu_medians[$variant]}" "$passed" "${walls[$variant]}"
done

if [ -n "${medians[NONE]:-}" ] && [ -n "${medians[NOLEAKS]:-}" ]; then
  tests=$((classes * per_class))
  for kind in wall cpu; do
    if [ "$kind" = wall ]; then none="${medians[NONE]}"; noleaks_t="${medians[NOLEAKS]}"; naive_t="${medians[NAIVE]:-}"
    else none="${cpu_medians[NONE]}"; noleaks_t="${cpu_medians[NOLEAKS]}"; naive_t="${cpu_medians[NAIVE]:-}"; fi
    noleaks=$(echo "$noleaks_t - $none" | bc -l)
    printf '%-4s [NoLeaks] overhead: %6.2f s (%.3f ms per test) = %.1f %% of the suite without a check' \
      "$kind" "$noleaks" "$(echo "$noleaks * 1000 / $tests" | bc -l)" "$(echo "100 * $noleaks / $none" | bc -l)"
    if [ -n "$naive_t" ]; then
      naive=$(echo "$naive_t - $none" | bc -l)
      printf ' = %.1f %% of the naive overhead (%.2f s)' "$(echo "100 * $noleaks / $naive" | bc -l)" "$naive"
    fi
    printf '\n'
  done
fi
