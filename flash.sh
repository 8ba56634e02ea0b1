#!/usr/bin/env bash
# flash.sh: turns an ESP32 board into a FlaxGuard dongle. Run with --help for every step.
set -euo pipefail

readonly PROGRAM="flash.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly APP_PROJECT="$ROOT/firmware/FlaxGuard.Esp32/FlaxGuard.Esp32.nfproj"
readonly PACKAGES_CONFIG="$ROOT/firmware/FlaxGuard.Esp32/packages.config"
readonly GATE_PROJECT="$ROOT/firmware/FlaxGuard.NanoGate"
# The gate ships the real mscorlib.pe of the CoreLibrary version Directory.Packages.props pins (built by step 3).
readonly GATE_MSCORLIB_PE="$GATE_PROJECT/bin/Release/net10.0/nano/mscorlib.pe"
readonly DEVICE_PROVISIONING_PATH='I:\flaxguard.json'

# ---- deployment area per chip and flash size ----------------------------------------------------------------------
# The "deploy" partition (managed code) of nanoFramework's ESP32 partition tables, read from nf-interpreter
# targets/ESP32/_IDF/<chip>/partitions_nanoclr_<size>.csv at commit a3e8139a1ba778e33ca81b023099765eada6c456
# (2026-07-24; classic ESP32 tables last changed in 53be3026b, IDF 5.4.2 update). The firmware build makes a table for
# each flash size (CMake/binutils.ESP32.cmake) and nanoff writes the one matching the flash it detects (Esp32Firmware.cs),
# so the board's flash size picks the row. Row: chip flash-size deploy-offset deploy-size.
readonly NF_INTERPRETER_COMMIT="a3e8139a1"
readonly DEPLOY_AREAS="
esp32 4MB 0x1E0000 0x1C0000
esp32 8MB 0x1E0000 0x2B0000
esp32 16MB 0x1E0000 0x2B0000
esp32s2 4MB 0x1B0000 0x1F0000
esp32s2 8MB 0x1B0000 0x2E0000
esp32s2 16MB 0x1B0000 0x2E0000
esp32s3 4MB 0x1B0000 0x1F0000
esp32s3 8MB 0x1B0000 0x2E0000
esp32s3 16MB 0x1B0000 0x2E0000
esp32c3 4MB 0x1B0000 0x1F0000
esp32c3 8MB 0x1B0000 0x1F0000
esp32c3 16MB 0x1B0000 0x1F0000
esp32c5 4MB 0x250000 0x170000
esp32c5 8MB 0x250000 0x240000
esp32c5 16MB 0x250000 0x240000
esp32c6 4MB 0x250000 0x170000
esp32c6 8MB 0x250000 0x240000
esp32c6 16MB 0x250000 0x240000
esp32c61 4MB 0x250000 0x170000
esp32c61 8MB 0x250000 0x240000
esp32c61 16MB 0x250000 0x240000
esp32h2 4MB 0x1C0000 0x1E0000
esp32p4 4MB 0x1B0000 0x1F0000
esp32p4 8MB 0x1B0000 0x2E0000
esp32p4 16MB 0x1B0000 0x2E0000
"

# The chip a firmware target is built for (its CMakePresets.json preset in nf-interpreter targets/ESP32); empty if unknown.
chip_of_target() {
  case "$1" in
    ESP32_S2*) echo esp32s2 ;;
    ESP32_S3*|AtomS3) echo esp32s3 ;;
    ESP32_C3*) echo esp32c3 ;;
    ESP32_C5*) echo esp32c5 ;;
    ESP32_C61*) echo esp32c61 ;;
    ESP32_C6*) echo esp32c6 ;;
    ESP32_H2*) echo esp32h2 ;;
    ESP32_P4*) echo esp32p4 ;;
    ESP32_*|ESP_WROVER_KIT|M5Stack|M5Core|M5Core2|M5StickC|M5StickCPlus|LilygoTWatch*) echo esp32 ;;
    *) echo "" ;;
  esac
}

