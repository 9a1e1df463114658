#!/usr/bin/env bash
# Restores and builds the whole solution in Release (what the other scripts and CI build).
# Extra arguments go to `dotnet build`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore LeakCheck.sln
dotnet build LeakCheck.sln --configuration Release --no-restore --nologo "$@"
