#!/usr/bin/env bash
# Story clustering quality and speed: quotetrace-link's incremental StoryClusterer vs a
# TF-IDF + cosine + average-link peer (scikit-learn) on ECB+.
#
# What it measures
#   ECB+ (../shared/bench/data/ecbplus/ecbplus_docs.jsonl): 982 news articles about 86 events,
#   two different events per topic (two earthquakes, two coach firings, ...), no dates.
#   * quotetrace: `cargo run --release -p quotetrace-link --example stories_eval` with the
#     default StoryConfig, fed the articles one at a time in file order, then in shuffled orders
#     (seeds $SEEDS). Each article is assigned when it arrives, from what came before; the
#     latest 10,000 are then refined together at the end of the stream, as `quotetrace ingest`
#     does at the end of each run ("quotetrace"). "arrival only" is the same with refinement
#     off (`--set refine_window=0`): the decisions made on arrival.
#   * quotetrace through the CLI: `quotetrace ingest` of the ECB+ file into a fresh store, then
#     `quotetrace stories --format jsonl` ("cli, 1 run"); and the same file shuffled and cut
#     into five parts ingested one after the other ("cli, 5 runs").
#   * peer: TF-IDF (scikit-learn TfidfVectorizer, English stop words, sublinear tf) + cosine +
#     average-link agglomerative clustering over the whole collection at once (a batch method:
#     it sees every article before deciding). Its threshold is fixed, not tuned: clusters are
#     merged while their average cosine similarity is >= $PEER_SIMILARITY, the same number and
#     the same meaning (average similarity to a story's articles) as quotetrace's default.
#   Both are scored by ../shared/bench/score_stories.py: B-cubed P/R/F1, pairwise F1, ARI.
#   Articles/s: clustering time only (quotetrace: the add() loop; peer: vectorising + distance
#   matrix + clustering), one thread each. quotetrace is also timed on ECB+ repeated
#   $REPEAT times (ids suffixed) for a steadier figure.
#
#   SWEEP=1 adds sensitivity tables (score vs threshold) for both systems on ECB+, and the
#   tables on the project's own sanity sets (crates/link/tests/data/stories_sanity.jsonl and
#   stories_sanity_more.jsonl, with and without dates) on which the defaults were chosen. The ECB+ tables are for
#   information: the defaults were not picked from them.
#
# How to run (from anywhere in the repo)
#   bench/stories_quality.sh            # defaults, file order + shuffled, and the peer
#   SWEEP=1 bench/stories_quality.sh    # plus the sensitivity tables
# Switches: QT_SKIP_BUILD=1 (use the built example as is), QT_SKIP_PEER=1, SEEDS="1 2 3",
#   REPEAT=20, PEER_SIMILARITY=0.25, QT_SHARED_BENCH=/path/to/bench, CARGO_TARGET_DIR.
# The first run creates bench/.venv (python3 -m venv) and pip-installs scikit-learn (PyPI).
# Outputs (bench/out/, gitignored): stories.*.jsonl predictions, stories_quality.txt.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA="$SHARED_BENCH/data/ecbplus/ecbplus_docs.jsonl"
SCORER="$SHARED_BENCH/score_stories.py"
SANITY="$ROOT/crates/link/tests/data/stories_sanity.jsonl"
SANITY_MORE="$ROOT/crates/link/tests/data/stories_sanity_more.jsonl"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
EVAL="$TARGET/release/examples/stories_eval"
SEEDS="${SEEDS:-1 2 3 4 5}"
REPEAT="${REPEAT:-20}"
PEER_SIMILARITY="${PEER_SIMILARITY:-0.25}"

# Its own prefix on what lib.sh's helpers log too.
log() { printf '[stories] %s\n' "$*" >&2; }

if [[ ! -f "$DATA" || ! -f "$SCORER" ]]; then
  log "ECB+ data or scorer not found under $SHARED_BENCH (set QT_SHARED_BENCH)"
  exit 2
fi

QT_BIN="$TARGET/release/quotetrace"
release_build --quiet -p quotetrace-link --example stories_eval
release_build --quiet --bin quotetrace
if [[ ! -x "$EVAL" ]]; then
  log "no stories_eval binary at $EVAL"
  exit 1
fi

# Rows of the report: one JSON object per line (scores + system, order, speed).
ROWS="$OUT/stories_rows.jsonl"
: > "$ROWS"

# score NAME ORDER PRED STDERR_FILE: appends one row. The speed comes from the "N articles/s"
# in the run's standard error.
score() {
  local name="$1" order="$2" pred="$3" err="$4" file="${5:-$DATA}"
  python3 "$SCORER" "$file" "$pred" | python3 -c '
import json, re, sys
row = json.loads(sys.stdin.read())
m = re.search(r"([0-9.]+) articles/s", open(sys.argv[3]).read())
row.update(system=sys.argv[1], order=sys.argv[2], articles_per_s=float(m.group(1)) if m else None)
print(json.dumps(row))' "$name" "$order" "$err" >> "$ROWS"
}

