# Sourced by the benchmark scripts: a release build, a work directory removed
# on exit with the servers started in it, and nginx serving a fresh
# `closecodes export` of the site with every request logged.

cargo build --release --locked --quiet
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -f "$work/site/nginx.pid" ] && kill -TERM "$(cat "$work/site/nginx.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT

# Usage: start_nginx_on_export PORT WORKERS [closecodes export flags...]
start_nginx_on_export() {
  local port=$1 workers=$2
  shift 2
  target/release/closecodes export "$work/site" "$@" >/dev/null
  sed -i "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$port;/; s/worker_processes auto;/worker_processes $workers;/; s|access_log /dev/stdout;|access_log $work/nginx-access.log;|" "$work/site/nginx.conf"
  nginx -p "$work/site" -c nginx.conf 2>/dev/null
}

# Usage: start_closecodes PORT [closecodes flags...]: the release build on
# 127.0.0.1:PORT, its pid in $server, back once it answers /healthz.
start_closecodes() {
  local port=$1
  shift
  target/release/closecodes --bind "127.0.0.1:$port" "$@" >"$work/closecodes.log" 2>&1 &
  server=$!
  for _ in $(seq 5000); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return
    sleep 0.002
  done
}

# Usage: wrk_figures FILE: req/s, p50 and p99 from a `wrk --latency` report.
wrk_figures() {
  awk '/^Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} END {print rps, p50, p99}' "$1"
}
