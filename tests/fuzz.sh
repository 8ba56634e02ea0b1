#!/usr/bin/env bash
# Runs one fuzz target (or all) under afl-fuzz for a bounded time and prints what afl measured.
#   bash tests/fuzz.sh TARGET [SECONDS]      e.g. bash tests/fuzz.sh json 120
#   bash tests/fuzz.sh all [SECONDS]         every target in turn, SECONDS each
# Builds tests/FlaxGuard.Fuzz into artifacts/fuzz/bin, instruments the copies of the engine assemblies there with
# SharpFuzz (the build output under bin/ stays as it was), and starts afl-fuzz on the seeds in
# tests/FlaxGuard.Fuzz/corpus/TARGET. Findings go to artifacts/fuzz/findings/TARGET; replay a crash with
#   dotnet run --project tests/FlaxGuard.Fuzz -- TARGET --replay artifacts/fuzz/findings/TARGET/default/crashes
# Needs afl++ (apt-get install afl++). Not part of CI: CI runs the in-process smoke in tests/FlaxGuard.Fuzz.Tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ]; then
  echo "usage: bash tests/fuzz.sh TARGET|all [SECONDS]" >&2
  exit 2
fi
target=$1
seconds=${2:-60}
out=artifacts/fuzz
bin=$out/bin

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz.sh: afl-fuzz is missing; install Debian's afl++ (apt-get install afl++)" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A fresh output folder every time: sharpfuzz refuses to instrument an assembly twice, and an incremental publish
# would keep the instrumented copies of the last run.
rm -rf "$bin"
dotnet tool restore >/dev/null
dotnet publish tests/FlaxGuard.Fuzz -c Release -o "$bin" --verbosity quiet -clp:NoSummary >/dev/null
for dll in "$bin"/FlaxGuard.Engine.*.dll "$bin"/FlaxGuard.Family.*.dll "$bin"/FlaxGuard.Esp32.Http.dll; do
  dotnet sharpfuzz "$dll" >/dev/null
done

if [ "$target" = all ]; then
  targets=$(dotnet "$bin/FlaxGuard.Fuzz.dll" list | awk '{print $1}')
else
  targets=$target
fi

# Writes the largest VmHWM (kB) of any process running the target to FILE, every second, until killed.
sample_peak_rss() {
  local name=$1 file=$2 peak=0 pid hwm
  echo 0 > "$file"
  while sleep 1; do
    for pid in $(pgrep -f "FlaxGuard.Fuzz.dll $name\$"); do
      hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      if [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ]; then peak=$hwm; echo "$peak" > "$file"; fi
    done
  done
}

stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$2"; }

status=0
for t in $targets; do
  findings=$out/findings/$t
  rm -rf "$findings"
  mkdir -p "$findings"
  echo "== afl-fuzz $t for ${seconds}s"
  # Root in a container: no CPU governor or core_pattern to fix. The .NET runtime reserves far more address space
  # than it uses, so afl's -m limit cannot bound it; the GC heap limit does (an input that makes a parser allocate
  # without bound ends in OutOfMemoryException, which afl records as a crash). -t: a hang is 2 s on one input.
  # afl reads no peak RSS from a persistent .NET target (its process never exits between inputs), so the target's
  # own high-water mark (VmHWM) is sampled every second, over afl's supervisor and the worker process SharpFuzz starts.
  sample_peak_rss "$t" "$findings/peak_rss_kb" &
  sampler=$!
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 \
  AFL_FORKSRV_INIT_TMOUT=30000 DOTNET_GCHeapHardLimit=0x10000000 \
    afl-fuzz -i "tests/FlaxGuard.Fuzz/corpus/$t" -o "$findings" -m none -t 2000 -V "$seconds" \
      -- dotnet "$bin/FlaxGuard.Fuzz.dll" "$t" > "$findings/afl.log" 2>&1 || afl_status=$?
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  if [ "${afl_status:-0}" -ne 0 ]; then
    echo "afl-fuzz failed; see $findings/afl.log" >&2; tail -20 "$findings/afl.log" >&2; status=1; afl_status=0; continue
  fi
  stats=$findings/default/fuzzer_stats
  printf '%-14s execs %s (%s/s), corpus %s (%s found), edges %s of %s (%s), crashes %s, hangs %s, peak RSS %s MB\n' "$t" \
    "$(stat execs_done "$stats")" "$(stat execs_per_sec "$stats")" "$(stat corpus_count "$stats")" "$(stat corpus_found "$stats")" \
    "$(stat edges_found "$stats")" "$(stat total_edges "$stats")" "$(stat bitmap_cvg "$stats")" \
    "$(stat saved_crashes "$stats")" "$(stat saved_hangs "$stats")" "$(( $(cat "$findings/peak_rss_kb") / 1024 ))" | tee -a "$out/summary.txt"
  if [ "$(stat saved_crashes "$stats")" != 0 ]; then status=1; fi
done
exit $status