# --- quotetrace ------------------------------------------------------------------------------
# run_eval NAME TAG [args...]: file order and each shuffled seed.
run_eval() {
  local name="$1" tag="$2"; shift 2
  log "$name, file order"
  "$EVAL" "$DATA" "$@" > "$OUT/stories.$tag.file.jsonl" 2> "$OUT/stories.$tag.file.err"
  score "$name" file "$OUT/stories.$tag.file.jsonl" "$OUT/stories.$tag.file.err"
  for seed in $SEEDS; do
    log "$name, shuffled (seed $seed)"
    "$EVAL" "$DATA" --shuffle "$seed" "$@" > "$OUT/stories.$tag.shuffled$seed.jsonl" \
      2> "$OUT/stories.$tag.shuffled$seed.err"
    score "$name" "shuffled-$seed" "$OUT/stories.$tag.shuffled$seed.jsonl" \
      "$OUT/stories.$tag.shuffled$seed.err"
  done
}
run_eval quotetrace quotetrace
run_eval "arrival only" arrival --set refine_window=0

# Through the CLI: what a user gets from `ingest` then `stories`.
if [[ -x "$QT_BIN" ]]; then
  CLI_DIR="$(mktemp -d)"
  trap 'rm -rf "$CLI_DIR"' EXIT
  log "cli: quotetrace ingest of the ECB+ file, then stories --format jsonl"
  "$QT_BIN" ingest --quiet --store "$CLI_DIR/one" "$DATA" 2> "$OUT/stories.cli1.err"
  "$QT_BIN" stories --store "$CLI_DIR/one" --format jsonl > "$OUT/stories.cli1.jsonl"
  score "cli, 1 run" file "$OUT/stories.cli1.jsonl" "$OUT/stories.cli1.err"
  log "cli: the file shuffled (seed 3), in five parts, one ingest each"
  python3 - "$DATA" "$CLI_DIR" <<'PY'
import random, sys
lines = open(sys.argv[1], encoding="utf-8").readlines()
random.Random(3).shuffle(lines)
for k in range(5):
    open(f"{sys.argv[2]}/part{k}.jsonl", "w", encoding="utf-8").writelines(lines[k::5])
PY
  for k in 0 1 2 3 4; do
    "$QT_BIN" ingest --quiet --store "$CLI_DIR/five" "$CLI_DIR/part$k.jsonl" 2>> "$OUT/stories.cli5.err"
  done
  "$QT_BIN" stories --store "$CLI_DIR/five" --format jsonl > "$OUT/stories.cli5.jsonl"
  score "cli, 5 runs" shuffled "$OUT/stories.cli5.jsonl" "$OUT/stories.cli5.err"
fi
log "quotetrace, throughput on ECB+ x $REPEAT"
"$EVAL" "$DATA" --repeat "$REPEAT" > /dev/null 2> "$OUT/stories.quotetrace.repeat.err"
REPEAT_LINE="$(tail -1 "$OUT/stories.quotetrace.repeat.err")"

# --- peer ------------------------------------------------------------------------------------
PEER_PY="$OUT/stories_peer_tfidf.py"
cat > "$PEER_PY" <<'PY'
"""TF-IDF + cosine + average-link agglomerative clustering (scikit-learn), batch.

usage: stories_peer_tfidf.py DOCS.jsonl SIMILARITY > PRED.jsonl  (timing on stderr)
Clusters are merged while their average cosine similarity is >= SIMILARITY.
"""
import json, sys, time

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
similarity = float(sys.argv[2])
texts = [((d.get("title") or "") + "\n" + (d.get("text") or "")) for d in docs]
started = time.perf_counter()
tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
distance = np.clip(1.0 - cosine_similarity(tfidf), 0.0, None)
labels = AgglomerativeClustering(
    n_clusters=None, metric="precomputed", linkage="average",
    distance_threshold=1.0 - similarity,
).fit_predict(distance)
seconds = time.perf_counter() - started
for d, label in zip(docs, labels):
    print(json.dumps({"doc": str(d.get("doc_id", d.get("id"))), "story": int(label)}))
print(f"articles: {len(docs)}, stories: {len(set(labels))}, clustering: {seconds:.3f} s, "
      f"{len(docs) / seconds:.0f} articles/s", file=sys.stderr)
PY