usage() {
  cat <<'EOF'
flash.sh: turns an ESP32 board into a FlaxGuard dongle with nanoff, the .NET nanoFramework flasher.

Usage:
  ./flash.sh --list-targets
  ./flash.sh --target NAME --port DEVICE --provisioning FILE [--wifi-ssid SSID] [options]
  ./flash.sh --dry-run --target NAME --port DEVICE --provisioning FILE [--wifi-ssid SSID] [options]
  ./flash.sh --assemble-only --pe-dir DIR --out FILE [--target NAME [--flash-size S] | --deploy-size BYTES]

Steps (each one prints the exact command it runs; steps 2 and 3 finish before anything touches the board):
  1. nanoff    finds nanoff on PATH (or ~/.dotnet/tools); if missing, runs 'dotnet tool install -g nanoff' once.
  2. build     builds the firmware's .pe files on this machine with the .NET SDK (no Visual Studio, no Mono):
                 dotnet run --project firmware/FlaxGuard.NanoGate -c Release -- --target esp32 --require-mdp --pe-out DIR
               The nanoFramework gate compiles every firmware assembly (the engine libraries and the app
               FlaxGuard.Esp32) against the real CoreLibrary 1.17.11 and runs nanoFramework's own metadata
               processor on each, which writes the .pe file the device loads. --pe-dir DIR takes a prebuilt set
               instead (e.g. bin/Release of a Visual Studio build).
               The packages the app uses (firmware/FlaxGuard.Esp32/packages.config: CoreLibrary, System.Net,
               System.Net.Http, System.Device.Wifi, ...) are deployed as their real .pe files from NuGet: exactly the
               packages.config versions are downloaded by 'dotnet restore' of a throw-away project (one PackageDownload
               each) into ~/.cache/flaxguard/nuget-packages, and each package's lib/<Assembly>.pe is taken.
               Offline, pass --packages-dir DIR (a 'nuget restore' packages folder or a NuGet global packages folder).
               A real flash stops here when a package .pe file is missing: the app would not start without it.
  3. image     assembles the deployment image: every .pe file, each padded with zero bytes to a multiple of 4,
               concatenated: mscorlib.pe first, the other libraries by name, the application (FlaxGuard.Esp32.pe)
               last, as the nanoFramework build does (GenerateBinaryOutputTask). Then prints
                 image N bytes of M bytes deployment area (partition table CHIP SIZE: ..., from nf-interpreter ...)
               where M is the "deploy" partition of nanoFramework's partition table for the target's chip and the
               board's flash size (--flash-size), read from nf-interpreter targets/ESP32/_IDF/<chip>/partitions_nanoclr_*.csv,
               and stops with an error when the image does not fit.
  4. runtime   flashes the nanoFramework firmware:  nanoff --update --target NAME --serialport DEVICE
               Target names changed in 2026 (ESP32_S3_QUAD/ESP32_S3_OCTAL, ESP32_C3); list the current ones with
               --list-targets rather than trusting old guides. PSRAM boards: ESP32_PSRAM_REV0 / ESP32_PSRAM_REV3.
  5. deploy    nanoff --nanodevice --deploy --image IMAGE --serialport DEVICE
               (--nanodevice asks the running firmware where its deployment area starts: no hard-coded address)
  6. provision writes the provisioning file of 'flaxguard agent add' (host URL, appliance id, key, host CA
               certificate) plus the Wi-Fi SSID and password to the device's internal drive as I:\flaxguard.json
               with nanoff's file deployment:  nanoff --filedeployment FILE.json --serialport DEVICE
               The merged file is written mode 0600 in a private temporary folder and deleted afterwards.

Options:
  --list-targets          run nanoff's own list of ESP32 targets (nanoff --listtargets --platform esp32) and stop
  --target NAME           firmware target for step 4 (see --list-targets); its chip picks the partition table of
                          step 3 (so give it with --skip-runtime too, or --deploy-size)
  --port DEVICE           serial port, e.g. /dev/ttyUSB0 (Linux), /dev/cu.usbserial-1420 (macOS)
  --flash-size S          the board's flash: 4MB (default, the smallest table, safe for any board), 8MB or 16MB;
                          'nanoff --platform esp32 --serialport DEVICE --devicedetails' shows it
  --deploy-size BYTES     size of the deployment area instead of the partition table's (decimal or 0x hex), for
                          a custom partition table
  --pe-dir DIR            take prebuilt .pe files from DIR instead of building (package .pe files found there are
                          used when the package folders lack them)
  --packages-dir DIR      take the nanoFramework packages' .pe files from DIR and download nothing; DIR holds
                          <Id>.<Version>/lib/ (nuget restore) or <id>/<version>/lib/ (NuGet global packages folder)
  --app NAME.pe           the application's .pe file (default FlaxGuard.Esp32.pe)
  --provisioning FILE     JSON from 'flaxguard agent add': {hostUrl, applianceId, key, caCertificatePem}
  --ca-cert FILE          PEM of the CA that signed the host's HTTPS certificate, when the provisioning file has
                          none (caCertificatePem); the dongle pins it for every host connection
  --wifi-ssid SSID        Wi-Fi network; the password is read from $FLAXGUARD_WIFI_PASSWORD, from
                          --wifi-password-file FILE, or asked for on the terminal (never taken as an argument,
                          so it stays out of shell history and the process list)
  --wifi-password-file F  file whose first line is the Wi-Fi password
  --ethernet              Ethernet board (ESP32_WT32_ETH01, ESP32_OLIMEX, ...): no Wi-Fi settings
  --skip-runtime          skip step 4 (firmware already flashed)
  --skip-app              skip steps 2, 3 and 5
  --skip-provisioning     skip step 6
  --assemble-only         only step 3 from the .pe files of --pe-dir into --out FILE; with --target or
                          --deploy-size it also checks the image fits
  --out FILE              where --assemble-only writes the image
  --work-dir DIR          folder for the build, the image and the deployment JSON (default: a new private temporary folder)
  --nanoff-syntax S       classic (nanoff 2.x: --update ...), verbs (nanoff 3.x: flash target ...), or auto (default:
                          asks 'nanoff --version'; classic when nanoff is absent)
  --dry-run               touch no board and download nothing: the commands for that are printed, not run. It does
                          build the .pe files, assemble the image in a temporary folder (deleted at the end) and
                          measure it; package .pe files it does not have yet are listed and left out of the figure.
                          Needs no nanoff.
  --help                  this text

Examples:
  ./flash.sh --list-targets
  ./flash.sh --target ESP32_PSRAM_REV3 --port /dev/ttyUSB0 --provisioning dongle1.json --wifi-ssid office
  ./flash.sh --dry-run --target ESP32_PSRAM_REV0 --port /dev/ttyUSB0 --provisioning dongle1.json --wifi-ssid office
  ./flash.sh --target ESP32_C3 --flash-size 4MB --port /dev/ttyACM0 --packages-dir firmware/packages \
             --pe-dir ~/build/FlaxGuard.Esp32/bin/Release --provisioning dongle1.json --wifi-ssid office

Exit codes: 0 done, 1 a step failed, something it needs is missing or the image does not fit (one line says which),
2 bad usage.
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
out="" work_dir="" syntax="auto" flash_size="4MB" deploy_size="" packages_dir=""

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
    --packages-dir) need_value "$@"; packages_dir="$2"; shift ;;
    --flash-size) need_value "$@"; flash_size="$2"; shift ;;
    --deploy-size) need_value "$@"; deploy_size="$2"; shift ;;
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
case "$flash_size" in 4MB|8MB|16MB) ;; *) usage_error "--flash-size must be 4MB, 8MB or 16MB" ;; esac
if [ -n "$deploy_size" ]; then
  case "$deploy_size" in
    0x[0-9A-Fa-f]*) [[ "$deploy_size" =~ ^0x[0-9A-Fa-f]{1,8}$ ]] || usage_error "--deploy-size must be a number of bytes (decimal or 0x hex)" ;;
    *) [[ "$deploy_size" =~ ^[0-9]{1,10}$ ]] || usage_error "--deploy-size must be a number of bytes (decimal or 0x hex)" ;;
  esac
  deploy_size=$(( deploy_size ))
  [ "$deploy_size" -gt 0 ] || usage_error "--deploy-size must be more than 0"
