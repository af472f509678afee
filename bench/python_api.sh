#!/usr/bin/env bash
# The Python package (crates/python) against the command and against textacy + spaCy:
# throughput of extract_many vs `quotetrace extract` on the same 8,000 articles (jobs 1 and 2),
# textacy from the same Python process on 1,000 articles and PolNeAR dev quality side by
# side, and peak memory of Store.quotes() into a DataFrame vs pandas.read_csv of the CSV
# export (details in bench/python_api.py).
#
# How to run (from anywhere in the repo):  bench/python_api.sh
# Switches: QT_SKIP_BUILD=1 (use the built binary and the installed wheel), QT_SKIP_PEER=1 (no
#   textacy), QT_MEM_QUOTES=1000000 (0: no memory step), QT_SPEED_DOCS=8000, QT_RUNS=3,
#   QT_PEER_DOCS=1000.
# Uses bench/.venv (gitignored; the peer's virtualenv, created by lib.sh) with the wheel,
# pandas and pyarrow installed into it (PyPI). Outputs: bench/out/python_api.json and a table.
# Close other heavy work first: the machine has 2 cores.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_shared_bench
build_quotetrace
[[ "$HAVE_QT" == 1 ]] || { log "the binary is needed"; exit 2; }

if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
  ensure_venv
elif [[ ! -x "$VENV/bin/python" ]]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
if [[ "${QT_SKIP_BUILD:-0}" != 1 ]] || ! "$VENV/bin/python" -c 'import quotetrace' 2>/dev/null; then
  log "pip install ./crates/python pandas pyarrow into $VENV (builds the wheel)"
  "$VENV/bin/python" -m pip install --quiet "$ROOT/crates/python" pandas pyarrow
fi

cd "$ROOT"
QT_BIN="$QT_BIN" QT_SHARED_BENCH="$SHARED_BENCH" QT_OUT="$OUT" \
  "$VENV/bin/python" "$ROOT/bench/python_api.py" | tee "$OUT/python_api.txt"
