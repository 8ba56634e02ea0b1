#!/usr/bin/env bash
# Publishes the flaxguard CLI as one native executable (Native AOT), the form that starts fast enough to be
# timed against nmap as a whole process (`flaxguard --version` in milliseconds, not the ~0.3 s of the JIT build).
#   tests/bench/publish-fast-cli.sh [OUT]      OUT defaults to artifacts/flaxguard-native; the binary is OUT/flaxguard
# Builds in its own folder (artifacts/aot-build, or $BUILD) so a `dotnet build` running meanwhile in the tree cannot
# rewrite the assemblies the AOT compiler is reading. Needs clang and zlib1g-dev from Debian (the native linker
# step); installs them when run as root. Takes minutes on a small machine: CI does not run it,
# tests/bench/sweep-vs-nmap.sh does, and then checks the binary works (sweep, check --json, status --json).
# The binary is linked at a fixed address (not PIE: ld.so would spend ~35 ms of CPU relocating it at every start);
# PIE=1 publishes a position-independent one instead. Keep the folder together: libe_sqlite3.so sits beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-artifacts/flaxguard-native}"
BUILD="${BUILD:-artifacts/aot-build}"
case "$(uname -m)" in
  x86_64) RID=linux-x64 ;;
  aarch64) RID=linux-arm64 ;;
  *) echo "publish-fast-cli: no Native AOT runtime identifier for $(uname -m)" >&2; exit 1 ;;
esac

missing=()
command -v clang >/dev/null || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "publish-fast-cli: Native AOT needs: apt-get install ${missing[*]}" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The AOT settings (no dehydration, libc bound at link time) live in the CLI's project, under PublishAot.
pie=()
[ -n "${PIE:-}" ] && pie=(-p:PositionIndependentExecutable=true)
dotnet publish host-tools/FlaxGuard.Cli/FlaxGuard.Cli.csproj -c Release -r "$RID" -p:PublishAot=true "${pie[@]}" \
  --artifacts-path "$BUILD" -o "$OUT" --nologo -v quiet
"$OUT/flaxguard" --version >/dev/null
echo "$OUT/flaxguard"