fi

# ---- the deployment area the image must fit -----------------------------------------------------------------------

deploy_bytes="" deploy_source=""
# Sets deploy_bytes and deploy_source (said in the size line) from --deploy-size, or from --target and --flash-size.
resolve_deploy_area() {
  if [ -n "$deploy_size" ]; then
    deploy_bytes="$deploy_size"
    deploy_source="given with --deploy-size, not read from a partition table"
    return 0
  fi
  [ -n "$target" ] || usage_error "--target NAME is needed to size the image against its partition table (also with --skip-runtime), or give --deploy-size BYTES"
  local chip row offset size
  chip="$(chip_of_target "$target")"
  [ -n "$chip" ] || fail "flash.sh does not know which chip target $target is built for, so not its partition table: pass --deploy-size BYTES (the size of the 'deploy' partition of its partitions_nanoclr_*.csv)"
  row="$(printf '%s\n' "$DEPLOY_AREAS" | grep -E "^$chip $flash_size " || true)"
  [ -n "$row" ] || fail "nanoFramework has no $flash_size partition table for $chip (target $target): choose another --flash-size or pass --deploy-size BYTES"
  read -r _ _ offset size <<< "$row"
  deploy_bytes=$(( size ))
  local csv
  csv="partitions_nanoclr_$(printf '%s' "$flash_size" | tr '[:upper:]' '[:lower:]').csv"
  deploy_source="partition table $chip $flash_size: deploy partition $size bytes at $offset, from nf-interpreter targets/ESP32/_IDF/$chip/$csv@$NF_INTERPRETER_COMMIT"
}

