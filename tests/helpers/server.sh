# Sourced by the scripts that start the real binary on port 0.
#
# server_address LOG PID: prints the http://127.0.0.1:PORT the server at PID
# writes to LOG once it listens. Waits at most 30 s; if the server exits first
# or never says, prints its log to standard error and fails.
server_address() {
  local log=$1 pid=$2 address
  for _ in $(seq 300); do
    address=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | head -n1 | cut -d' ' -f3 || true)
    [ -n "$address" ] && { echo "$address"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start within 30 s" >&2
  cat "$log" >&2
  return 1
}
