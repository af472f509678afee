#!/usr/bin/env bash
# Reported speech (indirect quotes) on PolNeAR: the quality table beside textacy's rows from
# the same run, then the recall of each of the 30 most frequent annotated cues.
#
# What it measures
#   1. bench/quotes_quality.sh: `quotetrace extract` (one thread) and the textacy + spaCy peer
#      on PolNeAR $SPLIT, scored by ../shared/bench/score_polnear.py: P, R, F1 and speaker
#      accuracy on the `quoted` set and on the `all` set (every attribution, reported speech
#      included).
#   2. bench/reported_cues.py: per annotated cue (lower case), how many attributions each
#      system matches (the scorer's matching), for the top 30 cues and the rest together.
#
# How to run (from anywhere in the repo)
#   bench/reported_speech.sh                 # dev split (what we report; never tuned on)
#   SPLIT=train bench/reported_speech.sh     # train split (what the classifier is fitted on)
# Switches: those of bench/quotes_quality.sh (QT_SKIP_BUILD=1, QT_SKIP_PEER=1, QT_JOBS=N).
# Outputs (bench/out/): quotes_quality.$SPLIT.txt, reported_cues.$SPLIT.md
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SPLIT="${SPLIT:-dev}"
need_shared_bench
"$ROOT/bench/quotes_quality.sh"
DATA="$SHARED_BENCH/data/polnear/$SPLIT"
SYSTEMS=("quotetrace=$OUT/quotetrace.$SPLIT.jsonl")
if [[ "${QT_SKIP_PEER:-0}" != 1 && -f "$OUT/textacy.$SPLIT.jsonl" ]]; then
  SYSTEMS+=("textacy=$OUT/textacy.$SPLIT.jsonl")
fi
echo
echo "Recall per annotated cue, PolNeAR $SPLIT, \`all\` set (top 30 cues)"
echo
QT_SHARED_BENCH="$SHARED_BENCH" python3 "$ROOT/bench/reported_cues.py" "$DATA" 30 \
  "${SYSTEMS[@]}" | tee "$OUT/reported_cues.$SPLIT.md"
