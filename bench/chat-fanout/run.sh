#!/usr/bin/env bash
# Chat fan-out benchmark: the controller's /ws/system conversation rooms against Socket.io 4.
#
#   ninja -C build chat-fanout-bench          # this script builds nothing (also builds the scripted agent)
#   bench/chat-fanout/run.sh build [CLIENTS] [TURNS] [DELTAS] [WINDOW]     (defaults: 50 2000 8 8)
#
# Both sides run the same scenario: CLIENTS users join one conversation room; one of them sends TURNS
# user messages (plus TURNS/10 unmeasured warm-up turns) with at most WINDOW turns in flight; a
# scripted agent (a bench double, no LLM) answers each with DELTAS agent.messageDelta frames and one
# agent.message; the server broadcasts the user message and every agent frame to the room.
#   ours       the controller (chat-fanout-bench --serve: in-process controller on its own thread) with
#              the agent aiops-bench-scripted-agent (own process) on /ws/agent; the clients are
#              fanout_client.js --protocol aiops (node, ws). The whole product path: PII + guardrails,
#              SQLite writes of both messages (write-behind batches), the history per user message
#              (kept in memory, read from SQLite on a miss). The per-connection rate limits are lifted.
#   socket.io  socketio_server.js (one node process) + socketio_agent.js (own process) +
#              fanout_client.js --protocol socket.io; fan-out only, nothing stored.
#   ours-qt    chat-fanout-bench on its own: the same controller, QWebSocket clients on the bench's main
#              thread (one process; shown for reference, the ratio uses "ours").
# Both node client sets run the same driver on the same WebSocket engine (ws), so only the server differs.
# Prints room frames delivered per second (summed over clients), turns per second, p50/p99 latency of
# the agent frames (receive time minus the send time of the user message answered), the CPU seconds
# the server process spent while measuring (ours: the whole bench process, controller thread and
# helpers; not the agent) and frames per server CPU-second, and the ratios ours/socket.io.
# Nothing is pinned: on a small machine server, agent and clients share the cores.
set -euo pipefail

build=${1:?usage: run.sh BUILD_DIR [CLIENTS] [TURNS] [DELTAS] [WINDOW]}
clients=${2:-50}
turns=${3:-2000}
deltas=${4:-8}
window=${5:-8}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/bench/chat-fanout/chat-fanout-bench"
for tool in "$bench" "$build/bench/chat-fanout/aiops-bench-scripted-agent" "$(command -v node || true)"; do
  if [[ -z "$tool" || ! -x "$tool" ]]; then
    echo "missing: ${tool:-node} (ninja -C $build chat-fanout-bench; install nodejs 20)" >&2
    exit 2
  fi
done

# socket.io and socket.io-client, pinned in package-lock.json; the npm cache serves it offline.
stamp="$here/node_modules/.aiops-installed"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --prefer-offline >/dev/null) || {
    echo "npm ci failed in $here (no registry and nothing cached?)" >&2
    exit 2
  }
  touch "$stamp"
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

common=(--clients "$clients" --turns "$turns" --window "$window" --deltas "$deltas")
export AIOPS_BENCH_DELTAS=$deltas
# The Qt event dispatcher without glib: the plain poll loop is the faster one for a socket server.
export QT_NO_GLIB=1

declare -A result
run_ours() {
  exec 3> >(exec "$bench" --serve --deltas "$deltas" >"$work/serve.log" 2>&1)
  local serve=$!
  for _ in $(seq 600); do grep -q '^SERVE ' "$work/serve.log" && break; sleep 0.05; done
  local line
  line=$(grep '^SERVE ' "$work/serve.log") || {
    echo "chat-fanout-bench --serve did not start:" >&2
    cat "$work/serve.log" >&2
    exit 1
  }
  local agent
  agent=$(pgrep -P "$serve" | head -1) # the scripted agent, the controller's child
  node "$here/fanout_client.js" --protocol aiops --side ours --url "$(field "$line" url)" \
    --token "$(field "$line" token)" --agent "$(field "$line" agent)" --server-pid "$serve" --agent-pid "$agent" \
    "${common[@]}" | tee "$work/ours.out" >&2
  exec 3>&- # stdin closes: the controller stops
  result[ours]=$(grep '^RESULT ' "$work/ours.out")
  wait "$serve" 2>/dev/null || true
}

run_ours_qt() {
  "$bench" "${common[@]}" 2>&1 | tee "$work/ours-qt.out" >&2
  result[ours-qt]=$(grep '^RESULT ' "$work/ours-qt.out")
}

run_socketio() {
  node "$here/socketio_server.js" 0 >"$work/sio.log" 2>&1 &
  local server=$!
  pids+=("$server")
  for _ in $(seq 200); do grep -q '^listening ' "$work/sio.log" && break; sleep 0.05; done
  local port
  port=$(awk '/^listening / { print $2 }' "$work/sio.log")
  [[ -n "$port" ]] || { echo "socketio_server.js did not start:" >&2; cat "$work/sio.log" >&2; exit 1; }
  node "$here/socketio_agent.js" "http://127.0.0.1:$port" >"$work/agent.log" 2>&1 &
  local agent=$!
  pids+=("$agent")
  for _ in $(seq 200); do grep -q '^registered' "$work/agent.log" && break; sleep 0.05; done
  sleep 0.2 # the register event is on its way to the server
  node "$here/fanout_client.js" --protocol socket.io --url "http://127.0.0.1:$port" --server-pid "$server" \
    --agent-pid "$agent" "${common[@]}" \
    | tee "$work/sio.out" >&2
  result[socket.io]=$(grep '^RESULT ' "$work/sio.out")
  kill "$agent" "$server" 2>/dev/null || true
}

field() { # result-line name
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

run_socketio
run_ours
run_ours_qt

echo "chat fan-out: $clients clients in one room, $turns turns (+$((turns / 10)) warm-up)," \
  "$deltas deltas + 1 message per turn, window $window, $(nproc) cores, nothing pinned"
printf '%-10s %12s %10s %10s %10s %8s %12s %14s\n' side frames/s turns/s p50_us p99_us B/frame server_cpu_s frames/cpu_s
for side in ours socket.io ours-qt; do
  line=${result[$side]}
  printf '%-10s %12s %10s %10s %10s %8s %12s %14s\n' "$side" "$(field "$line" frames_per_s)" \
    "$(field "$line" turns_per_s)" "$(field "$line" p50_us)" "$(field "$line" p99_us)" \
    "$(field "$line" bytes_per_frame)" \
    "$(field "$line" server_cpu_s)" "$(field "$line" frames_per_server_cpu_s)"
done
awk -v o="$(field "${result[ours]}" frames_per_s)" -v s="$(field "${result[socket.io]}" frames_per_s)" \
  'BEGIN { printf "fan-out ratio ours/socket.io: %.2fx (goal >= 5x)\n", o / s }'
# The same per CPU-second of the server process: less disturbed by whatever else runs on the machine.
awk -v o="$(field "${result[ours]}" frames_per_server_cpu_s)" \
  -v s="$(field "${result[socket.io]}" frames_per_server_cpu_s)" \
  'BEGIN { printf "frames per server CPU-second ours/socket.io: %.2fx\n", o / s }'
