#!/usr/bin/env bash
# Packs every package under src/ into the folder given as $1 (default: artifacts/packages). The libraries first, then
# LeakCheck.Tool, which carries them (its feed/ folder) so that `dotnet leakcheck test` needs no package source.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
for project in src/*/*.csproj; do
  [ "$project" = src/LeakCheck.Tool/LeakCheck.Tool.csproj ] && continue
  dotnet pack "$project" --configuration Release --output "$out" --nologo -v quiet
done
dotnet pack src/LeakCheck.Tool/LeakCheck.Tool.csproj --configuration Release --output "$out" --nologo -v quiet "-p:LeakCheckFeed=$out"
ls "$out"
