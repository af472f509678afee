#!/usr/bin/env bash
# Do the learned models in the tree come out of their training scripts as the code is now?
#
# Each model's features are computed by the crate's own code (block measurements, the
# candidates of reported speech, the pronoun resolver's candidates), so a change to that code
# changes what the trainer sees. This reruns the three training scripts and fails when a
# weights file differs from what its script writes today: retrain, measure and commit the
# new file with the change that made it (bench/README.md says how each is measured).
#
#   bench/train_blocks.sh      -> crates/text/src/blocks/weights.rs
#   train/reported_speech.sh   -> crates/quotes/src/attribution/reported/{weights.bin,cue_words*.rs}
#   train/pronoun_ranker.sh    -> crates/quotes/src/pronoun_weights.rs
#
# Needs ../shared/bench (the training data; skipped with a note when it is missing) and PyPI
# once (html2text and lxml into bench/.venv for the block classifier's pages). The files in
# the tree are put back as they were, whatever the outcome. About 6 minutes on 2 cores.
#   train/check_models.sh            # from anywhere
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${QT_SHARED_BENCH:-$ROOT/../shared/bench}"
cd "$ROOT"
if [[ ! -d "$BENCH/data/polnear/train" || ! -d "$BENCH/data/wcxb-test" ]]; then
  echo "check_models: no training data at $BENCH: skipped" >&2
  exit 0
fi
FILES=(
  crates/quotes/src/attribution/reported/weights.bin
  crates/quotes/src/attribution/reported/cue_words_all.rs
  crates/quotes/src/attribution/reported/cue_words.rs
  crates/quotes/src/pronoun_weights.rs
  crates/text/src/blocks/weights.rs
)
SAVED="$(mktemp -d)"
for f in "${FILES[@]}"; do
  mkdir -p "$SAVED/$(dirname "$f")"
  cp "$f" "$SAVED/$f"
done
restore() {
  for f in "${FILES[@]}"; do cp "$SAVED/$f" "$f"; done
  rm -rf "$SAVED"
}
trap restore EXIT
# In this order: extraction reads every text through the block classifier, and the pronoun
# cases come from the quotes reported speech finds.
QT_SHARED_BENCH="$BENCH" bench/train_blocks.sh
QT_SHARED_BENCH="$BENCH" train/reported_speech.sh > /dev/null
QT_SHARED_BENCH="$BENCH" train/pronoun_ranker.sh > /dev/null
stale=0
for f in "${FILES[@]}"; do
  if cmp -s "$f" "$SAVED/$f"; then
    echo "same: $f"
  else
    echo "STALE: $f is not what its training script writes from the code as it is now" >&2
    stale=1
  fi
done
if [[ $stale == 1 ]]; then
  echo "check_models: retrain (the scripts above), measure, and commit the new weights" >&2
  exit 1
fi
