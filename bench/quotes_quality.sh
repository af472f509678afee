#!/usr/bin/env bash
# Quotation-extraction quality: quotetrace vs the textacy + spaCy peer on PolNeAR.
#
# What it measures
#   Runs `quotetrace extract` over PolNeAR's text files (../shared/bench/data/polnear/$SPLIT/text)
#   and scores the output with ../shared/bench/score_polnear.py: precision, recall, F1 and
#   speaker accuracy on two gold sets, `quoted` (attributions with a 3+ word quotation in quote
#   marks) and `all` (every attribution, indirect speech included). Then it runs the peer,
#   textacy 0.13 `direct_quotations` over spaCy en_core_web_sm 3.8 (bench/peers/textacy_extract.py),
#   on the same files, scores it the same way and prints a side-by-side table with the number of
#   documents each system failed on and its articles/s (single process for both: quotetrace
#   runs with --jobs $QT_JOBS, default 1; quotetrace's time is wall-clock of the whole command,
#   textacy's excludes its model load).
#   Two textacy rows: `textacy` uses contract spans (quote marks excluded, like quotetrace);
#   `textacy-raw` keeps textacy's own span with the marks, which is how the reference figures
#   in ../shared/bench/README.md were taken (quoted F1 0.45).
#
# How to run (from anywhere in the repo)
#   bench/quotes_quality.sh                  # dev split (what we report)
#   SPLIT=train bench/quotes_quality.sh      # train split (what we tune on)
# Switches: QT_SKIP_BUILD=1 (no cargo; use target/release/quotetrace as is), QT_SKIP_PEER=1
#   (quotetrace only), QT_JOBS=N, QT_BIN=/path/to/quotetrace, QT_SHARED_BENCH=/path/to/bench.
# The first run creates bench/.venv and pip-installs textacy, spaCy and the model (PyPI).
# Outputs (bench/out/, gitignored): quotetrace.$SPLIT.jsonl, textacy.$SPLIT.jsonl,
#   textacy-raw.$SPLIT.jsonl, score.*.$SPLIT.jsonl, stats.*.$SPLIT.json, quotes_quality.$SPLIT.txt
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SPLIT="${SPLIT:-dev}"
QT_JOBS="${QT_JOBS:-1}"
need_shared_bench
DATA="$SHARED_BENCH/data/polnear/$SPLIT"
if [[ ! -d "$DATA/text" ]]; then
  log "no such split: $DATA/text"
  exit 2
fi
SCORER="$SHARED_BENCH/score_polnear.py"
REPORT="$ROOT/bench/quotes_report.py"
ROWS=()

build_quotetrace
if [[ "$HAVE_QT" == 1 ]]; then
  pred="$OUT/quotetrace.$SPLIT.jsonl"
  log "quotetrace extract --jobs $QT_JOBS $DATA/text"
  t0="$(now)"
  "$QT_BIN" extract --jobs "$QT_JOBS" "$DATA/text" > "$pred"
  t1="$(now)"
  python3 "$REPORT" stats quotetrace "$pred" "$(python3 -c "print($t1 - $t0)")" \
    > "$OUT/stats.quotetrace.$SPLIT.json"
  python3 "$SCORER" "$DATA" "$pred" > "$OUT/score.quotetrace.$SPLIT.jsonl"
  ROWS+=("quotetrace=$OUT/score.quotetrace.$SPLIT.jsonl,$OUT/stats.quotetrace.$SPLIT.json")
fi

if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
  ensure_venv
  log "textacy direct_quotations on $DATA/text"
  "$VENV/bin/python" "$ROOT/bench/peers/textacy_extract.py" \
    --out "$OUT/textacy.$SPLIT.jsonl" --raw-out "$OUT/textacy-raw.$SPLIT.jsonl" \
    --stats "$OUT/stats.textacy.$SPLIT.json" "$DATA/text"
  for sys in textacy textacy-raw; do
    python3 "$SCORER" "$DATA" "$OUT/$sys.$SPLIT.jsonl" > "$OUT/score.$sys.$SPLIT.jsonl"
    ROWS+=("$sys=$OUT/score.$sys.$SPLIT.jsonl,$OUT/stats.textacy.$SPLIT.json")
  done
fi

if [[ ${#ROWS[@]} -eq 0 ]]; then
  log "nothing was run"
  exit 1
fi
echo
python3 "$REPORT" table "PolNeAR $SPLIT ($(find "$DATA/text" -name '*.txt' | wc -l) articles)" \
  "${ROWS[@]}" | tee "$OUT/quotes_quality.$SPLIT.txt"
