#!/usr/bin/env bash
# closecodes against nginx serving the same bytes (a `closecodes export`), on
# loopback, with the same mix of URLs and the same concurrency, alternating
# runs, after warming closecodes' store with the mix. Prints req/s and p50/p99 latency for both and their ratio, closecodes'
# RSS after the load and its time from process start to the first 200.
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light).
# Usage: bench/run.sh [SECONDS_PER_RUN] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
connections=${2:-64}
threads=2
rounds=2
closecodes_port=18181
nginx_port=18182

source bench/common.sh
# Both servers log every request to a file.
start_nginx_on_export "$nginx_port" "$threads"

# The URL mix: code pages, comparisons and API answers, in both languages.
{
  for code in 1000 1001 1006 1008 1009 1011 1012 3000; do
    echo "/websocket/$code"; echo "/vi/websocket/$code"
    echo "/api/v1/families/websocket/codes/$code"; echo "/api/v1/families/websocket/codes/$code?lang=vi"
  done
  for pair in 1000-vs-1001 1001-vs-1012 1005-vs-1006 1006-vs-1011; do
    echo "/websocket/$pair"; echo "/vi/websocket/$pair"
  done
  for code in 4000 4004 4014; do echo "/discord-gateway/$code"; done
  echo "/api/v1/families"; echo "/api/v1/families/websocket"; echo "/"
} > "$work/paths.txt"

# Start to first 200, then to every compressed form made (in the background).
metric() { curl -sf "http://127.0.0.1:$closecodes_port/metrics" | awk -v n="$1" '$1 == n {print $2}'; }
started=$(date +%s%N)
start_closecodes "$closecodes_port"
first_200_ms=$(( ($(date +%s%N) - started) / 1000000 ))
# Warm: each URL asked for twice in each encoding, as its readers would,
# then the background thread left to remake the compressed forms at best.
while read -r path; do
  for encoding in identity "br, gzip"; do
    for _ in 1 2; do curl -sf -o /dev/null -H "Accept-Encoding: $encoding" "http://127.0.0.1:$closecodes_port$path"; done
  done
done < "$work/paths.txt"
best='closecodes_store_events_total{event="best_compression"}'
previous=-1
for _ in $(seq 600); do
  current=$(metric "$best")
  [ "$current" = "$previous" ] && break
  previous=$current
  sleep 1
done
warm_ms=$(( ($(date +%s%N) - started) / 1000000 ))
rss_before_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

run() { # name port encoding
  BENCH_PATHS="$work/paths.txt" BENCH_ACCEPT_ENCODING="$3" \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/mix.lua "http://127.0.0.1:$2" \
    > "$work/$1.txt"
  echo "$1 $(wrk_figures "$work/$1.txt")"
}

to_ms() { # wrk latency (e.g. 512.00us, 1.20ms, 1.01s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

echo "closecodes $(target/release/closecodes --version | cut -d' ' -f2) vs nginx $(nginx -v 2>&1 | cut -d/ -f2)," \
  "$(wc -l < "$work/paths.txt") URLs, $connections connections, $threads threads, ${seconds}s per run, $rounds rounds"
printf "%-34s %12s %10s %10s\n" "run" "req/s" "p50 ms" "p99 ms"
declare -A total_rps total_p99
for encoding in "" "br, gzip"; do
  label=${encoding:-identity}
  for round in $(seq "$rounds"); do
    for name in closecodes nginx; do
      port=$closecodes_port; [ "$name" = nginx ] && port=$nginx_port
      read -r _ rps p50 p99 < <(run "$name-$round" "$port" "$encoding")
      printf "%-34s %12s %10s %10s\n" "$name ($label) #$round" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")"
      key="$name/$label"
      total_rps[$key]=$(awk -v a="${total_rps[$key]:-0}" -v b="$rps" 'BEGIN {print a + b}')
      total_p99[$key]=$(awk -v a="${total_p99[$key]:-0}" -v b="$(to_ms "$p99")" 'BEGIN {print a + b}')
    done
  done
done

echo
for label in identity "br, gzip"; do
  awk -v c="${total_rps[closecodes/$label]}" -v n="${total_rps[nginx/$label]}" \
      -v cp="${total_p99[closecodes/$label]}" -v np="${total_p99[nginx/$label]}" -v l="$label" -v r="$rounds" \
    'BEGIN { printf "Accept-Encoding %-9s req/s ratio closecodes/nginx: %.2f   p99: closecodes %.3f ms, nginx %.3f ms\n", l, c / n, cp / r, np / r }'
done
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
stored_kb() { echo $(( $(metric "closecodes_stored_bytes{form=\"$1\"}") >> 10 )); }
echo "closecodes RSS: $(( rss_before_kb / 1024 )) MB before the load, $(( rss_kb / 1024 )) MB after" \
  "(answers kept: identity $(stored_kb identity) KiB, gzip $(stored_kb gzip) KiB, br $(stored_kb br) KiB)"
echo "closecodes start to first 200: ${first_200_ms} ms; to the URL mix kept at best compression: ${warm_ms} ms" \
  "($(metric closecodes_stored_answers) answers kept, $(metric 'closecodes_store_events_total{event="render"}') renders)"
