#!/usr/bin/env bash
# The bad-input sweep (reliability/bad_input.py) against the debug build on a
# free loopback port. Fails if the sweep finds a violation, if the server
# panicked on any input, or if it does not then stop cleanly on SIGTERM.
# Needs only python3 (standard library).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/helpers/server.sh

cargo build --locked --quiet
binary=${CARGO_TARGET_DIR:-target}/debug/closecodes
log=$(mktemp)
RUST_LOG=warn,closecodes=info "$binary" --bind 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill -KILL "$server" 2>/dev/null || true; rm -f "$log"' EXIT

base=$(server_address "$log" "$server")

status=0
timeout 600 python3 reliability/bad_input.py --url "$base" --static-dir static || status=$?

if grep -q 'panicked at' "$log"; then
  echo "the server panicked during the sweep:"; grep -A3 'panicked at' "$log" | head -n 20
  status=1
fi
kill -TERM "$server"
for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server" 2>/dev/null; then
  echo "the server still runs 10 s after SIGTERM"; status=1
else
  wait "$server" || { echo "the server exited with status $? after SIGTERM"; status=1; }
fi
exit "$status"
