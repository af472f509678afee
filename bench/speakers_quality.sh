#!/usr/bin/env bash
# Speaker quality measured by name (issue 14): who said it, as the canonical name `extract` prints.
#
# What it measures
#   Builds the release binary, runs `quotetrace extract --jobs 1` on PolNeAR's $SPLIT texts and
#   scores the output twice: with ../shared/bench/score_canonical.py against
#   ../shared/bench/data/polnear-canonical/$SPLIT.jsonl (the canonical name of every
#   attribution: person exact, person surname only, organisation, end-to-end named recall) and
#   with ../shared/bench/score_polnear.py (F1 and speaker accuracy: the attribution rests on the
#   right mention). Then it measures extraction speed on one core: the PolNeAR train texts
#   repeated to $QT_SPEED_DOCS articles, median of $QT_RUNS runs of `extract --jobs 1`
#   (as bench/quotes_speed.sh does). Everything is printed as one table, from one run.
#
# How to run (from anywhere in the repo)
#   bench/speakers_quality.sh                 # dev split (what we report)
#   SPLIT=train bench/speakers_quality.sh     # the 200 labelled train articles (what we learn on)
# Switches: QT_SKIP_BUILD=1 (no cargo), QT_SKIP_SPEED=1, QT_SPEED_DOCS=4000, QT_RUNS=3,
#   QT_BIN=/path/to/quotetrace, QT_SHARED_BENCH=/path/to/bench, QT_LABEL=... (the table's title;
#   default: the short HEAD commit).
# Outputs (bench/out/, gitignored): speakers.$SPLIT.jsonl (the predictions),
#   score.canonical.$SPLIT.jsonl, score.polnear.$SPLIT.jsonl, speakers_speed.json,
#   speakers_quality.$SPLIT.txt (the table).
# Close other heavy work first (cargo builds!) when the speed figure matters: 2 cores.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SPLIT="${SPLIT:-dev}"
need_shared_bench
DATA="$SHARED_BENCH/data/polnear/$SPLIT"
CANON="$SHARED_BENCH/data/polnear-canonical/$SPLIT.jsonl"
for need in "$DATA/text" "$CANON"; do
  if [[ ! -e "$need" ]]; then
    log "missing: $need"
    exit 2
  fi
done
REPORT="$ROOT/bench/speakers_report.py"

build_quotetrace
if [[ "$HAVE_QT" != 1 ]]; then
  exit 1
fi

pred="$OUT/speakers.$SPLIT.jsonl"
log "quotetrace extract --jobs 1 $DATA/text"
"$QT_BIN" extract --jobs 1 "$DATA/text" > "$pred"
python3 "$SHARED_BENCH/score_canonical.py" "$DATA" "$CANON" "$pred" \
  > "$OUT/score.canonical.$SPLIT.jsonl"
python3 "$SHARED_BENCH/score_polnear.py" "$DATA" "$pred" > "$OUT/score.polnear.$SPLIT.jsonl"

speed="$OUT/speakers_speed.json"
if [[ "${QT_SKIP_SPEED:-0}" != 1 ]]; then
  log "speed: extract --jobs 1 on ${QT_SPEED_DOCS:-4000} train articles, ${QT_RUNS:-3} runs"
  python3 "$REPORT" speed "$QT_BIN" "$SHARED_BENCH/data/polnear/train/text" \
    "${QT_SPEED_DOCS:-4000}" "${QT_RUNS:-3}" "$OUT/speakers_speed_corpus.jsonl" > "$speed"
  rm -f "$OUT/speakers_speed_corpus.jsonl"
elif [[ ! -f "$speed" ]]; then
  echo '{"docs": 0, "runs": 0, "articles_per_s": 0}' > "$speed"
fi

echo
python3 "$REPORT" table "PolNeAR $SPLIT ($(find "$DATA/text" -name '*.txt' | wc -l) articles), ${QT_LABEL:-$(git -C "$ROOT" rev-parse --short HEAD)}" \
  "$OUT/score.canonical.$SPLIT.jsonl" "$OUT/score.polnear.$SPLIT.jsonl" "$speed" \
  | tee "$OUT/speakers_quality.$SPLIT.txt"
