#!/usr/bin/env bash
# Stories on Spark against the store's (issue 20): the job's story stage under several window
# settings (bench/spark_stories.py: one window, 300-document windows in arrival order, 90- and
# 30-day date windows) against `quotetrace ingest`'s stories of the same documents, on
#   - ECB+ with event dates (bench/stories_dates.py, seed 1), all dated and half undated, with
#     B-cubed F1 against ECB+'s gold events;
#   - 5,000 synthetic articles made from the bundled ones (bench/synth_corpus.py).
# How to run:  bench/spark_stories.sh   (QT_SKIP_BUILD=1 reuses the built binary; needs the Spark
#   virtualenv with the quotetrace wheel: QT_SPARK_VENV, default target/spark-venv, as
#   spark/run-local.sh makes it)
# Outputs: bench/out/spark_stories/ (gitignored), one JSON line per corpus and setting on stdout.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
release_build -p quotetrace
DIR="$OUT/spark_stories"
PY="${QT_SPARK_VENV:-$ROOT/target/spark-venv}/bin/python"
ECB="$SHARED_BENCH/data/ecbplus/ecbplus_docs.jsonl"
mkdir -p "$DIR"
for f in 0 0.5; do
  python3 "$BENCH_DIR/stories_dates.py" make "$ECB" "$DIR/ecb-$f.jsonl" "$f" 1 --ecb
  log "ECB+ with event dates, $f of the dates dropped"
  "$PY" "$BENCH_DIR/spark_stories.py" --qt "$QT_BIN" --out "$DIR/ecb-$f" \
    --gold "$DIR/ecb-$f.jsonl" --score "$SHARED_BENCH/score_stories.py" "$DIR/ecb-$f.jsonl" \
    | sed "s/^/ecb-$f /"
done
python3 "$BENCH_DIR/synth_corpus.py" "$ROOT/examples/articles" 5000 "$DIR/synth5k.jsonl"
log "5,000 synthetic articles"
"$PY" "$BENCH_DIR/spark_stories.py" --qt "$QT_BIN" --out "$DIR/synth5k" \
  --windows 0:7:200000,0:7:1000,30:7:200000 "$DIR/synth5k.jsonl" | sed "s/^/synth5k /"
