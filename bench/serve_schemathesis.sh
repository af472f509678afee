#!/usr/bin/env bash
# Property-based check of the HTTP API against its own OpenAPI document, by schemathesis
# (PyPI, installed into bench/.venv-schemathesis): thousands of generated requests, valid and
# not, to every operation of /openapi.json; it reports server errors (5xx), answers that do not
# match the documented status codes, content types or schemas, and requests the document says
# are valid but the server refuses (or the reverse).
#
# The store is the bundled examples plus the browser test's articles, with uploads on.
# How to run: bench/serve_schemathesis.sh   (MAX_TIME=120 seconds by default)
# Output: bench/out/serve_schemathesis.txt
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MAX_TIME="${MAX_TIME:-120}"
PORT="${PORT:-18090}"
VENV_ST="$ROOT/bench/.venv-schemathesis"
[[ -x "$VENV_ST/bin/schemathesis" ]] || { python3 -m venv "$VENV_ST"; "$VENV_ST/bin/pip" install -q schemathesis; }
build_quotetrace
STORE="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$STORE"' EXIT
"$QT_BIN" ingest -q --store "$STORE" "$ROOT/examples/articles" "$ROOT/crates/cli/tests/data/serve_e2e.jsonl"
"$QT_BIN" serve --store "$STORE" --addr "127.0.0.1:$PORT" --token bench-token 2>/dev/null &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
"$VENV_ST/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" --url "http://127.0.0.1:$PORT" \
  -w 1 --max-time "$MAX_TIME" --checks all -H "Authorization: Bearer bench-token" \
  | tee "$OUT/serve_schemathesis.txt" || true
