#!/usr/bin/env bash
# The demo: the daemon with its embedded demo configuration against the bundled simulators — a backend, a
# smart cabinet (Modbus TCP), a keyboard-wedge scanner at the cabinet and a serial scanner at a dock — playing a
# short shift. A nurse badges in at the cabinet, takes items and scans the patient's wristband; at the dock she
# scans another patient's items, returns one, and the dock scanner is unplugged and replugged; the backend
# restarts in the middle. At the end the backend's reception log is printed for a person.
# Exit 0 when every event the gateway committed reached the backend and every resend was flagged.
#   scripts/demo.sh [--keep-running]
set -euo pipefail
cd "$(dirname "$0")/.."

keep_running=false
[[ "${1:-}" == "--keep-running" ]] && keep_running=true

bin=$(swift build --show-bin-path)
demo=Simulators/demo
devices=/tmp/spd-gateway-demo     # the stand-in device nodes named in the embedded demo configuration
work=$(mktemp -d -t spd-demo-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work" "$devices"
}
trap cleanup EXIT

wait_for() {  # wait_for FILE TEXT [SECONDS]: until FILE contains TEXT (readiness, not a fixed sleep)
    for _ in $(seq $((${3:-30} * 10))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "demo: timed out waiting for '$2' in $1" >&2; tail -20 "$1" >&2; exit 1
}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

status_json() { "$bin/spd-gateway" status --json --socket "$work/state/control.sock" 2>/dev/null || true; }

step "backend simulator on tcp://127.0.0.1:7400"
"$bin/spd-sim" backend --listen tcp://127.0.0.1:7400 --record "$work/backend.jsonl" \
    --control "$work/backend-control.sock" > "$work/backend.out" 2>&1 &
pids+=($!)
wait_for "$work/backend.out" "listening on"

step "cabinet simulator on tcp://127.0.0.1:7502 (door and lock: unit 1; scales: unit 2, 4 bins of 20 items)"
"$bin/spd-sim" cabinet --tcp 127.0.0.1:7502 --unit 1:io-8:1 --unit 2:weight-16:4 --unit-grams 12.5 \
    --scenario "$demo/cabinet.scenario" --control "$work/cabinet-control.sock" > "$work/cabinet.out" 2>&1 &
pids+=($!)
wait_for "$work/cabinet.out" "listening on"

step "catalogue: spd-gateway cache import $demo/catalogue.csv"
mkdir -p "$work/state" "$devices"
"$bin/spd-gateway" cache import "$demo/catalogue.csv" --db "$work/state/cache.sqlite"

step "scanners: a keyboard wedge at the cabinet, a serial scanner at the dock ($devices)"
"$bin/spd-sim" scanner --path "$devices/cabinet-scanner" --scenario "$demo/cabinet-scanner.json" \
    > "$work/cabinet-scanner.out" 2>&1 &
pids+=($!)
"$bin/spd-sim" scanner --path "$devices/dock-scanner" --scenario "$demo/dock-scanner.json" \
    > "$work/dock-scanner.out" 2>&1 &
pids+=($!)

step "spd-gatewayd --demo (embedded configuration: spd-gatewayd --print-demo-config; state in $work/state)"
"$bin/spd-gatewayd" --demo --state-directory "$work/state" 2> "$work/gateway.log" &
gateway=$!
pids+=($gateway)
wait_for "$work/gateway.log" "connected to backend"
wait_for "$work/gateway.log" "network scanner listening"
echo "live events meanwhile: $bin/spd-gateway watch --socket $work/state/control.sock"

step "at the cabinet: badge B12345, unlock, door opens, items taken and put back, wristband, door closes"
wait_for "$work/cabinet.out" "scenario done" 60

step "the backend restarts while the dock is busy (events wait in the outbox)"
printf 'restart 1500\n' | socat - "UNIX-CONNECT:$work/backend-control.sock"

step "a PDA in the corridor sends two scans over the network"
"$bin/spd-sim" pda --connect tcp://127.0.0.1:7410 --interval 100 \
    "+A123BJC5D6E71G" "MA.156.M0.100001.1234567.L2401A.M20240101.V20270101"

step "at the dock: badge, wristband, items (a double read, a re-scan), return mode, the scanner unplugged and replugged"
wait_for "$work/dock-scanner.out" "scenario done" 60
wait_for "$work/cabinet-scanner.out" "scenario done" 60

step "waiting until the backend has acknowledged every event and the cabinet session is closed"
committed=0
for _ in $(seq 300); do
    read -r depth sessions state committed < <(status_json | python3 -c '
import json, sys
try:
    s = json.load(sys.stdin)["status"]
    cabinets = [x for x in s["sessions"] if x["kind"] == "cabinet"]
    print(s["outbox"]["depth"], len(cabinets), s["backend"]["state"], s["outbox"]["next_seq"] - 1)
except Exception:
    print(-1, -1, "unknown", 0)') || true
    [[ "$depth" == 0 && "$sessions" == 0 && "$state" == connected ]] && break
    sleep 0.1
done

step "spd-gateway status (the operator's view, over the daemon's control socket)"
"$bin/spd-gateway" status --socket "$work/state/control.sock" || true

if $keep_running; then
    step "running; backend control $work/backend-control.sock, cabinet control $work/cabinet-control.sock (Ctrl-C stops)"
    wait "$gateway"
fi

step "stopping the gateway (SIGTERM: graceful)"
kill -TERM "$gateway"
wait "$gateway" || { echo "demo: the gateway did not stop cleanly" >&2; exit 1; }

step "what the backend received"
"$bin/spd-sim" report "$work/backend.jsonl"
counts=$("$bin/spd-sim" report --json "$work/backend.jsonl")
read -r unique unflagged consumes returns < <(python3 -c '
import json, sys
c = json.loads(sys.argv[1])
print(c["unique"], c["unflaggedDuplicates"], c["byType"].get("consume", 0), c["byType"].get("return", 0))' "$counts")
if [[ "$unique" -eq "$committed" && "$committed" -gt 0 && "$unflagged" -eq 0 && "$consumes" -gt 0 && "$returns" -gt 0 ]]; then
    printf '\ndemo: OK — the gateway committed %s events, the backend has all %s (%s consume, %s return), none lost, every resend flagged\n' \
        "$committed" "$unique" "$consumes" "$returns"
else
    printf '\ndemo: FAILED — committed %s, backend has %s unique (unflagged duplicates %s, consume %s, return %s)\n' \
        "$committed" "$unique" "$unflagged" "$consumes" "$returns" >&2
    echo "gateway log:" >&2; tail -30 "$work/gateway.log" >&2
    exit 1
fi
