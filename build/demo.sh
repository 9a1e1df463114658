#!/usr/bin/env bash
# Shows LeakCheck catching the real leaks in examples/: runs the example tests and checks that exactly the
# leaky ones failed, with LeakCheck's report. Exits 0 when the leaks were caught as documented.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

expected_failed=1
cat <<TXT
LeakCheck demo: running examples/OrderService.Tests.Xunit.
Expect $expected_failed failing test, on purpose:
  - ConfirmationMailerTests.Leaky_mailer_sends_a_confirmation: the mailer subscribes to a static event and
    never unsubscribes, so it outlives the test. The fixed test (same code, unsubscribing in Dispose) passes.
TXT
dotnet test examples/OrderService.Tests.Xunit --configuration Release --logger "trx;LogFileName=demo.trx" \
  --logger "console;verbosity=normal" --results-directory "$results" || true

trx="$results/demo.trx"
failed="$(sed -n 's/.*<Counters [^>]*failed="\([0-9]*\)".*/\1/p' "$trx" 2>/dev/null || echo missing)"
if [ "$failed" = "$expected_failed" ] && grep -q "LeakCheck: 1 item created by" "$trx"; then
  echo "Demo OK: LeakCheck caught the $expected_failed leak(s) documented above; the clean tests passed."
else
  echo "Demo FAILED: expected $expected_failed failing test(s) with a LeakCheck report, got '$failed'." >&2
  exit 1
fi
