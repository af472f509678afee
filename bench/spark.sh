#!/usr/bin/env bash
# The Spark job (spark/) against the command on the same synthetic corpus, on this machine:
#   1. per-document stage: `quotetrace extract -j1` (CPU time) beside the package's
#      extract_file on the same files in one Python process (CPU time: the in-process route's
#      cost without Spark), then the whole job on a standalone cluster on loopback with 1 and
#      with 2 workers (wall time of each stage, as the job prints it);
#   2. `quotetrace import` of the last run's tables into a store (wall and CPU time), and its
#      database against the one `quotetrace ingest` built (rows that differ, expected 0);
#      and, from Spark's event log, each stage's tasks, time and shuffle bytes
#      (bench/spark_metrics.py, in $DIR/metrics-W.md);
#   3. near-duplicates: the Spark job's pairs against `quotetrace ingest`'s (pairwise P, R,
#      F1), with every pair that differs listed in $DIR/dup-diff.txt.
#   QT_SPARK_DOCS=5000 bench/spark.sh        (synthetic articles, plus the bundled ones)
# Switches: QT_SKIP_BUILD=1, QT_SPARK_BENCH_DIR (default bench/out/spark), QT_WHEEL (passed to
# spark/run-local.sh), QT_SPARK_WORKER_COUNTS (default "1 2"), QT_SPARK_JOB_ARGS (e.g.
# --no-duplicates: the per-document stage only; the F1 step is then skipped), QT_SPARK_SKIP_CPU=1
# (skips the CPU-time steps of 1.), QT_SPARK_SKIP_IMPORT=1 (skips 2.), QT_SPARK_SKIP_INGEST=1
# (skips the embedded ingest, and with it 2. and 3.), QT_SPARK_WORKER_MEMORY (run-local.sh's),
# QT_SPARK_SHARDS (JSONL files the synthetic articles are dealt into, default 8; a file is one
# task and is held whole in its executor's memory: 64 for a million articles at 2g).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
N="${QT_SPARK_DOCS:-5000}"
DIR="${QT_SPARK_BENCH_DIR:-$OUT/spark}"
release_build -p quotetrace
mkdir -p "$DIR"
SYNTH="$DIR/synth-$N"
if [[ ! -d "$SYNTH" ]]; then
  mkdir -p "$SYNTH"
  python3 "$ROOT/bench/synth_corpus.py" "$SHARED_BENCH/data/polnear/train/text" "$N" "$DIR/all.jsonl"
  python3 - "$DIR/all.jsonl" "$SYNTH" "${QT_SPARK_SHARDS:-8}" <<'PY'
import sys
n = int(sys.argv[3])
outs = [open(f"{sys.argv[2]}/part-{i:02d}.jsonl", "w", encoding="utf-8") for i in range(n)]
with open(sys.argv[1], encoding="utf-8") as f:
    for k, line in enumerate(f):
        outs[k % n].write(line)
for o in outs:
    o.close()
PY
  rm "$DIR/all.jsonl"
fi
INPUTS=("$ROOT/examples/articles" "$SYNTH")
VENV_SPARK="${QT_SPARK_VENV:-$ROOT/target/spark-venv}"

if [[ "${QT_SPARK_SKIP_CPU:-0}" != 1 ]]; then
log "quotetrace extract -j1 (CPU time)"
/usr/bin/time -f '%e %U %S' -o "$DIR/cli.time" "$QT_BIN" extract --quiet -j 1 "${INPUTS[@]}" > "$DIR/cli.jsonl"
docs=$(wc -l < "$DIR/cli.jsonl")
read -r wall user sys < "$DIR/cli.time"
echo "cli extract -j1: $docs documents, CPU $user+$sys s, $(python3 -c "print(round($docs/($user+$sys)))") articles/CPU-s, wall $wall s" | tee "$DIR/summary.txt"

log "extract_file in one Python process (CPU time)"
/usr/bin/time -f '%e %U %S' -o "$DIR/py.time" "$VENV_SPARK/bin/python" - "${INPUTS[@]}" <<'PY'
import os, sys
from quotetrace import _native
for arg in sys.argv[1:]:
    for dirpath, _, names in sorted(os.walk(arg)):
        for n in sorted(names):
            p = os.path.join(dirpath, n)
            _native.extract_file(p, open(p, "rb").read())
