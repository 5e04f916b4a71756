#!/usr/bin/env bash
# A cold crawl of every URL the export holds (pages, Markdown, badges, API
# answers in every language, Swagger UI, assets), once each on one keep-alive
# connection as a browser asks (`Accept-Encoding: gzip, deflate, br`), against
# a closecodes that has just started and against nginx serving the export
# (with `gzip_static`), both logging every request. Prints both times and
# their ratio.
#
# Usage: bench/crawl.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

data=${1:-}
closecodes_port=18183
nginx_port=18184
source bench/common.sh
data_flags=()
[ -n "$data" ] && data_flags=(--data "$data")
start_nginx_on_export "$nginx_port" 2 "${data_flags[@]}"
python3 bench/export_paths.py "$work/site" > "$work/paths.txt"

start_closecodes "$closecodes_port" "${data_flags[@]}"

closecodes=$(python3 bench/crawl.py "http://127.0.0.1:$closecodes_port" "$work/paths.txt")
nginx=$(python3 bench/crawl.py "http://127.0.0.1:$nginx_port" "$work/paths.txt")
seconds() { echo "$1" | awk '{print $(NF-1)}'; }
echo "closecodes, just started: $closecodes"
echo "nginx on the export:      $nginx"
awk -v c="$(seconds "$closecodes")" -v n="$(seconds "$nginx")" \
  'BEGIN { printf "cold crawl time closecodes/nginx: %.2f\n", c / n }'
