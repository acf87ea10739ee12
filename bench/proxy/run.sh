#!/usr/bin/env bash
# Inference proxy benchmark: our ReverseProxy against nginx, both in front of the same upstream.
#
#   ninja -C build aiops-proxy-bench-server     # this script builds nothing
#   bench/proxy/run.sh build [DURATION] [CONNECTIONS] [THREADS]     (defaults: 10s 32 2)
#
# Needs /usr/sbin/nginx and wrk (scripts/install-deps --test). Starts, on free loopback ports and under a temp
# prefix (no root needed):
#   upstream  nginx, one worker, `return 200` with a small JSON body, keep-alive
#   nginx     nginx, one worker, proxy_pass to the upstream with an upstream keepalive pool
#   ours      aiops-proxy-bench-server (one thread) routing everything to the upstream
#   chain     two aiops-proxy-bench-server, one in front of the other (controller -> node daemon hop)
# then runs the same wrk load against each and prints requests/s, p50/p99 latency, the ours/nginx throughput
# ratio and the p50/p99 each proxy adds over going to the upstream directly. Both proxies get one worker so
# they compare like for like; nothing is pinned, so on a small machine wrk and the servers share cores.
set -euo pipefail

build=${1:?usage: run.sh BUILD_DIR [DURATION] [CONNECTIONS] [THREADS]}
duration=${2:-10s}
connections=${3:-32}
threads=${4:-2}
server="$build/bench/proxy/aiops-proxy-bench-server"
nginx=${NGINX:-/usr/sbin/nginx}
for tool in "$server" "$nginx" "$(command -v wrk || true)"; do
  if [[ -z "$tool" || ! -x "$tool" ]]; then
    echo "missing: ${tool:-wrk} (build aiops-proxy-bench-server; install nginx and wrk)" >&2
    exit 2
  fi
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for conf in "$work"/*.conf; do
    [[ -e "$conf" ]] && "$nginx" -p "$work" -c "$conf" -s stop 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "nothing listens on $1" >&2
  exit 1
}

user_line=""
if [[ $(id -u) -eq 0 ]]; then user_line="user root;"; fi

nginx_conf() { # name port server-block
  cat >"$work/$1.conf" <<EOF
$user_line
worker_processes 1;
daemon on;
pid $work/$1.pid;
error_log $work/$1.error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/$1.body;
  proxy_temp_path $work/$1.proxy;
  fastcgi_temp_path $work/$1.fastcgi;
  uwsgi_temp_path $work/$1.uwsgi;
  scgi_temp_path $work/$1.scgi;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  $3
}
EOF
  "$nginx" -p "$work" -c "$work/$1.conf"
  wait_port "$2"
}

up_port=$(free_port)
nginx_port=$(free_port)
ours_port=$(free_port)
chain_port=$(free_port)

nginx_conf upstream "$up_port" "server {
    listen 127.0.0.1:$up_port;
    location / { default_type application/json; return 200 '{\"object\":\"list\",\"data\":[{\"id\":\"qwen\",\"object\":\"model\"}]}'; }
  }"
nginx_conf proxy "$nginx_port" "upstream backend { server 127.0.0.1:$up_port; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }"

# The Qt event dispatcher without glib: the plain poll loop is the faster one for a socket server.
export QT_NO_GLIB=1
"$server" --port "$ours_port" --upstream "127.0.0.1:$up_port" >"$work/ours.log" 2>&1 &
pids+=($!)
"$server" --port "$chain_port" --upstream "127.0.0.1:$ours_port" >"$work/chain.log" 2>&1 &
pids+=($!)
wait_port "$ours_port"
wait_port "$chain_port"

path=/v1/models
# us for wrk's latency figures ("245.12us", "1.20ms", "1.01s")
to_us() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") f = 1; else if (u == "ms") f = 1000; else if (u == "s") f = 1000000; else if (u == "m") f = 60000000; else f = 1;
    printf "%.1f", n * f }'
}

declare -A rps p50 p99
run() { # name port
  curl -fsS -o /dev/null "http://127.0.0.1:$2$path" # fails the bench if the route is broken
  wrk -t"$threads" -c"$connections" -d2s "http://127.0.0.1:$2$path" >/dev/null # warm-up
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$2$path")
  if grep -q "Non-2xx" <<<"$out"; then
    echo "$1: non-2xx responses" >&2
    echo "$out" >&2
    exit 1
  fi
  rps[$1]=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50[$1]=$(to_us "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99[$1]=$(to_us "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
}

run direct "$up_port"
run nginx "$nginx_port"
run ours "$ours_port"
run chain "$chain_port"

echo "wrk -t$threads -c$connections -d$duration, GET $path, $(nproc) cores, nothing pinned"
printf '%-8s %12s %10s %10s %14s %14s\n' target req/s p50_us p99_us added_p50_us added_p99_us
for name in direct nginx ours chain; do
  printf '%-8s %12.0f %10.1f %10.1f %14.1f %14.1f\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" \
    "$(awk -v a="${p50[$name]}" -v b="${p50[direct]}" 'BEGIN { print a - b }')" \
    "$(awk -v a="${p99[$name]}" -v b="${p99[direct]}" 'BEGIN { print a - b }')"
done
awk -v o="${rps[ours]}" -v n="${rps[nginx]}" 'BEGIN { printf "throughput ours/nginx: %.2f\n", o / n }'
