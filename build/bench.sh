#!/usr/bin/env bash
# Runs the BenchmarkDotNet benchmarks of tests/LeakCheck.Benchmarks (Release, each benchmark in its own process).
#   ./build/bench.sh                         the per-test overhead of a clean test (CleanTestBenchmarks, ~5 min)
#   ./build/bench.sh '*Task*'                any BenchmarkDotNet filter; '*' runs everything (about 30 minutes)
#   ./build/bench.sh --memory                the 10,000-scope memory-flatness check instead of benchmarks
# Results go to tests/LeakCheck.Benchmarks/BenchmarkDotNet.Artifacts/results (Markdown, CSV, HTML).
# Extra arguments after the filter go to BenchmarkDotNet (for example --join, --list flat).
set -euo pipefail
cd "$(dirname "$0")/../tests/LeakCheck.Benchmarks"
filter="${1:-*CleanTest*}"
shift || true
if [ "$filter" = "--memory" ]; then
  exec dotnet run --configuration Release -- --memory
fi
exec dotnet run --configuration Release -- --filter "$filter" "$@"
