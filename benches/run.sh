#!/usr/bin/env bash
# Runs the benchmarks on a release build and prints a Markdown table of ratios against
# references measured in the same run (Python's hashlib/OpenSSL, `openssl speed`).
# Usage: benches/run.sh [kdf|encryption|cli|audit|serve|pg|transfer]
# (pg starts a throwaway PostgreSQL cluster, transfer a SeaweedFS S3 server, as the tests do.)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "python3 is needed (the KDF reference)" >&2; exit 2; }
command -v openssl >/dev/null || echo "warning: openssl not found; encryption ratios are skipped" >&2
# nginx is the reference for `keysmith serve` (a static 200 on loopback).
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null || true
  else
    echo "warning: nginx not found; the serve ratio is skipped" >&2
  fi
fi
cargo build --release --locked --quiet
# Pin to one core when possible: the machine is noisy.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
"${pin[@]}" cargo bench --locked --quiet --bench bench -- "$@"
