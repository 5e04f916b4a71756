#!/usr/bin/env bash
# Checks the API against its own OpenAPI document: openapi-spec-validator on
# the document, then schemathesis with every check on every operation, against
# the real server on a free loopback port. Needs the Python tools in
# tests/conformance/requirements.txt (`.ci/run` installs them into .venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/helpers/server.sh

venv=${VENV:-.venv}
cargo build --locked --quiet
log=$(mktemp)
target/debug/closecodes --bind 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log" openapi.json.tmp' EXIT

base=$(server_address "$log" "$server")

curl -fsS "$base/api/v1/openapi.json" -o openapi.json.tmp
"$venv/bin/openapi-spec-validator" openapi.json.tmp

# From the downloaded copy: loading the document by URL makes schemathesis
# leave out the endpoint that serves it.
"$venv/bin/schemathesis" --config-file tests/conformance/schemathesis.toml run openapi.json.tmp \
  --url "$base" \
  --checks all \
  --max-examples 100 \
  --workers 2 \
  --seed 20261125
