#!/usr/bin/env bash
# Times `flaxguard sweep` against `nmap -sT -Pn -n -T4` as whole processes, on a LAN of real daemons built in
# network namespaces: 198.18.0.0/24 (RFC 2544's benchmarking range), which exists only inside those namespaces.
#   host .11  sshd (22) and BusyBox telnetd (23)      host .12  dnsmasq (53)
#   host .13  apache2 (80)                            host .14  miniupnpd (HTTP on 5000)
#   host .15  nothing listening
# Cases: (a) the default risky-port list on five hosts, (b) 1-1024 on five hosts, (c) 1-65535 on host .11.
# Each case runs both tools RUNS times, alternating (one hyperfine run of each per round), checks that both found the same open ports,
# and prints the medians (wall time, and CPU time user+sys) and the ratio flaxguard/nmap, with the load average
# before and after (the machine may be shared: wall times then follow the load, CPU times much less).
# It first publishes the CLI natively (tests/bench/publish-fast-cli.sh, Native AOT) into $OUT, since a
# whole-process comparison includes start-up, and checks the native binary works beyond `sweep`: `check --json`
# against the apache2 host and `status --json` on an empty data folder must print JSON. (This is where the
# published form is tested: the AOT publish takes minutes, too long for CI.)
# Usage (as root): tests/bench/sweep-vs-nmap.sh [RUNS]      RUNS defaults to 5.
# Installs what it needs from Debian when missing (hyperfine, clang and zlib1g-dev are for this script only: the
# test suite, tests/run-all.sh, needs none of them). SKIP_PUBLISH=1 reuses a binary already in $OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
OUT="${OUT:-artifacts/flaxguard-native}"
PREFIX=fgb
NET=198.18.0
SCAN="$PREFIX-scan"
WORK="$(mktemp -d /tmp/flaxguard-bench-XXXXXX)"
chmod 755 "$WORK"
pids=()

[ "$(id -u)" -eq 0 ] || { echo "run as root: it creates network namespaces" >&2; exit 1; }
bench_packages=(hyperfine clang zlib1g-dev nmap jq bc openssh-server busybox-static dnsmasq apache2 miniupnpd nftables iproute2)
missing=()
for p in "${bench_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  # Keep package scripts from starting the daemons system-wide: this script starts its own.
  policy_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_created=1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ "$policy_created" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
fi
for tool in hyperfine nmap jq sshd busybox dnsmasq apache2 miniupnpd nft ip; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing: $tool (see the header of this script)" >&2; exit 1; }
done

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.3
  for ns in "$SCAN" "$PREFIX-lan" "$PREFIX-h1" "$PREFIX-h2" "$PREFIX-h3" "$PREFIX-h4" "$PREFIX-h5"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== publishing flaxguard (Native AOT) into $OUT"
if [ -z "${SKIP_PUBLISH:-}" ]; then
  tests/bench/publish-fast-cli.sh "$OUT" >"$WORK/publish.log" 2>&1 || { tail -30 "$WORK/publish.log"; exit 1; }
fi
FG="$OUT/flaxguard"
"$FG" --version >/dev/null

echo "== building the LAN"
ip netns add "$PREFIX-lan"
ip -n "$PREFIX-lan" link add br0 type bridge
ip -n "$PREFIX-lan" link set br0 up
ip -n "$PREFIX-lan" link set lo up
attach() { # namespace address
  local ns="$1" addr="$2" tag="${1#"$PREFIX"-}"
  ip netns add "$ns"
  ip link add "v-$tag" type veth peer name "p-$tag"
  ip link set "v-$tag" netns "$ns"
  ip link set "p-$tag" netns "$PREFIX-lan"
  ip -n "$PREFIX-lan" link set "p-$tag" master br0 up
  ip -n "$ns" link set "v-$tag" name eth0
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}
attach "$SCAN" "$NET.2"
for i in 1 2 3 4 5; do attach "$PREFIX-h$i" "$NET.1$i"; done

start() { # namespace command...
  local ns="$1"; shift
  ip netns exec "$ns" "$@" >"$WORK/$ns-$(basename "$1").log" 2>&1 &
  pids+=($!)
}

# h1: sshd and telnetd
ssh-keygen -q -t ed25519 -N "" -f "$WORK/host_ed25519"
cat >"$WORK/sshd_config" <<CONF
Port 22
ListenAddress $NET.11
HostKey $WORK/host_ed25519
PidFile $WORK/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
StrictModes no
CONF
mkdir -p /run/sshd
start "$PREFIX-h1" /usr/sbin/sshd -D -e -f "$WORK/sshd_config"
printf '#!/bin/sh\nprintf "BusyBox v1.19.4 (2016-03-21) built-in shell (ash)\\r\\n\\r\\nIPC login: "\nsleep 5\n' >"$WORK/fake-login"
chmod 755 "$WORK/fake-login"
start "$PREFIX-h1" busybox telnetd -F -p 23 -b "$NET.11" -l "$WORK/fake-login"

