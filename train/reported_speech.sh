#!/usr/bin/env bash
# Retrain the reported-speech classifier from PolNeAR train (dev is never read). Deterministic:
# the same train data gives byte-identical cue_words_all.rs, cue_words.rs and weights.bin.
#   train/reported_speech.sh            # from the repo root; data at ../shared/bench
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRAIN="${QT_SHARED_BENCH:-$ROOT/../shared/bench}/data/polnear/train"
DEST="$ROOT/crates/quotes/src/attribution/reported"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
# 1. The cue words (full list; the export proposes candidates for all of them).
python3 train/reported_speech.py vocab "$TRAIN" > "$DEST/cue_words_all.rs"
# 2. Candidates and the exact rules' quotes on train.
cargo build --release -q -p quotetrace-quotes --features training --example reported_cases
"${CARGO_TARGET_DIR:-target}/release/examples/reported_cases" "$TRAIN/text" > "$TMP/cases.jsonl"
# 3. Fit (threshold by 2-fold cross-validation on train), then keep in CUE_WORDS only the
#    words with a train candidate the weights keep.
python3 train/reported_speech.py fit "$TRAIN" "$TMP/cases.jsonl" > "$DEST/weights.bin"
python3 train/reported_speech.py prune "$TMP/cases.jsonl" "$DEST/weights.bin" \
  "$DEST/cue_words_all.rs" > "$DEST/cue_words.rs"
sha256sum "$DEST/weights.bin" "$DEST/cue_words_all.rs" "$DEST/cue_words.rs"
