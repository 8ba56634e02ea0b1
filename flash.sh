#!/usr/bin/env bash
# flash.sh: turns an ESP32 board into a FlaxGuard dongle. Run with --help for every step.
set -euo pipefail

readonly PROGRAM="flash.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly APP_PROJECT="$ROOT/firmware/FlaxGuard.Esp32/FlaxGuard.Esp32.nfproj"
readonly APP_OUTPUT="$ROOT/firmware/FlaxGuard.Esp32/bin/Release"
readonly PACKAGES_DIR="$ROOT/firmware/packages"
readonly DEVICE_PROVISIONING_PATH='I:\flaxguard.json'

usage() {
  cat <<'EOF'
flash.sh: turns an ESP32 board into a FlaxGuard dongle with nanoff, the .NET nanoFramework flasher.

Usage:
  ./flash.sh --list-targets
  ./flash.sh --target NAME --port DEVICE [--pe-dir DIR] --provisioning FILE [--wifi-ssid SSID] [options]
  ./flash.sh --assemble-only --pe-dir DIR --out FILE

Steps (each one prints the exact nanoff command it runs):
  1. nanoff    finds nanoff on PATH (or ~/.dotnet/tools); if missing, runs 'dotnet tool install -g nanoff' once.
  2. runtime   flashes the nanoFramework firmware:  nanoff --update --target NAME --serialport DEVICE
               Target names changed in 2026 (ESP32_S3_QUAD/ESP32_S3_OCTAL, ESP32_C3); list the current ones with
               --list-targets rather than trusting old guides. PSRAM boards: ESP32_PSRAM_REV0 / ESP32_PSRAM_REV3.
  3. build     builds firmware/FlaxGuard.Esp32 with Mono msbuild + nuget when the nanoFramework toolchain is
               installed (VS Code nanoFramework extension on Linux/macOS); otherwise pass --pe-dir with the .pe
               files of a build made elsewhere (Visual Studio on Windows: bin/Release of the project).
  4. image     assembles the deployment image: every .pe file, each padded with zero bytes to a multiple of 4,
               concatenated: mscorlib.pe first, the other libraries by name, the application (FlaxGuard.Esp32.pe)
               last, as the nanoFramework build does (GenerateBinaryOutputTask).
  5. deploy    nanoff --nanodevice --deploy --image IMAGE --serialport DEVICE
               (--nanodevice asks the running firmware where its deployment area starts: no hard-coded address)
  6. provision writes the provisioning file of 'flaxguard agent add' (host URL, appliance id, key, host CA
               certificate) plus the Wi-Fi SSID and password to the device's internal drive as I:\flaxguard.json
               with nanoff's file deployment:  nanoff --filedeployment FILE.json --serialport DEVICE
               The merged file is written mode 0600 in a private temporary folder and deleted afterwards.

Options:
  --list-targets          run nanoff's own list of ESP32 targets (nanoff --listtargets --platform esp32) and stop
  --target NAME           firmware target for step 2 (see --list-targets)
  --port DEVICE           serial port, e.g. /dev/ttyUSB0 (Linux), /dev/cu.usbserial-1420 (macOS)
  --pe-dir DIR            take prebuilt .pe files from DIR instead of building
  --app NAME.pe           the application's .pe file (default FlaxGuard.Esp32.pe)
  --provisioning FILE     JSON from 'flaxguard agent add': {hostUrl, applianceId, key, caCertificatePem}
  --ca-cert FILE          PEM of the CA that signed the host's HTTPS certificate, when the provisioning file has
                          none (caCertificatePem); the dongle pins it for every host connection
  --wifi-ssid SSID        Wi-Fi network; the password is read from $FLAXGUARD_WIFI_PASSWORD, from
                          --wifi-password-file FILE, or asked for on the terminal (never taken as an argument,
                          so it stays out of shell history and the process list)
  --wifi-password-file F  file whose first line is the Wi-Fi password
  --ethernet              Ethernet board (ESP32_WT32_ETH01, ESP32_OLIMEX, ...): no Wi-Fi settings
  --skip-runtime          skip step 2 (firmware already flashed)
  --skip-app              skip steps 3-5
  --skip-provisioning     skip step 6
  --assemble-only         only step 4: needs --pe-dir and --out FILE
  --out FILE              where --assemble-only writes the image
  --work-dir DIR          folder for the image and the deployment JSON (default: a new private temporary folder)
  --nanoff-syntax S       classic (nanoff 2.x: --update ...), verbs (nanoff 3.x: flash target ...), or auto (default:
                          asks 'nanoff --version'; classic when nanoff is absent)
  --dry-run               print every step and command; touch no hardware, write nothing, need no nanoff
  --help                  this text

Examples:
  ./flash.sh --list-targets
  ./flash.sh --target ESP32_PSRAM_REV3 --port /dev/ttyUSB0 --pe-dir ~/build/FlaxGuard.Esp32/bin/Release \
             --provisioning dongle1.json --wifi-ssid office
  ./flash.sh --dry-run --target ESP32_PSRAM_REV0 --port /dev/ttyUSB0 --pe-dir ./pe --provisioning dongle1.json --wifi-ssid office

Exit codes: 0 done, 1 a step failed or something it needs is missing (one line says which), 2 bad usage.
EOF
}

