#!/usr/bin/env bash
# Trains the block classifier of quotetrace-text and writes crates/text/src/blocks/weights.rs.
#
# Training data (see bench/README.md, "Block classifier"):
#   1. the pages of ../shared/bench/data/wcxb-test that are NOT in the scraped dev set (256 of
#      511: every `wcxbtest-*` id of data/scraped/manifest.jsonl is left out; forum threads,
#      whose gold counts the replies as main text, are left out too: 205 pages), converted to
#      Markdown exactly as the dev set was (bench/scraped_pages.py: html2text 2025.4.15,
#      body_width=0, checked identical on the dev set's own pages), each block labelled by
#      WCXB's gold main_content;
#   2. 150 news pages composed from texts written for this project (bench/own_pages/: fifteen
#      fictional articles and the furniture of news pages), labelled by construction.
# Then bench/blocks_quotes.py prints, on the same pages (cross-fitted), which kept blocks
# quotes may come from (crates/text/src/blocks/stretch.rs). The dev set itself is never read here.
#
# Deterministic: fixed folds, Newton's method to convergence, one thread, weights rounded to
# six significant digits. Rerunning it writes the same file.
#
# How to run (from anywhere in the repo)
#   bench/train_blocks.sh            # convert, train, write the weights, cargo fmt
# Switches: QT_SHARED_BENCH=/path/to/bench, CARGO_TARGET_DIR (honoured), L2 (default 0.01).
# The first run pip-installs html2text and lxml into bench/.venv (PyPI).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_shared_bench
ensure_scraped_venv
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
PAGES="$OUT/blocks_train_pages.jsonl"
OWN="$OUT/blocks_own_pages.jsonl"
WEIGHTS="$ROOT/crates/text/src/blocks/weights.rs"

log "converting the training pages to Markdown -> $PAGES"
QT_SHARED_BENCH="$SHARED_BENCH" "$VENV/bin/python" "$ROOT/bench/scraped_pages.py" train "$PAGES"

log "composing our own labelled news pages -> $OWN"
python3 "$ROOT/bench/own_pages/make_pages.py" "$OWN" --copies 10 --seed 16

log "cargo build --release -p quotetrace-text --example train_blocks"
(cd "$ROOT" && cargo build --release -p quotetrace-text --example train_blocks)
log "training -> $WEIGHTS"
"$TARGET_DIR/release/examples/train_blocks" "$PAGES" "$OWN" --skip-types forum \
  --l2 "${L2:-0.01}" --plain 1 --gold 0.5 --folds 5 --out "$WEIGHTS" \
  --dump "$OUT/blocks_train_dump.jsonl" 2> "$OUT/train_blocks.log"
grep -E "training pages|cross-fitted" "$OUT/train_blocks.log" >&2
(cd "$ROOT" && cargo fmt -p quotetrace-text)
log "done: $WEIGHTS (log: $OUT/train_blocks.log)"
log "which blocks quotes may come from (crates/text/src/blocks/stretch.rs), on the same pages"
(cd "$ROOT" && cargo build --release -q -p quotetrace-quotes --example extract_articles)
python3 "$ROOT/bench/blocks_quotes.py" "$OUT/blocks_train_dump.jsonl" \
  "$TARGET_DIR/release/examples/extract_articles" | tee "$OUT/blocks_quotes.md" >&2