if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
  ensure_venv_with python3 'import sklearn' scikit-learn
  log "peer: TF-IDF + average link at similarity $PEER_SIMILARITY"
  "$VENV/bin/python" "$PEER_PY" "$DATA" "$PEER_SIMILARITY" > "$OUT/stories.peer.jsonl" \
    2> "$OUT/stories.peer.err"
  score "tfidf-avglink@$PEER_SIMILARITY" "batch" "$OUT/stories.peer.jsonl" "$OUT/stories.peer.err"
fi

# --- report ----------------------------------------------------------------------------------
report() {
  python3 - "$ROWS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cols = ["bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "ari"]
head = f"{'system':<22} {'order':<11} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pw F1':>6} {'ARI':>6} {'stories':>7} {'art/s':>7}"
print(head)
print("-" * len(head))
def line(system, order, vals, stories, speed):
    speed = f"{speed:7.0f}" if speed else "      -"
    print(f"{system:<22} {order:<11} " + " ".join(f"{v:6.3f}" for v in vals) + f" {stories:>7} {speed}")
for r in rows:
    line(r["system"], r["order"], [r[c] for c in cols], r["pred_stories"], r["articles_per_s"])
for system in dict.fromkeys(r["system"] for r in rows):
    shuffled = [r for r in rows if r["system"] == system and r["order"].startswith("shuffled-")]
    if shuffled:
        mean = [sum(r[c] for r in shuffled) / len(shuffled) for c in cols]
        stories = round(sum(r["pred_stories"] for r in shuffled) / len(shuffled))
        speeds = [r["articles_per_s"] for r in shuffled if r["articles_per_s"]]
        line(system, "shuf. mean", mean, stories, sum(speeds) / len(speeds) if speeds else None)
PY
}

{
  echo "ECB+ ($(wc -l < "$DATA") articles, $(python3 -c "import json,sys; print(len({json.loads(l)['subtopic'] for l in open(sys.argv[1])}))" "$DATA") gold stories); quotetrace defaults, incremental with refinement (arrival only: without); peer batch"
  echo
  report
  echo
  echo "quotetrace throughput, ECB+ x $REPEAT: $REPEAT_LINE"
} | tee "$OUT/stories_quality.txt"

# --- sensitivity tables (SWEEP=1) --------------------------------------------------------------
if [[ "${SWEEP:-0}" == 1 ]]; then
  # sweep LABEL FILE [args...]: B-cubed F1 per threshold, file order and mean over $SEEDS.
  sweep() {
    local label="$1" file="$2"; shift 2
    echo
    echo "$label: B-cubed F1 by threshold (file order | mean of shuffled seeds $SEEDS)"
    for t in 0.10 0.15 0.20 0.25 0.30 0.35 0.40; do
      local f s=""
      f="$("$EVAL" "$file" --threshold "$t" "$@" 2>/dev/null | python3 "$SCORER" "$file" /dev/stdin \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["bcubed_f1"])')"
      for seed in $SEEDS; do
        s="$s $("$EVAL" "$file" --threshold "$t" --shuffle "$seed" "$@" 2>/dev/null \
          | python3 "$SCORER" "$file" /dev/stdin | python3 -c 'import json,sys; print(json.load(sys.stdin)["bcubed_f1"])')"
      done
      printf '  %s  %s | %s\n' "$t" "$f" "$(python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{sum(v)/len(v):.4f}")' $s)"
    done
  }
  undated() {
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line); r.pop("published", None); print(json.dumps(r))' "$1" > "$2"
  }
  UNDATED="$OUT/stories_sanity_undated.jsonl"
  UNDATED_MORE="$OUT/stories_sanity_more_undated.jsonl"
  undated "$SANITY" "$UNDATED"
  undated "$SANITY_MORE" "$UNDATED_MORE"
  {
    sweep "sanity set, dated (where the default threshold was chosen)" "$SANITY"
    sweep "sanity set, undated" "$UNDATED"
    sweep "second sanity set (recurring events), dated" "$SANITY_MORE"
    sweep "second sanity set (recurring events), undated" "$UNDATED_MORE"
    sweep "sanity set, undated, arrival only" "$UNDATED" --set refine_window=0
    sweep "second sanity set, undated, arrival only" "$UNDATED_MORE" --set refine_window=0
    sweep "ECB+, quotetrace (information only)" "$DATA"
    if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
      echo
      echo "ECB+, peer TF-IDF + average link: B-cubed F1 by similarity threshold (information only)"
      for t in 0.10 0.15 0.20 0.25 0.30 0.35 0.40; do
        printf '  %s  %s\n' "$t" "$("$VENV/bin/python" "$PEER_PY" "$DATA" "$t" 2>/dev/null \
          | python3 "$SCORER" "$DATA" /dev/stdin | python3 -c 'import json,sys; print(json.load(sys.stdin)["bcubed_f1"])')"
      done
    fi
  } | tee -a "$OUT/stories_quality.txt"
fi