# Prints the size line; fails when the image is larger than the deployment area. $2: what the figure leaves out.
check_fits() {
  local bytes="$1" left_out="${2:-}" suffix=""
  if [ -n "$left_out" ]; then suffix="; $left_out"; fi
  note "step 3: image $bytes bytes of $deploy_bytes bytes deployment area ($deploy_source)$suffix"
  if [ "$bytes" -gt "$deploy_bytes" ]; then
    fail "the image ($bytes bytes) does not fit the deployment area ($deploy_bytes bytes, $deploy_source): a board with more flash (--flash-size) or a smaller app is needed"
  fi
}

# ---- step 3 on its own: the deployment image ------------------------------------------------------------------

# The .pe files of DIR in deployment order: mscorlib.pe, the other libraries by name, the application last.
# $3 = 0: a dry run that lacks mscorlib.pe still orders the rest.
ordered_pe_files() {
  local dir="$1" app="$2" require_mscorlib="${3:-1}" file name first=() others=()
  if [ -f "$dir/mscorlib.pe" ]; then first=("mscorlib.pe")
  elif [ "$require_mscorlib" -eq 1 ]; then
    fail "no mscorlib.pe in $dir: the .pe folder must hold every referenced library's .pe (the nanoFramework build copies them to bin/Release)"
  fi
  [ -f "$dir/$app" ] || fail "no $app in $dir: pass the application's .pe with --app NAME.pe"
  while IFS= read -r file; do
    name="$(basename "$file")"
    if [ "$name" != "mscorlib.pe" ] && [ "$name" != "$app" ]; then others+=("$name"); fi
  done < <(find "$dir" -maxdepth 1 -type f -name '*.pe' | LC_ALL=C sort)
  printf '%s\n' ${first[@]+"${first[@]}"} ${others[@]+"${others[@]}"} "$app"
}