PY
read -r wall user sys < "$DIR/py.time"
echo "extract_file in process: CPU $user+$sys s, $(python3 -c "print(round($docs/($user+$sys)))") articles/CPU-s, wall $wall s" | tee -a "$DIR/summary.txt"
else
docs=$(( $(cat "$SYNTH"/*.jsonl | wc -l) + $("$QT_BIN" extract --quiet "$ROOT/examples/articles" | wc -l) ))
fi

if [[ "${QT_SPARK_SKIP_INGEST:-0}" != 1 ]]; then
log "ingest (embedded store) for the near-duplicate pairs"
rm -rf "$DIR/store"
/usr/bin/time -f '%e %U %S' -o "$DIR/ingest.time" "$QT_BIN" ingest --quiet --store "$DIR/store" "${INPUTS[@]}"
read -r wall user sys < "$DIR/ingest.time"
echo "ingest -j2: wall $wall s, CPU $user+$sys s" | tee -a "$DIR/summary.txt"
fi

for w in ${QT_SPARK_WORKER_COUNTS:-1 2}; do
  log "Spark job, $w worker(s)"
  rm -rf "$DIR/tables-$w" "$DIR/events-$w"
  start=$(date +%s.%N)
  QT_SPARK_EVENT_LOG="$DIR/events-$w" QT_SPARK_WORKERS="$w" "$ROOT/spark/run-local.sh" --out "$DIR/tables-$w" ${QT_SPARK_JOB_ARGS:-} "${INPUTS[@]}" 2>"$DIR/spark-$w.log" | tee "$DIR/spark-$w.out"
  end=$(date +%s.%N)
  echo "spark $w worker(s): $(grep -o '{.*}' "$DIR/spark-$w.out"), whole run incl. cluster start $(python3 -c "print(round($end-$start,1))") s" | tee -a "$DIR/summary.txt"
  python3 "$ROOT/bench/spark_metrics.py" "$(ls "$DIR/events-$w"/* | head -n 1)" "$docs" | tee "$DIR/metrics-$w.md" | tee -a "$DIR/summary.txt"
done

last="$(ls -d "$DIR"/tables-* | tail -n 1)"
if [[ "${QT_SPARK_SKIP_IMPORT:-0}" != 1 && "${QT_SPARK_SKIP_INGEST:-0}" != 1 ]]; then
log "quotetrace import of $last"
rm -rf "$DIR/imported"
/usr/bin/time -f '%e %U %S' -o "$DIR/import.time" "$QT_BIN" import --quiet --store "$DIR/imported" "$last"
read -r wall user sys < "$DIR/import.time"
differ=$(python3 - "$DIR/store/quotetrace.db" "$DIR/imported/quotetrace.db" <<'PY'
import sqlite3, sys
a, b = (list(sqlite3.connect(p).iterdump()) for p in sys.argv[1:])
print(len(set(a) ^ set(b)))
PY
)
echo "import: wall $wall s, CPU $user+$sys s; database rows differing from ingest's: $differ" | tee -a "$DIR/summary.txt"
fi

[[ -d "$last/duplicates" && -d "$DIR/store" ]] || exit 0
log "near-duplicate pairs: Spark against the embedded ingest"
"$VENV_SPARK/bin/python" - "$DIR" <<'PY' | tee -a "$DIR/summary.txt"
import sys
sys.path.insert(0, "spark")
import pyarrow.parquet as pq
from quotetrace_spark.compare import pairs_f1, store_groups
d = sys.argv[1]
w = sorted(__import__("glob").glob(f"{d}/tables-*"))[-1]
groups = {}
for r in pq.read_table(f"{w}/duplicates", columns=["doc", "original_doc"]).to_pylist():
    groups.setdefault(r["original_doc"], set()).add(r["doc"])
emb = store_groups(f"{d}/store")
p, r, f1, (only_spark, only_store) = pairs_f1(list(groups.values()), emb)
print(f"near-duplicate pairs: spark {sum(len(g)*(len(g)-1)//2 for g in groups.values())}, "
      f"ingest {sum(len(g)*(len(g)-1)//2 for g in emb)}; P {p:.4f} R {r:.4f} F1 {f1:.4f}")
with open(f"{d}/dup-diff.txt", "w") as f:
    for a, b in sorted(only_spark):
        f.write(f"spark-only\t{a}\t{b}\n")
    for a, b in sorted(only_store):
        f.write(f"ingest-only\t{a}\t{b}\n")
PY
