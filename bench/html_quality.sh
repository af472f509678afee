#!/usr/bin/env bash
# HTML extraction quality and speed: quotetrace-html vs trafilatura, side by side.
#
# What it measures
#   1. Main text on the Zyte article benchmark (../shared/bench/data/zyte: 181 news pages),
#      scored with ../shared/bench/score_extract.py (4-word-shingle precision/recall per page,
#      averaged), and pages/s on those pages, one thread, extraction only (reading and gunzip
#      excluded; best of $PASSES passes, default 1, for both systems).
#   2. Metadata on WCXB (../shared/bench/data/wcxb-test: 511 pages): title, author and
#      publication date, exact match after lower-casing and folding spaces (dates on
#      YYYY-MM-DD), scored by bench/html_meta_score.py; also WCXB's main content with the same
#      shingle scorer as Zyte.
#   Ours runs through the crate's example binary
#   (`cargo run --release -p quotetrace-html --example html_eval -- DIR`); the peer is
#   trafilatura 2.3 (`trafilatura.extract` with default settings for text,
#   `trafilatura.extract_metadata` for metadata: bench/peers/trafilatura_extract.py), on the
#   same pages in the same run.
#
# How to run (from anywhere in the repo)
#   bench/html_quality.sh
# Switches: QT_SKIP_BUILD=1 (use the html_eval binary as built), QT_SKIP_PEER=1 (ours only),
#   PASSES=N (timing passes), QT_SHARED_BENCH=/path/to/bench, CARGO_TARGET_DIR (honoured).
# The first run pip-installs trafilatura into bench/.venv (PyPI).
# Outputs (bench/out/, gitignored): html.{quotetrace,trafilatura}.{zyte,wcxb}.jsonl, the
#   score and timing JSON files next to them, and html_quality.txt (the table).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_shared_bench
PASSES="${PASSES:-1}"
ZYTE="$SHARED_BENCH/data/zyte"
WCXB="$SHARED_BENCH/data/wcxb-test"
SCORE_TEXT="$SHARED_BENCH/score_extract.py"
SCORE_META="$ROOT/bench/html_meta_score.py"
REPORT="$ROOT/bench/html_report.py"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
HTML_EVAL="$TARGET_DIR/release/examples/html_eval"
TRAFILATURA_PIN="trafilatura>=2.3,<2.4"
ROWS=()

python3 "$REPORT" wcxb-main-text "$WCXB/ground-truth" "$OUT/wcxb-main-text.json"

# Scores one system's outputs: $1 = name (file prefix).
score() {
  local sys="$1"
  python3 "$SCORE_TEXT" "$ZYTE/ground-truth.json" "$OUT/html.$sys.zyte.jsonl" \
    > "$OUT/score.html.$sys.zyte.json"
  python3 "$SCORE_TEXT" "$OUT/wcxb-main-text.json" "$OUT/html.$sys.wcxb.jsonl" \
    > "$OUT/score.html.$sys.wcxb-text.json"
  python3 "$SCORE_META" "$WCXB/ground-truth" "$OUT/html.$sys.wcxb.jsonl" --name "$sys" \
    > "$OUT/score.html.$sys.wcxb-meta.json"
  ROWS+=("$sys=$OUT/score.html.$sys.zyte.json,$OUT/stats.html.$sys.zyte.json,$OUT/score.html.$sys.wcxb-text.json,$OUT/score.html.$sys.wcxb-meta.json")
}

release_build -p quotetrace-html --example html_eval
if [[ -x "$HTML_EVAL" ]]; then
  log "quotetrace-html on $ZYTE/html"
  "$HTML_EVAL" "$ZYTE/html" --repeat "$PASSES" > "$OUT/html.quotetrace.zyte.jsonl" \
    2> "$OUT/stats.html.quotetrace.zyte.json"
  log "quotetrace-html on $WCXB/html"
  "$HTML_EVAL" "$WCXB/html" > "$OUT/html.quotetrace.wcxb.jsonl" \
    2> "$OUT/stats.html.quotetrace.wcxb.json"
  score quotetrace
else
  log "no html_eval binary at $HTML_EVAL: skipping quotetrace-html"
fi

if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
  ensure_venv_with "${PYTHON:-python3}" \
    'import trafilatura, sys; sys.exit(not trafilatura.__version__.startswith("2.3"))' \
    "$TRAFILATURA_PIN"
  PEER="$ROOT/bench/peers/trafilatura_extract.py"
  log "trafilatura.extract on $ZYTE/html"
  "$VENV/bin/python" "$PEER" --mode text --repeat "$PASSES" --out "$OUT/html.trafilatura.zyte.jsonl" \
    --stats "$OUT/stats.html.trafilatura.zyte.json" "$ZYTE/html"
  log "trafilatura.extract + extract_metadata on $WCXB/html"
  "$VENV/bin/python" "$PEER" --mode both --out "$OUT/html.trafilatura.wcxb.jsonl" \
    --stats "$OUT/stats.html.trafilatura.wcxb.json" "$WCXB/html"
  score trafilatura
fi

if [[ ${#ROWS[@]} -eq 0 ]]; then
  log "nothing was run"
  exit 1
fi
echo
python3 "$REPORT" table "HTML extraction: Zyte (181 news pages) and WCXB (511 pages)" "${ROWS[@]}" \
  | tee "$OUT/html_quality.txt"