fail() { printf '%s: %s\n' "$PROGRAM" "$1" >&2; exit "${2:-1}"; }
usage_error() { fail "$1 (see --help)" 2; }

# Prints a command the way it is run; in a dry run that is all that happens.
show() {
  local quoted="" arg
  for arg in "$@"; do quoted+=" $(printf '%q' "$arg")"; done
  printf '+%s\n' "$quoted"
}
run() {
  show "$@"
  if [ "$dry_run" -eq 0 ]; then "$@"; fi
}
note() { printf '# %s\n' "$1"; }

list_targets=0 dry_run=0 assemble_only=0 ethernet=0
skip_runtime=0 skip_app=0 skip_provisioning=0
target="" port="" pe_dir="" app_pe="FlaxGuard.Esp32.pe" provisioning="" wifi_ssid="" wifi_password_file="" ca_cert=""
out="" work_dir="" syntax="auto"

need_value() { if [ "$#" -lt 2 ] || [ -z "$2" ] || [ "${2#--}" != "$2" ]; then usage_error "$1 needs a value"; fi; }

while [ "$#" -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --list-targets) list_targets=1 ;;
    --dry-run) dry_run=1 ;;
    --assemble-only) assemble_only=1 ;;
    --ethernet) ethernet=1 ;;
    --skip-runtime) skip_runtime=1 ;;
    --skip-app) skip_app=1 ;;
    --skip-provisioning) skip_provisioning=1 ;;
    --target) need_value "$@"; target="$2"; shift ;;
    --port) need_value "$@"; port="$2"; shift ;;
    --pe-dir) need_value "$@"; pe_dir="$2"; shift ;;
    --app) need_value "$@"; app_pe="$2"; shift ;;
    --provisioning) need_value "$@"; provisioning="$2"; shift ;;
    --wifi-ssid) need_value "$@"; wifi_ssid="$2"; shift ;;
    --ca-cert) need_value "$@"; ca_cert="$2"; shift ;;
    --wifi-password-file) need_value "$@"; wifi_password_file="$2"; shift ;;
    --out) need_value "$@"; out="$2"; shift ;;
    --work-dir) need_value "$@"; work_dir="$2"; shift ;;
    --nanoff-syntax) need_value "$@"; syntax="$2"; shift ;;
    --wifi-password|--wifi-password=*) usage_error "the Wi-Fi password is never taken as an argument; use \$FLAXGUARD_WIFI_PASSWORD or --wifi-password-file" ;;
    *) usage_error "unknown option '$1'" ;;
  esac
  shift
done

case "$syntax" in auto|classic|verbs) ;; *) usage_error "--nanoff-syntax must be auto, classic or verbs" ;; esac

# ---- step 4 on its own: the deployment image ------------------------------------------------------------------

