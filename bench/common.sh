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
