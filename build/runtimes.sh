#!/usr/bin/env bash
# Lays out one private dotnet root, artifacts/dotnet-multi/, that holds the installed SDK and .NET 10 runtime
# plus the .NET 8, 9 and 11 shared frameworks taken from the Microsoft.NETCore.App.Runtime.linux-x64 runtime
# packs, so `artifacts/dotnet-multi/dotnet --list-runtimes` lists all four. build/test-runtimes.sh runs the
# tests with it. Idempotent: a framework folder already laid out is kept; rerunning only checks.
#
# Versions: the newest 8.0.x and 9.0.x the NuGet feed lists, and 11.0.0. Override with
# LEAKCHECK_RUNTIME_8, LEAKCHECK_RUNTIME_9, LEAKCHECK_RUNTIME_11 (exact versions). Prints the root's path last.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
multi="$root/artifacts/dotnet-multi"
rid=linux-x64
pack=microsoft.netcore.app.runtime.$rid

installed="$(dirname "$(readlink -f "$(command -v dotnet)")")"
[ -x "$installed/dotnet" ] && [ -d "$installed/sdk" ] || { echo "runtimes.sh: no dotnet SDK next to $(command -v dotnet)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
packages="${packages%/}"

# Newest version of a major on the feed (flat container index); else the newest already in the package cache.
newest() {
  local major="$1" listed
  listed="$(curl -fsS -m 30 "https://api.nuget.org/v3-flatcontainer/$pack/index.json" 2>/dev/null \
    | tr -d ' \n' | sed 's/.*"versions":\[\([^]]*\)\].*/\1/' | tr ',' '\n' | tr -d '"' || true)"
  [ -n "$listed" ] || listed="$(ls "$packages/$pack" 2>/dev/null || true)"
  printf '%s\n' "$listed" | grep -E "^$major\.0\.[0-9]+$" | sort -t. -k3,3n | tail -n1
}

v8="${LEAKCHECK_RUNTIME_8:-$(newest 8)}"
v9="${LEAKCHECK_RUNTIME_9:-$(newest 9)}"
v11="${LEAKCHECK_RUNTIME_11:-11.0.0}"
for v in "$v8" "$v9" "$v11"; do
  [ -n "$v" ] || { echo "runtimes.sh: could not find a runtime pack version on the feed" >&2; exit 1; }
done

# Download the packs that are not in the package cache yet: a throwaway restore with PackageDownload items.
missing=()
for v in "$v8" "$v9" "$v11"; do
  [ -f "$packages/$pack/$v/$pack.nuspec" ] || missing+=("$v")
done
if [ "${#missing[@]}" -gt 0 ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo '  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>'
    echo '  <ItemGroup>'
    # One item for all versions ("[a];[b]"): several items of one package are duplicates to NuGet.
    versions="$(printf '[%s];' "${missing[@]}")"
    echo "    <PackageDownload Include=\"Microsoft.NETCore.App.Runtime.$rid\" Version=\"${versions%;}\" />"
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$work/Download.csproj"
  # Outside the repository: no Directory.Build.props, central package management or global.json applies.
  echo '<Project />' > "$work/Directory.Build.props"
  echo '<Project />' > "$work/Directory.Packages.props"
  echo "runtimes.sh: downloading runtime packs ${missing[*]}"
  (cd "$work" && dotnet restore Download.csproj -v quiet) || { echo "runtimes.sh: restore of the runtime packs failed" >&2; exit 1; }
fi

mkdir -p "$multi/shared/Microsoft.NETCore.App"
# The muxer finds its root from its own (resolved) path, so it is copied; everything else is linked.
if ! cmp -s "$installed/dotnet" "$multi/dotnet"; then
  cp "$installed/dotnet" "$multi/dotnet.tmp" && mv -f "$multi/dotnet.tmp" "$multi/dotnet"
fi
for entry in host sdk sdk-manifests packs templates metadata; do
  [ -e "$installed/$entry" ] && ln -sfn "$installed/$entry" "$multi/$entry"
done
for fx in "$installed"/shared/Microsoft.NETCore.App/*/; do
  fx="${fx%/}"
  ln -sfn "$fx" "$multi/shared/Microsoft.NETCore.App/$(basename "$fx")"
done

# A shared framework folder: the pack's managed assemblies (with Microsoft.NETCore.App.deps.json and
# .runtimeconfig.json) plus its native files (without libhostfxr.so: host/fxr has the host's own), and the
# .version file an installed framework carries (commit, then version).
layout() {
  local v="$1" from="$packages/$pack/$1/runtimes/$rid" to="$multi/shared/Microsoft.NETCore.App/$1"
  local lib
  lib="$(ls -d "$from"/lib/net*/ 2>/dev/null | head -n1 || true)"
  [ -n "$lib" ] && [ -d "$from/native" ] || { echo "runtimes.sh: runtime pack $v not found in $packages" >&2; exit 1; }
  if [ -f "$to/.version" ] && [ -f "$to/System.Private.CoreLib.dll" ] && [ ! -L "$to" ]; then
    return
  fi
  rm -rf "$to" "$to.tmp"
  mkdir -p "$to.tmp"
  cp -R "$lib". "$to.tmp/"
  cp -R "$from/native/." "$to.tmp/"
  rm -f "$to.tmp/libhostfxr.so"
  cp "$packages/$pack/$v/Microsoft.NETCore.App.versions.txt" "$to.tmp/.version"
  [ -f "$to.tmp/Microsoft.NETCore.App.deps.json" ] || { echo "runtimes.sh: pack $v has no Microsoft.NETCore.App.deps.json" >&2; exit 1; }
  mv "$to.tmp" "$to"
  echo "runtimes.sh: laid out Microsoft.NETCore.App $v"
}
for v in "$v8" "$v9" "$v11"; do layout "$v"; done

listed="$("$multi/dotnet" --list-runtimes)"
for v in "$v8" "$v9" "$(ls "$installed/shared/Microsoft.NETCore.App" | sort -V | tail -n1)" "$v11"; do
  # A here-string, not a pipe: with pipefail, grep -q leaving early can kill printf (SIGPIPE) and fail a match.
  grep -q "^Microsoft.NETCore.App $v " <<< "$listed" \
    || { echo "runtimes.sh: $multi/dotnet does not list Microsoft.NETCore.App $v:" >&2; printf '%s\n' "$listed" >&2; exit 1; }
done
printf '%s\n' "$listed" | sed 's/^/  /'
echo "$multi"