image_bytes=0
assemble_image() {
  local dir="$1" app="$2" image="$3" require_mscorlib="${4:-1}" names name size pad total=0 count=0
  names="$(ordered_pe_files "$dir" "$app" "$require_mscorlib")"
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
  image_bytes="$total"
  printf '%s: assembled %s bytes from %s .pe files into %s\n' "$PROGRAM" "$total" "$count" "$image"
}

if [ "$assemble_only" -eq 1 ]; then
  [ -n "$pe_dir" ] || usage_error "--assemble-only needs --pe-dir DIR"
  [ -n "$out" ] || usage_error "--assemble-only needs --out FILE"
  [ -d "$pe_dir" ] || fail "the .pe folder $pe_dir does not exist"
  if [ -n "$target" ] || [ -n "$deploy_size" ]; then resolve_deploy_area; fi
  assemble_image "$pe_dir" "$app_pe" "$out"
  if [ -n "$deploy_bytes" ]; then
    if [ "$image_bytes" -gt "$deploy_bytes" ]; then rm -f "$out"; fi
    check_fits "$image_bytes"
  fi
  exit 0
fi

# ---- the nanoFramework packages the app references ------------------------------------------------------------------

pkg_ids=() pkg_versions=() pkg_assemblies=() pkg_pe=()

