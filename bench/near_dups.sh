#!/usr/bin/env bash
# Near-duplicate detection quality and speed: quotetrace vs datasketch and rensa (PyPI), on a
# set built from real articles with known edits (see bench/near_dups.py for the protocol).
#   bench/near_dups.sh
# Switches: QT_SKIP_BUILD=1 (use the built example as is).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
release_build -p quotetrace-link --example dedup_eval
ensure_venv
if ! "$VENV/bin/python" -c 'import datasketch, rensa' 2>/dev/null; then
  log "installing datasketch and rensa into $VENV"
  "$VENV/bin/python" -m pip install --quiet datasketch rensa
fi
"$VENV/bin/python" "$ROOT/bench/near_dups.py" "$SHARED_BENCH/data/polnear" "$OUT" \
  "$ROOT/target/release/examples/dedup_eval" | tee "$OUT/near_dups.txt"
