#!/usr/bin/env bash
# One question three ways, on loopback, same concurrency: an MCP tools/call
# at closecodes' /mcp, the same answer from closecodes' JSON API, and nginx
# serving that API answer's bytes from a `closecodes export`. Prints req/s
# and p50/p99 for each, the ratios, and closecodes' RSS after the load.
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light).
# Usage: bench/mcp.sh [SECONDS_PER_RUN] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
# Under /mcp's bound of 64 requests at once, or the excess is 503s.
connections=${2:-32}
threads=2
closecodes_port=18183
nginx_port=18184
# A question whose API answer the export holds (lookups of all 65,536
# numbers are not exported).
call='{"name":"compare_close_codes","arguments":{"family":"websocket","a":1001,"b":1012}}'
# Stateless Streamable HTTP: a tools/call needs no initialize first. One
# request for curl's check and wrk's load (bench/mcp.lua posts it).
export BENCH_MCP_BODY="{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":$call}"
mcp_headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
  -H 'MCP-Protocol-Version: 2025-11-25')
api="/api/v1/families/websocket/compare/1001/1012"

source bench/common.sh
start_nginx_on_export "$nginx_port" "$threads"
start_closecodes "$closecodes_port"

# The tool's structured content is the API's answer: check before timing it.
mcp_answer=$(curl -sf "http://127.0.0.1:$closecodes_port/mcp" "${mcp_headers[@]}" -d "$BENCH_MCP_BODY")
python3 - "$mcp_answer" "$(curl -sf "http://127.0.0.1:$closecodes_port$api")" <<'PY'
import json, sys
structured = json.loads(sys.argv[1])["result"]["structuredContent"]
assert structured == json.loads(sys.argv[2]), "the tool and the API disagree"
PY

run() { # label url [wrk flags...]
  local label=$1 url=$2
  shift 2
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$url" > "$work/run.txt"
  if grep -q "Non-2xx" "$work/run.txt"; then
    echo "$label: $(grep Non-2xx "$work/run.txt")" >&2
    exit 1
  fi
  local rps p50 p99
  read -r rps p50 p99 < <(wrk_figures "$work/run.txt")
  printf "%-58s %12s %10s %10s\n" "$label" "$rps" "$p50" "$p99"
}

echo "compare_close_codes websocket 1001 1012 vs GET $api; $connections connections, $threads threads, ${seconds}s per run"
printf "%-58s %12s %10s %10s\n" "run" "req/s" "p50" "p99"
run "closecodes /mcp tools/call" "http://127.0.0.1:$closecodes_port/mcp" -s bench/mcp.lua "${mcp_headers[@]}" | tee "$work/mcp.txt"
run "closecodes GET $api" "http://127.0.0.1:$closecodes_port$api" | tee "$work/api.txt"
run "nginx GET $api" "http://127.0.0.1:$nginx_port$api" | tee "$work/nginx.txt"
rps() { awk '{print $(NF-2)}' "$work/$1.txt"; }
awk -v m="$(rps mcp)" -v a="$(rps api)" -v n="$(rps nginx)" \
  'BEGIN { printf "\nreq/s ratios: /mcp to the API %.2f, /mcp to nginx %.2f, the API to nginx %.2f\n", m / a, m / n, a / n }'
echo "closecodes RSS after the load: $(( $(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024 )) MB"
