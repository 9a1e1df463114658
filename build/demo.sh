#!/usr/bin/env bash
# Shows LeakCheck catching the four leaks of examples/OrderService. The same xUnit, NUnit and MSTest tests run against
# two builds of the service: the leaky build (each test must fail with exactly the documented LeakCheck report)
# and the fixed build (`#if FIXED`, every test must pass). Exits 0 only when both hold.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
cleanup() { if [ "$status" = 0 ]; then rm -rf "$results"; else echo "Logs and TRX files kept in $results" >&2; fi; }
status=1
trap cleanup EXIT
unset LEAKCHECK_MODE # the demo shows the default mode, Fail
SECONDS=0

# The documented leaks, one per test: class.method | why it leaks | what the report must say.
# {line:FILE:TEXT} in a marker stands for the line of FILE (under examples/) holding TEXT: the creation site
# the report has to point at.
leaks=(
  "ConfirmationMailerTests.Submitted_order_gets_a_confirmation|event subscription: Dispose never unsubscribes from the static OrderEvents.Submitted, so the event keeps the mailer alive (tracked object)|[1] Tracked object \"confirmation mailer\" (OrderService.ConfirmationMailer)|ConfirmationMailerTests.Submitted_order_gets_a_confirmation() in ConfirmationMailerTests.cs:line {line:TESTS/ConfirmationMailerTests.cs:LeakTracker.Track(}"
  "OrderPumpTests.Submitted_order_is_processed_in_the_background|channel consumer: Dispose never completes the channel, so the consumer waits in ReadAllAsync until it is collected mid-await (abandoned async method)|[1] Abandoned async method OrderService.OrderPump.ConsumeAsync()|was waiting at await #2: ChannelReader<Order>.ReadAllAsync|OrderService.OrderPump..ctor(Func<Order, ValueTask>) in OrderPump.cs:line {line:OrderService/OrderPump.cs:Consumer = ConsumeAsync();}"
  "PriceCacheTests.Prices_are_reloaded_on_schedule|timer cache: Dispose never disposes the refresh timer, which keeps firing every 50 ms (armed timer)|[1] Timer System.Threading.Timer|period 00:00:00.050|callback: OrderService.PriceCache.OnRefreshDue(Object)|OrderService.PriceCache..ctor(IPriceSource, TimeSpan) in PriceCache.cs:line {line:OrderService/PriceCache.cs:new Timer(}"
  "InventoryClientTests.Reservation_is_retried_while_the_warehouse_is_down|retry loop: its Task.Delay ignores the token Dispose cancels, so it keeps retrying the warehouse (async method waiting in Task.Delay)|[1] Async method OrderService.InventoryClient.ReserveWithRetriesAsync(Order, CancellationToken)|waiting at await #1: Task.Delay|ReserveWithRetriesAsync(Order, CancellationToken) in InventoryClient.cs:line {line:OrderService/InventoryClient.cs:await Task.Delay(_retryDelay);}"
)
frameworks=(Xunit NUnit MSTest) # test projects examples/OrderService.Tests.<framework>
frameworks+=(XunitV3)           # xUnit v3 (VSTest mode: the repository's global.json chooses no test runner)

cat <<TXT
LeakCheck demo: examples/OrderService is a small order service with four classic leaks. Each is a one-line bug,
fixed behind '#if FIXED'. The same xUnit (v2 and v3), NUnit and MSTest tests run against both builds of the service;
every test passes its own assertions, so only LeakCheck ([NoLeaks] on each test class) can fail them.

1. Leaky build (dotnet test examples/OrderService.Tests.<Xunit|NUnit|MSTest|XunitV3> -p:ExampleVariant=Leaky):
   expect ${#leaks[@]} failing tests per framework, $(( ${#leaks[@]} * ${#frameworks[@]} )) in all, each with one LeakCheck report:
TXT
for leak in "${leaks[@]}"; do
  IFS='|' read -r name reason _ <<<"$leak"
  printf '   - %s\n       %s\n' "$name" "$reason"
done
cat <<TXT
2. Fixed build (the same tests, -p:ExampleVariant=Fixed): expect 0 failures.

TXT

# The report text of one test in a TRX file (first line: its outcome), with XML entities decoded.
report_of() {
  local trx="$1" method="$2"
  tr -d '\r' <"$trx" | awk -v method="$method" '
    /<UnitTestResult / {
      mine = 0
      if (match($0, /testName="[^"]*"/)) {
        name = substr($0, RSTART + 10, RLENGTH - 11)
        if (name == method || substr(name, length(name) - length(method)) == "." method) {
          mine = 1
          outcome = $0; sub(/.*outcome="/, "", outcome); sub(/".*/, "", outcome)
          print "outcome=" outcome
        }
      }
    }
    mine && /<Message>/ { inside = 1; sub(/.*<Message>/, "") }
    mine && inside { line = $0; done = sub(/<\/Message>.*/, "", line); print line; if (done) inside = 0 }
    /<\/UnitTestResult>/ { mine = 0 }
  ' | sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
}

# Replaces {line:FILE:TEXT} with the line number of TEXT in examples/FILE (TESTS = the test project).
expand_marker() {
  local marker="$1" tests="$2" spec file text number
  while [[ "$marker" =~ \{line:([^:}]*):([^}]*)\} ]]; do
    spec="${BASH_REMATCH[0]}" file="${BASH_REMATCH[1]/TESTS/$tests}" text="${BASH_REMATCH[2]}"
    number="$(grep -nF -- "$text" "examples/$file" | head -n 1 | cut -d: -f1)"
    marker="${marker/"$spec"/${number:-?}}"
  done
  printf '%s' "$marker"
}

