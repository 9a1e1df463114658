#!/usr/bin/env bash
# Shows LeakCheck catching the real leaks in examples/: runs the example tests and checks that exactly the
# leaky ones failed, with LeakCheck's report. Exits 0 when the leaks were caught as documented.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

cat <<TXT
LeakCheck demo: running the example tests in examples/ (xUnit and NUnit).
Expect 2 failing tests, on purpose, one per framework:
  - xUnit  ConfirmationMailerTests.Leaky_mailer_sends_a_confirmation: the mailer subscribes to a static
    event and never unsubscribes, so it outlives the test (tracked object).
  - NUnit  OrderPumpTests.Leaky_pump_processes_an_order: Dispose does not complete the order channel, so the
    background consumer waits in ChannelReader.ReadAllAsync forever; nothing references the pump any more,
    so the consumer is garbage-collected mid-await: an abandoned async method whose finally never runs.
The fixed tests (same code, releasing in Dispose) pass.
TXT

status=0
check() {
  local project="$1" marker="$2"
  dotnet test "examples/$project" --configuration Release --logger "trx;LogFileName=$project.trx" \
    --logger "console;verbosity=normal" --results-directory "$results" || true
  local trx="$results/$project.trx" failed
  failed="$(sed -n 's/.*<Counters [^>]*failed="\([0-9]*\)".*/\1/p' "$trx" 2>/dev/null || echo missing)"
  if [ "$failed" = "1" ] && grep -q "$marker" "$trx"; then
    echo "Demo OK ($project): LeakCheck caught the documented leak; the fixed test passed."
  else
    echo "Demo FAILED ($project): expected 1 failing test with \"$marker\", got '$failed' failures." >&2
    status=1
  fi
}
check OrderService.Tests.Xunit "confirmation mailer"
check OrderService.Tests.NUnit "Abandoned async method OrderService.OrderPump.ConsumeAsync()"
exit $status