# h2: dnsmasq answering for its own name only
start "$PREFIX-h2" dnsmasq -k --no-resolv --no-hosts --listen-address="$NET.12" --bind-interfaces --port=53 \
  --address=/bench.lan/$NET.12 --pid-file="$WORK/dnsmasq.pid" --user=root

# h3: apache2 with its own minimal configuration
mkdir -p "$WORK/www" && echo '<html><title>bench</title></html>' >"$WORK/www/index.html"
mods=/usr/lib/apache2/modules
cat >"$WORK/httpd.conf" <<CONF
ServerRoot $WORK
ServerName bench
Listen $NET.13:80
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
TypesConfig /etc/mime.types
User nobody
Group nogroup
PidFile $WORK/httpd.pid
Mutex file:$WORK default
ErrorLog $WORK/apache-error.log
DocumentRoot $WORK/www
<Directory $WORK/www>
  Require all granted
</Directory>
CONF
start "$PREFIX-h3" apache2 -f "$WORK/httpd.conf" -DFOREGROUND

# h4: miniupnpd (as the UPnP tests set it up: a WAN interface, a blackholed public-looking address, its own nft table)
ip netns exec "$PREFIX-h4" ip link add wan0 type dummy 2>/dev/null \
  || { ip -n "$PREFIX-h4" link add wan0 type veth peer name wan0p; ip -n "$PREFIX-h4" link set wan0p up; }
ip -n "$PREFIX-h4" link set wan0 up
ip -n "$PREFIX-h4" route add blackhole 100.128.77.7/32 2>/dev/null || true
cat >"$WORK/tables.nft" <<'CONF'
table inet fgupnp {
  chain forward {
    type filter hook forward priority 0; policy drop;
    jump miniupnpd
  }
  chain miniupnpd {
  }
  chain prerouting {
    type nat hook prerouting priority -100; policy accept;
    jump prerouting_miniupnpd
  }
  chain postrouting {
    type nat hook postrouting priority 100; policy accept;
    jump postrouting_miniupnpd
  }
  chain prerouting_miniupnpd {
  }
  chain postrouting_miniupnpd {
  }
}
CONF
ip netns exec "$PREFIX-h4" nft -f "$WORK/tables.nft"
cat >"$WORK/miniupnpd.conf" <<CONF
ext_ifname=wan0
ext_ip=100.128.77.7
listening_ip=eth0
http_port=5000
enable_natpmp=no
enable_upnp=yes
secure_mode=no
system_uptime=no
uuid=3ddcd1d3-2380-45f5-b069-3d6fd2f6a7c1
lease_file=$WORK/leases
upnp_table_name=fgupnp
upnp_nat_table_name=fgupnp
upnp_forward_chain=miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
allow 1-65535 0.0.0.0/0 1-65535
deny 0-65535 0.0.0.0/0 0-65535
CONF
start "$PREFIX-h4" miniupnpd -d -f "$WORK/miniupnpd.conf" -P "$WORK/miniupnpd.pid"

# h5: nothing.
wait_port() { # host port
  for _ in $(seq 1 300); do
    ip netns exec "$SCAN" bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no listener on $1:$2; daemon logs:" >&2; tail -n 5 "$WORK"/*.log >&2; exit 1
}
wait_port "$NET.11" 22; wait_port "$NET.11" 23; wait_port "$NET.12" 53; wait_port "$NET.13" 80; wait_port "$NET.14" 5000

FIVE="$NET.11 $NET.12 $NET.13 $NET.14 $NET.15"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== the native binary beyond sweep"
ip netns exec "$SCAN" "$FG" check "$NET.13" --ports 80 --json >"$WORK/check.json" || true
jq -e '.target and .status and (.facts | length > 0)' "$WORK/check.json" >/dev/null \
  || { echo "native 'check --json' printed no result:" >&2; head -20 "$WORK/check.json" >&2; exit 1; }
mkdir -p "$WORK/empty-data"
"$FG" status --json --data-dir "$WORK/empty-data" >"$WORK/status.json" || true
jq -e '.state == "UNKNOWN" and (.devices | length == 0)' "$WORK/status.json" >/dev/null \
  || { echo "native 'status --json' printed no result:" >&2; head -20 "$WORK/status.json" >&2; exit 1; }
