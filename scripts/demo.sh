#!/usr/bin/env bash
# The demo: the daemon with its embedded demo configuration against the bundled simulators.
# A short shift is played from a PDA dock; the backend restarts in the middle; at the end the backend's
# reception log is printed for a person. Exit 0 when every scan was accepted and every event arrived.
#   scripts/demo.sh [--keep-running]
set -euo pipefail
cd "$(dirname "$0")/.."

keep_running=false
[[ "${1:-}" == "--keep-running" ]] && keep_running=true

bin=$(swift build --show-bin-path)
work=$(mktemp -d -t spd-demo-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

wait_for() {  # wait_for FILE TEXT: until FILE contains TEXT (readiness, not a fixed sleep), at most 30 s
    for _ in $(seq 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "demo: timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "backend simulator on tcp://127.0.0.1:7400"
"$bin/spd-sim" backend --listen tcp://127.0.0.1:7400 --record "$work/backend.jsonl" \
    --control "$work/backend-control.sock" > "$work/backend.out" 2>&1 &
pids+=($!)
wait_for "$work/backend.out" "listening on"

step "spd-gatewayd --demo (embedded configuration; state in $work/state)"
mkdir -p "$work/state"
"$bin/spd-gatewayd" --demo --state-directory "$work/state" 2> "$work/gateway.log" &
gateway=$!
pids+=($gateway)
wait_for "$work/gateway.log" "connected to backend"
wait_for "$work/gateway.log" "network scanner listening"

step "a nurse at the PDA dock: badge, patient wristband, three UDI labels"
"$bin/spd-sim" pda --connect tcp://127.0.0.1:7410 --interval 100 \
    "BADGE-N0042" \
    "WB-P778812" \
    $'0109506000134352172512311024A001\x1d21SN0001' \
    "+A123BJC5D6E71G" \
    "(01)09506000134352(17)281200(10)D00"

step "the backend restarts; the nurse keeps scanning (events wait in the outbox)"
printf 'restart 1500\n' | socat - "UNIX-CONNECT:$work/backend-control.sock"
"$bin/spd-sim" pda --connect tcp://127.0.0.1:7410 --interval 100 \
    "MA.156.M0.100001.1234567.L2401A.M20240101.V20270101" \
    "]d201095060001343521725123110ABC123"$'\x1d'"21SN0002" \
    "0109506000134353"

step "waiting until the backend has every event"
for _ in $(seq 300); do
    received=$(printf 'stats\n' | socat - "UNIX-CONNECT:$work/backend-control.sock" | sed -n 's/.* unique=\([0-9]*\).*/\1/p')
    [[ "${received:-0}" -ge 8 ]] && break
    sleep 0.1
done

step "spd-gateway status (the operator's view, over the daemon's control socket)"
"$bin/spd-gateway" status --socket "$work/state/control.sock" || true

if $keep_running; then
    step "running; PDA listener tcp://127.0.0.1:7410, backend control $work/backend-control.sock (Ctrl-C stops)"
    echo "live events: $bin/spd-gateway watch --socket $work/state/control.sock"
    wait "$gateway"
fi

step "stopping the gateway (SIGTERM: graceful)"
kill -TERM "$gateway"
wait "$gateway" || { echo "demo: the gateway did not stop cleanly" >&2; exit 1; }

step "what the backend received"
"$bin/spd-sim" report "$work/backend.jsonl"
counts=$("$bin/spd-sim" report --json "$work/backend.jsonl")
unique=$(sed -n 's/.*"unique":\([0-9]*\).*/\1/p' <<<"$counts")
unflagged=$(sed -n 's/.*"unflaggedDuplicates":\([0-9]*\).*/\1/p' <<<"$counts")
if [[ "$unique" -eq 8 && "$unflagged" -eq 0 ]]; then
    printf '\ndemo: OK — 8 scans accepted, 8 events at the backend, none lost, every resend flagged\n'
else
    printf '\ndemo: FAILED — expected 8 unique events, got %s (unflagged duplicates: %s)\n' "$unique" "$unflagged" >&2
    exit 1
fi
