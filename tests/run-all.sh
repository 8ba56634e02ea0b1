#!/usr/bin/env bash
# Runs every FlaxGuard test from a fresh clone: installs what the tests need, restores, builds
# (warnings included), runs the nanoFramework gate and all MSTest projects, and ends with the plain
# summary line "N passed, N failed[, N skipped]". Exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run-all: the .NET 10 SDK is needed (package dotnet-sdk-10.0 from Microsoft's Debian repository); 'dotnet' is not on PATH." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The real servers and clients the probe tests run against (started by the tests themselves, on
# loopback or inside network namespaces the tests create).
apt_packages=(faketime iproute2 miniupnpd miniupnpc nftables snmpd snmp dnsmasq dnsutils apache2 openssh-server openssl nmap busybox-static onvif-tools u-boot-tools squashfs-tools avahi-daemon avahi-utils ieee-data shellcheck jq rsyslog mosquitto postgresql chromium systemd)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  # Keep package scripts from starting the daemons system-wide: the tests start their own.
  policy_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_created=1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  apt_status=$?
  [ "$policy_created" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  if [ "$apt_status" -ne 0 ]; then echo "run-all: apt-get install failed" >&2; echo "0 passed, 1 failed"; exit 1; fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step "dotnet restore"
if ! dotnet restore FlaxGuard.sln --verbosity quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

step "dotnet build (Release)"
if ! dotnet build FlaxGuard.sln -c Release --no-restore --verbosity quiet -clp:NoSummary; then
  echo "0 passed, 1 failed"
  exit 1
fi

step "nanoFramework gate (every firmware assembly against nanoFramework.CoreLibrary 1.17.11, through nanoFramework's metadata processor)"
dotnet run --project firmware/FlaxGuard.NanoGate -c Release --no-build -- --require-mdp
gate_status=$?

results=artifacts/test-results
rm -rf "$results"
test_status=0
# One project at a time, each into its own folder, so no two result files can collide.
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  step "dotnet test $name"
  dotnet test "$project" -c Release --no-build --results-directory "$results/$name" --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" || test_status=1
done

# Sum the counters of every TRX file: <Counters total=".." executed=".." passed=".." failed=".." ... notExecuted="..">
read -r passed failed skipped < <(
  cat "$results"/*/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    function attr(name,   m) { if (match($0, name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 } return 0 }
    { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted"); s += attr("notExecuted") }
    END { printf "%d %d %d\n", p, f, s }')
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
if [ "$gate_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo
echo "$summary"
[ "$failed" -eq 0 ]
