#!/usr/bin/env bash
# Packs every package under src/ into the folder given as $1 (default: artifacts/packages).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
mkdir -p "$out"
for project in src/*/*.csproj; do
  dotnet pack "$project" --configuration Release --output "$out" --nologo -v quiet
done
ls "$out"
