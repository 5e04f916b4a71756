#!/usr/bin/env bash
# Soak test: the release build of closecodes on a free loopback port, driven by
# wrk over a fixed mix of URLs (half identity, half "Accept-Encoding: br, gzip")
# for MINUTES, in consecutive slices. After each slice it prints the requests,
# req/s, p99 latency, non-2xx/3xx answers, socket errors and the server's RSS;
# at the end a summary. Exits non-zero if any request failed or the server
# died.
#
# Needs wrk (Debian: apt-get install wrk) and curl.
# Usage: reliability/soak.sh [MINUTES] [CONNECTIONS]
#   SOAK_SLICE_SECONDS (default 30) sets the length of a slice.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/helpers/server.sh

minutes=${1:-10}
connections=${2:-32}
slice=${SOAK_SLICE_SECONDS:-30}
threads=2
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 ]] || { echo "MINUTES must be a whole number >= 1" >&2; exit 2; }
[[ "$connections" =~ ^[0-9]+$ && "$connections" -ge "$threads" ]] || { echo "CONNECTIONS must be a number >= $threads" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }

cargo build --release --locked --quiet
binary=${CARGO_TARGET_DIR:-target}/release/closecodes

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# No line per request: closecodes' own startup lines, and any warning or error.
RUST_LOG=warn,closecodes=info "$binary" --bind 127.0.0.1:0 >"$work/server.log" 2>&1 &
server=$!
base=$(server_address "$work/server.log" "$server")

# The mix: pages in both languages, comparisons, search, embeds, API answers,
# lookups, assets (plain and fingerprinted), a redirect, the sitemap.
asset=$(curl -fsS "$base/" | grep -o '/static/style\.[0-9a-f]*\.css' | head -n1)
paths=(
  / /vi/ /vi /websocket/1009 /vi/websocket/1009 /websocket/1000 /websocket/1006
  /websocket/1011 /discord-gateway/4004 /websocket/1009-vs-1012 /vi/websocket/1001-vs-1012
  "/search?q=1009" "/vi/search?q=thong+diep" /embed/websocket/1009 /badge/websocket/1009.svg
  /websocket/1009.md /problems/not-found /robots.txt /sitemap.xml /healthz
  /api/v1/families "/api/v1/families?lang=vi" /api/v1/families/websocket
  /api/v1/families/websocket/codes/1009 "/api/v1/families/websocket/codes/1009?lang=vi"
  /api/v1/families/websocket/compare/1001/1012 /api/v1/lookup/4004 /api/v1/lookup/1006
  "/api/v1/search?q=1009" "/api/v1/search?q=4004&lang=vi" /api/v1/openapi.json
  "/oembed?url=http://127.0.0.1/websocket/1009&format=json" /static/style.css "$asset"
)
for path in "${paths[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  [[ "$status" == 2* || "$status" == 3* ]] || { echo "the mix has $path, which answers $status" >&2; exit 1; }
  printf 'identity\t%s\nbr, gzip\t%s\n' "$path" "$path"
done > "$work/urls.tsv"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0; }
to_ms() { # wrk latency (512.00us, 1.20ms, 1.01s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

total_seconds=$(( minutes * 60 ))
echo "soak: closecodes $("$binary" --version | cut -d' ' -f2) at $base, pid $server;" \
  "$(wc -l < "$work/urls.tsv") requests in the mix, $connections connections, $threads wrk threads," \
  "${minutes} min in ${slice} s slices"
echo "RSS at start: $(rss_kb) kB"
printf "%8s %10s %9s %8s %9s %9s %10s\n" elapsed requests "req/s" "p99 ms" "non-2xx" "sock-err" "RSS kB"

elapsed=0 total_requests=0 total_errors=0 died=0
rss_first="" rss_last=0 rss_min="" rss_max=0
while [ "$elapsed" -lt "$total_seconds" ]; do
  length=$(( total_seconds - elapsed < slice ? total_seconds - elapsed : slice ))
  SOAK_URLS="$work/urls.tsv" wrk -t"$threads" -c"$connections" -d"${length}s" --timeout 5s --latency \
    -s reliability/soak.lua "$base" > "$work/wrk.txt" 2>&1 || true
  elapsed=$(( elapsed + length ))
  requests=$(awk '/ requests in / {print $1}' "$work/wrk.txt")
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$work/wrk.txt")
  sockets=$(awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n + 0 }' "$work/wrk.txt")
  if [ -z "$requests" ]; then
    echo "wrk gave no result:"; cat "$work/wrk.txt"; total_errors=$(( total_errors + 1 )); requests=0
  fi
  bad=${bad:-0} sockets=${sockets:-0}
  if kill -0 "$server" 2>/dev/null && curl -fsS -o /dev/null --max-time 5 "$base/healthz"; then
    rss=$(rss_kb)
  else
    rss=0 died=1
  fi
  printf "%7ss %10s %9s %8s %9s %9s %10s\n" "$elapsed" "$requests" "${rps:-0}" "$(to_ms "${p99:-0us}")" "$bad" "$sockets" "$rss"
  total_requests=$(( total_requests + requests ))
  total_errors=$(( total_errors + bad + sockets ))
  if [ "$died" = 1 ]; then echo "the server is gone or not answering /healthz"; break; fi
  rss_first=${rss_first:-$rss} rss_last=$rss rss_min=${rss_min:-$rss}
  [ "$rss" -lt "$rss_min" ] && rss_min=$rss
  [ "$rss" -gt "$rss_max" ] && rss_max=$rss
done

echo
echo "total: $total_requests requests in ${elapsed} s, $total_errors errors (non-2xx/3xx + socket errors)"
if [ -n "$rss_first" ]; then
  growth=$(( rss_last - rss_first ))
  echo "RSS after each slice (kB): min $rss_min, max $rss_max, first $rss_first, last $rss_last;" \
    "growth first->last $growth kB ($(awk -v g="$growth" -v f="$rss_first" 'BEGIN { printf "%+.1f", 100 * g / f }')%)"
fi
if grep -qE ' (WARN|ERROR) ' "$work/server.log"; then
  echo "server warnings/errors (first 10):"; grep -E ' (WARN|ERROR) ' "$work/server.log" | head -n 10
fi
if [ "$died" = 1 ]; then
  echo "FAIL: the server died"; tail -n 20 "$work/server.log"; exit 1
fi
if [ "$total_errors" -gt 0 ]; then
  echo "FAIL: $total_errors errors"; exit 1
fi
echo "OK"