# Reads packages.config (id and version of each package) and the assembly each one brings, from the HintPath of
# the .nfproj (..\packages\<Id>.<Version>\lib\<Assembly>.dll): the .pe to deploy is lib/<Assembly>.pe.
read_packages() {
  local line id version hint folder assembly hints=""
  [ -f "$PACKAGES_CONFIG" ] || fail "$PACKAGES_CONFIG is missing: it lists the nanoFramework packages the app needs"
  if [ -f "$APP_PROJECT" ]; then hints="$(sed -n 's:.*<HintPath>\(.*\)</HintPath>.*:\1:p' "$APP_PROJECT" | tr '\134' '/')"; fi
  while IFS= read -r line; do
    id="$(printf '%s' "$line" | sed -n 's/.*[[:space:]]id="\([^"]*\)".*/\1/p')"
    version="$(printf '%s' "$line" | sed -n 's/.*[[:space:]]version="\([^"]*\)".*/\1/p')"
    if [ -z "$id" ] || [ -z "$version" ]; then fail "cannot read the package entry '$line' of $PACKAGES_CONFIG (needs id and version)"; fi
    assembly=""
    while IFS= read -r hint; do
      [ -n "$hint" ] || continue
      folder="${hint%/lib/*}"; folder="${folder##*/}"
      if [ "$folder" = "$id.$version" ]; then assembly="$(basename "$hint" .dll)"; fi
    done <<< "$hints"
    pkg_ids+=("$id") pkg_versions+=("$version") pkg_assemblies+=("$assembly") pkg_pe+=("")
  done < <(grep -o '<package [^>]*>' "$PACKAGES_CONFIG" || true)
  [ "${#pkg_ids[@]}" -gt 0 ] || fail "$PACKAGES_CONFIG lists no packages"
}

is_package_assembly() {
  local name="$1" assembly
  for assembly in "${pkg_assemblies[@]}"; do if [ -n "$assembly" ] && [ "$assembly" = "$name" ]; then return 0; fi; done
  return 1
}

# The package's .pe in a packages folder: <Id>.<Version>/lib (nuget restore) or <id>/<version>/lib (dotnet restore,
# NuGet global packages folder). Without a known assembly name, the one .pe of lib/.
package_pe_in() {
  local dir="$1" id="$2" version="$3" assembly="$4" lower lib found
  lower="$(printf '%s' "$id" | tr '[:upper:]' '[:lower:]')"
  for lib in "$dir/$id.$version/lib" "$dir/$lower/$version/lib"; do
    if [ -n "$assembly" ]; then
      if [ -f "$lib/$assembly.pe" ]; then printf '%s\n' "$lib/$assembly.pe"; return 0; fi
    elif [ -d "$lib" ]; then
      found="$(find "$lib" -maxdepth 1 -type f -name '*.pe')"
      if [ -n "$found" ] && [ "$(printf '%s\n' "$found" | wc -l)" -eq 1 ]; then printf '%s\n' "$found"; return 0; fi
    fi
  done
  return 1
}

gate_corelibrary_version() {
  sed -n 's:.*<PackageVersion Include="nanoFramework.CoreLibrary" Version="\([^"]*\)".*:\1:p' "$ROOT/Directory.Packages.props" 2>/dev/null | head -n 1
}

# Finds each package's .pe: --packages-dir, else the download cache; then a prebuilt --pe-dir (a real nanoFramework
# build copies package .pe files next to the app); mscorlib.pe also from the gate (same CoreLibrary version).
# Never from the gate's --pe-out folder: the .pe of a declaration stand-in is not the package's code.
locate_packages() {
  local i id version assembly path
  for i in "${!pkg_ids[@]}"; do
    id="${pkg_ids[$i]}" version="${pkg_versions[$i]}" assembly="${pkg_assemblies[$i]}"
    pkg_pe[i]=""
    if [ -n "$packages_dir" ]; then
      if path="$(package_pe_in "$packages_dir" "$id" "$version" "$assembly")"; then pkg_pe[i]="$path"; continue; fi
    elif path="$(package_pe_in "$package_cache" "$id" "$version" "$assembly")"; then pkg_pe[i]="$path"; continue; fi
    if [ -n "$pe_dir" ] && [ -n "$assembly" ] && [ -f "$pe_dir/$assembly.pe" ]; then pkg_pe[i]="$pe_dir/$assembly.pe"; continue; fi
    if [ "$id" = "nanoFramework.CoreLibrary" ] && [ -f "$GATE_MSCORLIB_PE" ] && [ "$(gate_corelibrary_version)" = "$version" ]; then
      pkg_pe[i]="$GATE_MSCORLIB_PE"
    fi
  done
}

missing_packages() {
  local i
  for i in "${!pkg_ids[@]}"; do if [ -z "${pkg_pe[$i]}" ]; then printf '%s\n' "$i"; fi; done
}

pe_name_of() {
  local i="$1"
  if [ -n "${pkg_assemblies[$i]}" ]; then printf '%s.pe' "${pkg_assemblies[$i]}"; else printf 'the .pe of %s' "${pkg_ids[$i]}"; fi
}

# Downloads exactly the packages.config packages: a throw-away project with one PackageDownload per package (exact
# version), restored by 'dotnet restore' into the cache folder. The only network traffic of flash.sh.
restore_packages() {
  local folder="$1" project i
  project="$folder/FlaxGuard.NanoPackages.csproj"
  if [ "$dry_run" -eq 0 ]; then command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is needed to download the nanoFramework packages: install the .NET 10 SDK, or pass --packages-dir DIR"; fi
  mkdir -p "$folder"
  # Empty Directory.*.props stop MSBuild from picking up settings of folders above (central package versions...).
  printf '<Project />\n' > "$folder/Directory.Build.props"
  printf '<Project />\n' > "$folder/Directory.Packages.props"
  {
    printf '<Project Sdk="Microsoft.NET.Sdk">\n'
    printf '  <!-- Written by flash.sh to download the nanoFramework packages of packages.config; builds nothing. -->\n'
    printf '  <PropertyGroup>\n    <TargetFramework>netstandard2.0</TargetFramework>\n'
    printf '    <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>\n  </PropertyGroup>\n'
    printf '  <ItemGroup>\n'
    for i in "${!pkg_ids[@]}"; do printf '    <PackageDownload Include="%s" Version="[%s]" />\n' "${pkg_ids[$i]}" "${pkg_versions[$i]}"; done
    printf '  </ItemGroup>\n</Project>\n'
  } > "$project"
  show dotnet restore "$project" --packages "$package_cache"
  if [ "$dry_run" -eq 1 ]; then
    note "dry run: not run; it would download from NuGet into $package_cache:$(for i in $(missing_packages); do printf ' %s %s' "${pkg_ids[$i]}" "${pkg_versions[$i]}"; done)"
    return 0
  fi
  mkdir -p "$package_cache"
  if ! dotnet restore "$project" --packages "$package_cache" >"$folder/restore.log" 2>&1; then
    fail "downloading the nanoFramework packages failed ('dotnet restore', log: $folder/restore.log; it needs https://api.nuget.org): download them where that works and pass --packages-dir DIR"
  fi
}

# ---- step 2: the firmware's own .pe files -------------------------------------------------------------------------

# The one place that knows how the firmware is built: the nanoFramework gate compiles every firmware assembly and
# runs nanoFramework's metadata processor on each, writing <Assembly>.dll and <Assembly>.pe into $1 (plus the
# declaration .dll files it compiled against). Runs in a dry run too: it writes only into $1 and the gate's bin/obj.
build_firmware_pe() {
  local folder="$1"
  command -v dotnet >/dev/null 2>&1 || fail "no .NET SDK (dotnet) here to build the firmware's .pe files: install the .NET 10 SDK (https://dot.net), or build elsewhere and pass --pe-dir DIR"
  rm -rf "$folder"
  mkdir -p "$folder"
  show dotnet run --project "$GATE_PROJECT" -c Release -- --target esp32 --require-mdp --pe-out "$folder"
  if ! dotnet run --project "$GATE_PROJECT" -c Release -- --target esp32 --require-mdp --pe-out "$folder"; then
    fail "building the firmware's .pe files failed (the gate's messages are above): fix the code it names, or build elsewhere and pass --pe-dir DIR"
  fi
  [ -f "$folder/$app_pe" ] || fail "the firmware build wrote no $app_pe into $folder"
}

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
if [ "$skip_app" -eq 0 ]; then
  if [ -n "$pe_dir" ] && [ ! -d "$pe_dir" ]; then fail "the .pe folder $pe_dir does not exist"; fi
  if [ -n "$packages_dir" ] && [ ! -d "$packages_dir" ]; then fail "the packages folder $packages_dir does not exist"; fi
  resolve_deploy_area
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
# A dry run builds and measures the image in its own temporary folder, so the work folder is never created.
scratch="$work_dir"
if [ "$dry_run" -eq 1 ] && [ "$skip_app" -eq 0 ]; then scratch="$(mktemp -d "${TMPDIR:-/tmp}/flaxguard-dry-run.XXXXXX")"; fi
cleanup() {
  if [ "$dry_run" -eq 0 ]; then rm -f "$work_dir/flaxguard.json" "$work_dir/filedeployment.json"
  elif [ "$scratch" != "$work_dir" ]; then rm -rf "$scratch"; fi
}
trap cleanup EXIT
package_cache="${XDG_CACHE_HOME:-$HOME/.cache}/flaxguard/nuget-packages"

if [ "$dry_run" -eq 1 ]; then note "dry run: commands that touch the board or download are printed, not run; the image is built and measured in a temporary folder"; fi
note "nanoff: $nanoff_bin (syntax: $syntax)"

# ---- steps 2 and 3: the image, built and measured before anything touches the board ---------------------------

if [ "$skip_app" -eq 0 ]; then
  read_packages
  if [ -z "$pe_dir" ]; then
    note "step 2: build the firmware's .pe files with the .NET SDK (nanoFramework gate and metadata processor)"
    app_dir="$scratch/pe"
    build_firmware_pe "$app_dir"
  else
    note "step 2: prebuilt .pe files from $pe_dir"
    app_dir="$pe_dir"
  fi
  [ -f "$app_dir/$app_pe" ] || fail "no $app_pe in $app_dir: pass the application's .pe with --app NAME.pe"

  locate_packages
  if [ -n "$(missing_packages)" ] && [ -z "$packages_dir" ]; then
    note "step 2: download the nanoFramework packages of packages.config (their .pe files are deployed with the app)"
    restore_packages "$scratch/restore"
    if [ "$dry_run" -eq 0 ]; then locate_packages; fi
  fi
  note "step 2: nanoFramework packages (firmware/FlaxGuard.Esp32/packages.config):"
  missing_list="" missing_names="" missing_count=0
  for i in "${!pkg_ids[@]}"; do
    if [ -n "${pkg_pe[$i]}" ]; then
      note "  ${pkg_ids[$i]} ${pkg_versions[$i]}: ${pkg_pe[$i]}"
    else
      note "  ${pkg_ids[$i]} ${pkg_versions[$i]}: missing $(pe_name_of "$i")"
      missing_list+="${missing_list:+, }$(pe_name_of "$i") (${pkg_ids[$i]} ${pkg_versions[$i]})"
      missing_names+="${missing_names:+ }$(pe_name_of "$i")"
      missing_count=$(( missing_count + 1 ))
    fi
  done
  if [ "$missing_count" -gt 0 ]; then
    where="the download cache $package_cache"
    if [ -n "$packages_dir" ]; then where="$packages_dir"; fi
    if [ "$dry_run" -eq 0 ]; then
      fail "$missing_count package .pe files are missing from $where: $missing_list; the app would not start without them, so nothing is deployed (pass --packages-dir DIR holding them)"
    fi
    note "step 2: $missing_count package .pe files missing, left out of this dry run's image: $missing_names"
  fi

  # One folder with exactly the .pe files to deploy: the firmware's own (never a declaration stand-in of a package)
  # and each package's real one.
  stage="$scratch/image-pe"
  rm -rf "$stage"
  mkdir -p "$stage"
  while IFS= read -r file; do
    name="$(basename "$file" .pe)"
    if [ "$name" != "mscorlib" ] && ! is_package_assembly "$name"; then cp "$file" "$stage/"; fi
  done < <(find "$app_dir" -maxdepth 1 -type f -name '*.pe' | LC_ALL=C sort)
  for i in "${!pkg_ids[@]}"; do
    if [ -n "${pkg_pe[$i]}" ]; then cp "${pkg_pe[$i]}" "$stage/$(basename "${pkg_pe[$i]}")"; fi
  done
  pe_list="$(ordered_pe_files "$stage" "$app_pe" "$(( 1 - dry_run ))")"
  note "step 3: deployment image $work_dir/flaxguard-esp32.bin from $(printf '%s' "$pe_list" | tr '\n' ' ' | sed 's/ $//')"
  assemble_image "$stage" "$app_pe" "$scratch/flaxguard-esp32.bin" "$(( 1 - dry_run ))" >/dev/null
  if [ "$missing_count" -gt 0 ]; then check_fits "$image_bytes" "the $missing_count missing package .pe files are not counted"
  else check_fits "$image_bytes"; fi
fi

# ---- step 4: runtime --------------------------------------------------------------------------------------------

if [ "$skip_runtime" -eq 0 ]; then
  note "step 4: flash the nanoFramework runtime for $target"
  if [ "$syntax" = "verbs" ]; then run "$nanoff_bin" flash target "$target" serialport "$port"
  else run "$nanoff_bin" --update --target "$target" --serialport "$port"; fi
fi

# ---- step 5: deploy ------------------------------------------------------------------------------------------

if [ "$skip_app" -eq 0 ]; then
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