# The .pe files of DIR in deployment order: mscorlib.pe, the other libraries by name, the application last.
ordered_pe_files() {
  local dir="$1" app="$2" file name others=()
  [ -f "$dir/mscorlib.pe" ] || fail "no mscorlib.pe in $dir: the .pe folder must hold every referenced library's .pe (the nanoFramework build copies them to bin/Release)"
  [ -f "$dir/$app" ] || fail "no $app in $dir: pass the application's .pe with --app NAME.pe"
  while IFS= read -r file; do
    name="$(basename "$file")"
    if [ "$name" != "mscorlib.pe" ] && [ "$name" != "$app" ]; then others+=("$name"); fi
  done < <(find "$dir" -maxdepth 1 -type f -name '*.pe' | LC_ALL=C sort)
  printf '%s\n' "mscorlib.pe" ${others[@]+"${others[@]}"} "$app"
}

assemble_image() {
  local dir="$1" app="$2" image="$3" names name size pad total=0 count=0
  names="$(ordered_pe_files "$dir" "$app")"
  : > "$image"
  while IFS= read -r name; do
    size=$(wc -c < "$dir/$name" | tr -d ' ')
    [ "$size" -gt 0 ] || fail "$dir/$name is empty"
    pad=$(( (4 - size % 4) % 4 ))
    cat "$dir/$name" >> "$image"
    if [ "$pad" -gt 0 ]; then head -c "$pad" /dev/zero >> "$image"; fi
    total=$(( total + size + pad ))
    count=$(( count + 1 ))
  done <<< "$names"
  printf '%s: assembled %s bytes from %s .pe files into %s\n' "$PROGRAM" "$total" "$count" "$image"
}

if [ "$assemble_only" -eq 1 ]; then
  [ -n "$pe_dir" ] || usage_error "--assemble-only needs --pe-dir DIR"
  [ -n "$out" ] || usage_error "--assemble-only needs --out FILE"
  [ -d "$pe_dir" ] || fail "the .pe folder $pe_dir does not exist"
  assemble_image "$pe_dir" "$app_pe" "$out"
  exit 0
fi

# ---- step 1: nanoff -------------------------------------------------------------------------------------------

nanoff_bin=""
find_nanoff() {
  if command -v nanoff >/dev/null 2>&1; then nanoff_bin="$(command -v nanoff)"; return 0; fi
  if [ -x "$HOME/.dotnet/tools/nanoff" ]; then nanoff_bin="$HOME/.dotnet/tools/nanoff"; return 0; fi
  return 1
}

require_nanoff() {
  if find_nanoff; then return 0; fi
  if [ "$dry_run" -eq 1 ]; then nanoff_bin="nanoff"; return 0; fi
  command -v dotnet >/dev/null 2>&1 || fail "nanoff is not installed and neither is the .NET SDK: install the .NET 10 SDK, then run 'dotnet tool install -g nanoff' and put ~/.dotnet/tools on PATH"
  note "nanoff not found: dotnet tool install -g nanoff"
  if ! dotnet tool install -g nanoff >/dev/null 2>&1 || ! find_nanoff; then
    fail "nanoff is not installed and 'dotnet tool install -g nanoff' failed (it comes from nuget.org); install it on a machine that reaches https://api.nuget.org, or see https://github.com/nanoframework/nanoFirmwareFlasher"
  fi
}

resolve_syntax() {
  if [ "$syntax" != "auto" ]; then return 0; fi
  syntax="classic"
  if command -v "$nanoff_bin" >/dev/null 2>&1; then
    local version major
    version="$("$nanoff_bin" --version 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)"
    major="${version%%.*}"
    if [ -n "$major" ] && [ "$major" -ge 3 ]; then syntax="verbs"; fi
  fi
}

if [ "$list_targets" -eq 1 ]; then
  require_nanoff
  resolve_syntax
  if [ "$syntax" = "verbs" ]; then run "$nanoff_bin" list targets platform esp32; else run "$nanoff_bin" --listtargets --platform esp32; fi
  exit 0
fi

# ---- checks before anything touches the board -----------------------------------------------------------------

