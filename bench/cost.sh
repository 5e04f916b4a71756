#!/usr/bin/env bash
# What the service costs with no traffic and after a crawl, for one binary
# and one dataset: start to first 200, CPU burnt in the first 15 s with no
# traffic, peak RSS (VmHWM), then a cold crawl of every sitemap URL (time,
# CPU, RSS) and the CPU of the 15 s after it. Run it for the built-in dataset
# and for one grown by bench/grow_dataset.py to see how each cost grows.
#
# Usage: bench/cost.sh [BINARY] [DATA_DIR] [EXTRA FLAGS...]
#   BINARY defaults to target/release/closecodes (built if missing); DATA_DIR
#   to the built-in dataset ("-" for it too).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-target/release/closecodes}
data=${2:--}
shift $(( $# > 2 ? 2 : $# ))
[ "$binary" = target/release/closecodes ] && cargo build --release --locked --quiet
port=18191
flags=(--bind "127.0.0.1:$port" --log-format json "$@")
[ "$data" != - ] && flags+=(--data "$data")

ticks=$(getconf CLK_TCK)
cpu_seconds() { # utime + stime of the process, in seconds
  awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"
}
memory_mb() { # VmRSS or VmHWM
  awk -v k="$2" '$1 == k":" {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}

started=$(date +%s%N)
"$binary" "${flags[@]}" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 5000); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.002
done
first_200_ms=$(( ($(date +%s%N) - started) / 1000000 ))
sleep 15
idle_cpu=$(cpu_seconds $server)
idle_hwm=$(memory_mb $server VmHWM)
idle_rss=$(memory_mb $server VmRSS)

crawl=$(python3 bench/crawl.py "http://127.0.0.1:$port")
crawl_cpu=$(cpu_seconds $server)
crawl_rss=$(memory_mb $server VmRSS)
sleep 15
after_cpu=$(cpu_seconds $server)
after_rss=$(memory_mb $server VmRSS)
hwm=$(memory_mb $server VmHWM)

cat <<REPORT
binary: $binary   data: $data   flags: $*
start to first 200 (/):              $first_200_ms ms
CPU in the first 15 s, no traffic:    $idle_cpu s
RSS / peak RSS after 15 s idle:       $idle_rss / $idle_hwm MB
cold crawl:                          $crawl
CPU used by the crawl:               $(awk -v a="$crawl_cpu" -v b="$idle_cpu" 'BEGIN {printf "%.2f", a - b}') s
RSS after the crawl:                 $crawl_rss MB
CPU in the 15 s after the crawl:     $(awk -v a="$after_cpu" -v b="$crawl_cpu" 'BEGIN {printf "%.2f", a - b}') s
RSS 15 s after the crawl / peak:     $after_rss / $hwm MB
REPORT
