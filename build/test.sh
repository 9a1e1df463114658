#!/usr/bin/env bash
# Runs the project's tests: the command the README gives and CI runs.
# Extra arguments go to `dotnet test` (CI adds a TRX logger to count results).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test LeakCheck.sln --configuration Release "$@"