[ -n "$port" ] || usage_error "--port is missing (e.g. --port /dev/ttyUSB0; nanoff --listports lists them)"
if [ "$skip_runtime" -eq 0 ] && [ -z "$target" ]; then usage_error "--target is missing (run ./flash.sh --list-targets, or pass --skip-runtime)"; fi
if [ "$skip_provisioning" -eq 0 ]; then
  [ -n "$provisioning" ] || usage_error "--provisioning is missing (the file 'flaxguard agent add' wrote), or pass --skip-provisioning"
  [ -f "$provisioning" ] || fail "the provisioning file $provisioning does not exist"
  if [ "$ethernet" -eq 0 ] && [ -z "$wifi_ssid" ]; then usage_error "--wifi-ssid is missing (or --ethernet for an Ethernet board)"; fi
  command -v jq >/dev/null 2>&1 || fail "jq is needed to write the provisioning file (apt-get install jq, brew install jq)"
  jq -e 'type == "object" and (.hostUrl|type) == "string" and (.applianceId|type) == "string" and (.key|type) == "string"' "$provisioning" >/dev/null 2>&1 \
    || fail "the provisioning file $provisioning is not the JSON 'flaxguard agent add' writes (needs hostUrl, applianceId and key)"
  key_bytes=$(jq -r '.key' "$provisioning" | base64 -d 2>/dev/null | wc -c | tr -d ' ' || true)
  [ "$key_bytes" = "32" ] || fail "the key in $provisioning is not base64 of 32 bytes"
  if jq -e 'has("format") and .format != "flaxguard-provisioning-1"' "$provisioning" >/dev/null 2>&1; then
    fail "the provisioning file $provisioning has format $(jq -r '.format' "$provisioning"), this flash.sh knows flaxguard-provisioning-1"
  fi
  jq -e '.hostUrl | startswith("https://")' "$provisioning" >/dev/null \
    || fail "hostUrl in $provisioning must be https:// (the dongle talks to the host only over TLS with its CA pinned): run 'flaxguard agent add NAME --host-url https://HOST:PORT'"
  if [ -n "$ca_cert" ]; then
    [ -f "$ca_cert" ] || fail "the CA certificate $ca_cert does not exist"
    grep -q -- '-----BEGIN CERTIFICATE-----' "$ca_cert" || fail "$ca_cert is not a PEM certificate (-----BEGIN CERTIFICATE-----)"
  fi
fi
if [ "$dry_run" -eq 0 ] && [ ! -e "$port" ]; then
  fail "serial port $port not found: plug the board in, check the cable carries data, and list ports with 'nanoff --listports'"
fi

require_nanoff
resolve_syntax

if [ -z "$work_dir" ]; then
  if [ "$dry_run" -eq 1 ]; then work_dir="${TMPDIR:-/tmp}/flaxguard-flash.XXXXXX"; else work_dir="$(mktemp -d "${TMPDIR:-/tmp}/flaxguard-flash.XXXXXX")"; fi
elif [ "$dry_run" -eq 0 ]; then
  mkdir -p "$work_dir"
fi
cleanup() { if [ "$dry_run" -eq 0 ]; then rm -f "$work_dir/flaxguard.json" "$work_dir/filedeployment.json"; fi; }
trap cleanup EXIT

if [ "$dry_run" -eq 1 ]; then note "dry run: every command is printed, none is run, nothing is written"; fi
note "nanoff: $nanoff_bin (syntax: $syntax)"

# ---- step 2: runtime --------------------------------------------------------------------------------------------

if [ "$skip_runtime" -eq 0 ]; then
  note "step 2: flash the nanoFramework runtime for $target"
  if [ "$syntax" = "verbs" ]; then run "$nanoff_bin" flash target "$target" serialport "$port"
  else run "$nanoff_bin" --update --target "$target" --serialport "$port"; fi
fi

# ---- steps 3 to 5: application ---------------------------------------------------------------------------------