counter() { sed -n 's/.*<Counters \([^>]*\).*/ \1/p' "$1" | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p"; }

# Runs one test project in one variant; fills $trx, or reports a build/run failure.
run_tests() {
  local project="$1" variant="$2" log="$results/$1.$2.log"
  trx="$results/$project.$variant.trx"
  dotnet test "examples/$project" --configuration Release -p:ExampleVariant="$variant" --nologo \
    --logger "trx;LogFileName=$(basename "$trx")" --results-directory "$results" >"$log" 2>&1 || true
  if [ ! -s "$trx" ]; then
    echo "Demo FAILED ($project, $variant): the build or the test run failed; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}

ok=0
for framework in "${frameworks[@]}"; do
  project="OrderService.Tests.$framework" shown="${framework/Xunit/xUnit}" && shown="${shown/V3/ v3}"
  echo "== $shown, leaky build: dotnet test examples/$project -c Release -p:ExampleVariant=Leaky"
  run_tests "$project" Leaky || continue
  good=0
  for leak in "${leaks[@]}"; do
    IFS='|' read -r -a fields <<<"$leak"
    name="${fields[0]}"
    report="$(report_of "$trx" "${name#*.}")"
    missing=()
    [[ "$report" == "outcome=Failed"* ]] || missing+=("outcome Failed (got: $(head -n 1 <<<"$report"))")
    # LeakCheck's report is the whole failure: the test's own assertions held. xUnit prefixes the exception type;
    # MSTest labels the exception of its global cleanup hook ("TestCleanup method <class>.LeakCheck threw exception.").
    header="LeakCheck: 1 item created by OrderService.Tests.$name is still alive after the test"
    first="$(sed -n 2p <<<"$report")"
    first="${first#LeakCheck.LeakDetectedException : }"
    first="${first#"TestCleanup method OrderService.Tests.${name%%.*}.LeakCheck threw exception. LeakCheck.LeakDetectedException: "}"
    [[ "$first" == "$header"* ]] || missing+=("first line: $header")
    for marker in "${fields[@]:2}"; do
      marker="$(expand_marker "$marker" "$project")"
      grep -qF -- "$marker" <<<"$report" || missing+=("$marker")
    done
    if [ ${#missing[@]} -eq 0 ]; then
      good=$((good + 1))
      echo "  failed as expected ($(cut -d: -f1 <<<"${fields[1]}")): $name"
      tail -n +2 <<<"$report" | sed 's/^/  | /'
    else
      echo "  NOT AS EXPECTED: $name; missing from its result:" >&2
      printf '    %s\n' "${missing[@]}" >&2
      tail -n +2 <<<"$report" | sed 's/^/  | /' >&2
    fi
  done
  failed="$(counter "$trx" failed)" total="$(counter "$trx" total)"
  if [ "$good" = "${#leaks[@]}" ] && [ "$failed" = "${#leaks[@]}" ] && [ "$total" = "${#leaks[@]}" ]; then
    echo "Demo OK ($shown, leaky build): all $total tests failed, each with its documented LeakCheck report."
    ok=$((ok + 1))
  else
    echo "Demo FAILED ($shown, leaky build): expected ${#leaks[@]} of ${#leaks[@]} tests to fail with their reports; $failed of $total failed, $good as documented." >&2
  fi
  echo
done

for framework in "${frameworks[@]}"; do
  project="OrderService.Tests.$framework" shown="${framework/Xunit/xUnit}" && shown="${shown/V3/ v3}"
  echo "== $shown, fixed build: dotnet test examples/$project -c Release -p:ExampleVariant=Fixed"
  run_tests "$project" Fixed || continue
  passed="$(counter "$trx" passed)" total="$(counter "$trx" total)"
  if [ "$total" = "${#leaks[@]}" ] && [ "$passed" = "$total" ]; then
    echo "Demo OK ($shown, fixed build): all $total tests passed."
    ok=$((ok + 1))
  else
    echo "Demo FAILED ($shown, fixed build): expected ${#leaks[@]} of ${#leaks[@]} tests to pass; $passed of $total passed." >&2
    for leak in "${leaks[@]}"; do
      name="${leak%%|*}"
      report="$(report_of "$trx" "${name#*.}")"
      [[ "$report" == "outcome=Passed"* ]] || { echo "  $name:" >&2; tail -n +2 <<<"$report" | sed 's/^/  | /' >&2; }
    done
  fi
  echo
done

if [ "$ok" = $(( 2 * ${#frameworks[@]} )) ]; then
  status=0
  echo "Demo OK: LeakCheck caught exactly the $(( ${#leaks[@]} * ${#frameworks[@]} )) documented leaks in the leaky build, and the fixed build passed (${SECONDS} s)."
else
  echo "Demo FAILED: see the messages above (${SECONDS} s)." >&2
fi
exit $status
