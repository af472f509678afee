#!/usr/bin/env bash
# Quotation-extraction speed and memory: quotetrace vs textacy + spaCy.
#
# What it measures (details in bench/quotes_speed.py)
#   - `quotetrace extract --jobs 1` and `--jobs 2` on >= 8,000 articles (PolNeAR train texts
#     repeated with unique ids, one JSONL file): median wall time of 3 runs each, output to
#     /dev/null; articles/s, MB/s, peak RSS, and the jobs-2 speed-up.
#   - textacy 0.13 direct_quotations + spaCy en_core_web_sm 3.8 on 100 train articles, one
#     process: articles/s, and the quotetrace (--jobs 1) / textacy ratio.
#   - memory: `quotetrace extract --jobs 2` on a ~1 GB JSONL file (generated, then deleted)
#     under /usr/bin/time -v: peak RSS and articles/s.
#
# How to run (from anywhere in the repo)
#   bench/quotes_speed.sh
# Switches: QT_SKIP_1GB=1 (skip the memory step), QT_SKIP_BUILD=1 (no cargo), QT_SKIP_PEER=1
#   (no textacy), QT_SPEED_DOCS=8000, QT_RUNS=3, QT_PEER_DOCS=100, QT_BIG_BYTES=1000000000,
#   QT_BIG_JOBS=2, QT_BIN=/path/to/quotetrace, QT_SHARED_BENCH=/path/to/shared/bench.
# Needs: ~1.5 GB free disk for the memory step; GNU time (apt-get install -y time, done here
#   when missing and we are root). Outputs in bench/out/ (gitignored): speed_corpus.jsonl,
#   speed_peer.jsonl, quotes_speed.txt (the summary) and quotes_speed.json.
# Close other heavy work first (cargo builds!): the machine has 2 cores.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_shared_bench
build_quotetrace

VENV_PY=""
if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
  ensure_venv
  VENV_PY="$VENV/bin/python"
fi

if [[ ! -x /usr/bin/time ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing GNU time (apt-get install -y time)"
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    log "GNU time missing (apt-get install -y time): peak RSS will not be reported"
  fi
fi

QT_BIN="$([[ "$HAVE_QT" == 1 ]] && echo "$QT_BIN" || true)" \
QT_VENV_PY="$VENV_PY" QT_SHARED_BENCH="$SHARED_BENCH" QT_OUT="$OUT" \
  python3 "$ROOT/bench/quotes_speed.py"