if [ "$skip_app" -eq 0 ]; then
  if [ -z "$pe_dir" ]; then
    if command -v msbuild >/dev/null 2>&1 && command -v nuget >/dev/null 2>&1; then
      note "step 3: build firmware/FlaxGuard.Esp32 with the nanoFramework toolchain"
      run nuget restore "$ROOT/firmware/FlaxGuard.Esp32/packages.config" -PackagesDirectory "$PACKAGES_DIR"
      run msbuild "$APP_PROJECT" -p:Configuration=Release -verbosity:minimal
      pe_dir="$APP_OUTPUT"
    else
      fail "no nanoFramework toolchain here (Mono msbuild and nuget with the nanoFramework VS Code extension) to build firmware/FlaxGuard.Esp32; build it elsewhere and pass --pe-dir with its bin/Release folder"
    fi
  else
    note "step 3: prebuilt .pe files from $pe_dir"
  fi
  if [ "$dry_run" -eq 0 ] || [ -d "$pe_dir" ]; then
    [ -d "$pe_dir" ] || fail "the .pe folder $pe_dir does not exist"
    pe_list="$(ordered_pe_files "$pe_dir" "$app_pe")"
    note "step 4: deployment image $work_dir/flaxguard-esp32.bin from $(printf '%s' "$pe_list" | tr '\n' ' ' | sed 's/ $//')"
  else
    note "step 4: deployment image $work_dir/flaxguard-esp32.bin from the .pe files the build writes to $pe_dir"
  fi
  if [ "$dry_run" -eq 0 ]; then assemble_image "$pe_dir" "$app_pe" "$work_dir/flaxguard-esp32.bin"; fi
  note "step 5: deploy the application; the device reports its own deployment address"
  if [ "$syntax" = "verbs" ]; then run "$nanoff_bin" deploy serialport "$port" image "$work_dir/flaxguard-esp32.bin"
  else run "$nanoff_bin" --nanodevice --deploy --image "$work_dir/flaxguard-esp32.bin" --serialport "$port"; fi
fi

# ---- step 6: provisioning ---------------------------------------------------------------------------------------

read_wifi_password() {
  if [ -n "${FLAXGUARD_WIFI_PASSWORD:-}" ]; then printf '%s' "$FLAXGUARD_WIFI_PASSWORD"; return 0; fi
  if [ -n "$wifi_password_file" ]; then
    [ -f "$wifi_password_file" ] || fail "the Wi-Fi password file $wifi_password_file does not exist"
    head -n 1 "$wifi_password_file" | tr -d '\r\n'
    return 0
  fi
  if [ -t 0 ]; then
    local password
    read -r -s -p "Wi-Fi password for $wifi_ssid: " password
    printf '\n' >&2
    printf '%s' "$password"
    return 0
  fi
  fail "no Wi-Fi password: set FLAXGUARD_WIFI_PASSWORD or pass --wifi-password-file FILE"
}

if [ "$skip_provisioning" -eq 0 ]; then
  if [ "$ethernet" -eq 1 ]; then
    note "step 6: write $work_dir/flaxguard.json (hostUrl, applianceId, key, caCertificatePem; Ethernet, no Wi-Fi), mode 0600"
  else
    note "step 6: write $work_dir/flaxguard.json (hostUrl, applianceId, key, caCertificatePem, wifiSsid, wifiPassword), mode 0600"
  fi
  note "step 6: write $work_dir/filedeployment.json: $work_dir/flaxguard.json -> $DEVICE_PROVISIONING_PATH"
  if [ "$dry_run" -eq 0 ]; then
    wifi_password=""
    if [ "$ethernet" -eq 0 ]; then wifi_password="$(read_wifi_password)"; fi
    (
      umask 077
      ca_pem=""
      if [ -n "$ca_cert" ]; then ca_pem="$(cat "$ca_cert")"; fi
      jq --arg ssid "$wifi_ssid" --arg password "$wifi_password" --argjson ethernet "$ethernet" --arg ca "$ca_pem" \
        '. + (if $ca != "" then {caCertificatePem: $ca} else {} end)
           + (if $ethernet == 1 then {network: "ethernet"} else {network: "wifi", wifiSsid: $ssid, wifiPassword: $password} end)' \
        "$provisioning" > "$work_dir/flaxguard.json"
      jq -n --arg port "$port" --arg source "$work_dir/flaxguard.json" --arg destination "$DEVICE_PROVISIONING_PATH" \
        '{SerialPort: $port, Files: [{DestinationFilePath: $destination, SourceFilePath: $source}]}' > "$work_dir/filedeployment.json"
    )
    unset wifi_password
  fi
  if [ "$syntax" = "verbs" ]; then run "$nanoff_bin" deploy file "$work_dir/filedeployment.json" serialport "$port"
  else run "$nanoff_bin" --filedeployment "$work_dir/filedeployment.json" --serialport "$port"; fi
  note "step 6: provisioning files in $work_dir are deleted when this script ends"
fi

note "done: the dongle restarts, joins the network, sets its clock and fetches its job from the host"
