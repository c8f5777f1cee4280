#!/usr/bin/env bash
# Runs schemathesis (property-based OpenAPI testing) against a real `keysmith serve` with an
# owner session: every response must be documented (status, content type, headers, schema)
# and none may be a server error. Agent routes answer 401 here (schemathesis cannot sign).
# Usage: fuzz/schemathesis.sh [SECONDS] [KEYSMITH_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
bin="${2:-target/debug/keysmith}"
[ -x "$bin" ] || cargo build --locked --quiet
venv="${SCHEMATHESIS_VENV:-${TMPDIR:-/tmp}/keysmith-schemathesis}"
[ -x "$venv/bin/st" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q 'schemathesis==4.32.5'; }
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
export KEYSMITH_DATA_DIR="$work/data" KEYSMITH_SESSION_STORE=file HOME="$work"
password='plinth-marmot-quasar-74-ochre'
printf '%s\n' "$password" | "$bin" --password-stdin --quiet init >/dev/null
printf '%s\n' "$password" | "$bin" --password-stdin --quiet login --ttl 2h >/dev/null
token=$(python3 -c 'import json,glob,sys; print(json.load(open(glob.glob(sys.argv[1] + "/session-*.json")[0]))["token"])' "$KEYSMITH_DATA_DIR")
"$bin" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do grep -q '^listening on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
# logout and passwd would end the session the run uses; everything else is exercised.
"$venv/bin/st" run openapi.json --url "$url" -H "Authorization: Bearer $token" --max-time "$secs" --workers 2 --request-timeout 40 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --exclude-path /v1/owner/logout --exclude-path /v1/owner/passwd --seed 1 --no-color
