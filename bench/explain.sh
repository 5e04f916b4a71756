#!/usr/bin/env bash
# Explain throughput over the public corpus on one core (release build).
# Usage: bench/explain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet --example explain_throughput
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
"${pin[@]}" target/release/examples/explain_throughput