# The store (SQLite, source-generated JSON columns) and the provisioning file, through enrolment and status.
"$FG" agent add bench-agent --host-url http://127.0.0.1:8443 --out "$WORK/bench-agent.json" --data-dir "$WORK/data" >/dev/null
jq -e '.format and .applianceId and .key' "$WORK/bench-agent.json" >/dev/null || { echo "native 'agent add' wrote no provisioning file" >&2; exit 1; }
"$FG" device add bench-web --address "$NET.13" --profile web --data-dir "$WORK/data" >/dev/null
"$FG" status --json --data-dir "$WORK/data" >"$WORK/status2.json" || true
jq -e '(.devices | length == 1) and .devices[0].name == "bench-web"' "$WORK/status2.json" >/dev/null \
  || { echo "native 'status --json' over a store:" >&2; head -20 "$WORK/status2.json" >&2; exit 1; }
echo "check --json, status --json (empty and enrolled), agent add and device add work natively"
# The default risky-port list, read from the engine's table so both tools get the same ports.
RISKY="$(grep -o 'new RiskyPort([0-9]*' firmware/families/Exposure/RiskyPorts.cs | grep -o '[0-9]*$' | paste -sd, -)"

# Open ports as "host:port" lines, sorted, from each tool.
# (flaxguard's exit code says how bad the findings are: 2 when telnet is open, so it is not a failure here.)
fg_open() { { ip netns exec "$SCAN" "$FG" sweep $1 --ports "$2" --json || true; } | jq -r '.hosts[] | .host as $h | .facts[] | select(.value == "open") | "\($h):\(.key | ltrimstr("net.tcp."))"' | sort; }
nmap_open() { ip netns exec "$SCAN" nmap -sT -Pn -n -T4 -p "$2" -oG - $1 | awk '/Ports:/ { host=$2; for (i=1;i<=NF;i++) if ($i ~ /\/open\//) { split($i, f, "/"); gsub(/[ ,]/, "", f[1]); print host ":" f[1] } }' | sort; }

results=()
run_case() { # name hosts ports
  local name="$1" hosts="$2" ports="$3"
  echo "== case $name: ports $(echo "$ports" | cut -c1-40) on $(echo $hosts | wc -w) host(s)"
  fg_open "$hosts" "$ports" >"$WORK/fg.txt"
  nmap_open "$hosts" "$ports" >"$WORK/nmap.txt"
  if ! diff -u "$WORK/nmap.txt" "$WORK/fg.txt"; then echo "case $name: open ports differ (nmap -, flaxguard +)" >&2; exit 1; fi
  echo "open ports (identical): $(paste -sd' ' "$WORK/fg.txt")"
  # Alternating: each round runs flaxguard then nmap once; the medians are over the rounds.
  for round in $(seq 1 "$RUNS"); do
    hyperfine --style none --runs 1 -N -i --export-json "$WORK/$name-$round.json" \
      -n flaxguard "ip netns exec $SCAN $FG sweep $hosts --ports $ports --json" \
      -n nmap "ip netns exec $SCAN nmap -sT -Pn -n -T4 -p $ports -oG - $hosts" >/dev/null
  done
  local fg nm fgcpu nmcpu
  median() { jq -s "[.[].results[] | select(.command == \"$1\") | $2] | sort | .[length/2|floor] * 1000" "$WORK/$name"-*.json; }
  fg=$(median flaxguard .mean); nm=$(median nmap .mean)
  fgcpu=$(median flaxguard '(.user + .system)'); nmcpu=$(median nmap '(.user + .system)')
  results+=("$(printf '%-4s flaxguard %8.0f ms   nmap %8.0f ms   ratio %.2f   (CPU user+sys: %.0f ms vs %.0f ms)' "$name" "$fg" "$nm" "$(echo "$fg / $nm" | bc -l)" "$fgcpu" "$nmcpu")")
  echo "${results[-1]}"
}

run_case a "$FIVE" "$RISKY"
run_case b "$FIVE" "1-1024"
run_case c "$NET.11" "1-65535"

echo "== flaxguard --version"
hyperfine --style basic --runs 10 --warmup 2 -N "$FG --version" --export-json "$WORK/version.json" >/dev/null
printf 'flaxguard --version median %.1f ms\n' "$(jq '.results[0].median * 1000' "$WORK/version.json")"
echo "== medians over $RUNS alternating runs (ratio = flaxguard / nmap; target <= 1.0)"
echo "load average (1, 5, 15 min): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after, on $(nproc) CPUs"
printf '%s\n' "${results[@]}"
