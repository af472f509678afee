#!/usr/bin/env bash
# Corpus scale: ingest N synthetic-but-realistic articles (default 1,000,000; paragraphs of
# real articles recombined by bench/synth_corpus.py) into a fresh store, then measure query
# latency on that store.
#
# Reports: ingest articles/s and peak RSS (/usr/bin/time -v), store size, and for `trace` and
# `search` the median and p99 latency (a) in process, store opened once, as a server would
# (crates/store/examples/query_bench.rs), and (b) as a command, process start included.
#   bench/scale.sh                 # 1,000,000 articles: needs ~12 GB of disk and about half an hour
#   QT_SCALE_DOCS=100000 bench/scale.sh
# Switches: QT_SKIP_BUILD=1, QT_SCALE_DIR (default bench/out/scale), QT_KEEP=1 (keep the store),
# QT_QUERY_ONLY=1 (measure queries again on the store a QT_KEEP=1 run left; an older store is
# upgraded by its first command).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
N="${QT_SCALE_DOCS:-1000000}"
DIR="${QT_SCALE_DIR:-$OUT/scale}"
release_build -p quotetrace
release_build -p quotetrace-store --example query_bench
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
mkdir -p "$DIR"
CORPUS="$DIR/synth-$N.jsonl"
if [[ ! -s "$CORPUS" && "${QT_QUERY_ONLY:-0}" != 1 ]]; then
  log "generating $N articles into $CORPUS"
  python3 "$ROOT/bench/synth_corpus.py" "$SHARED_BENCH/data/polnear/train/text" "$N" "$CORPUS"
fi
STORE="$DIR/store-$N"
if [[ "${QT_QUERY_ONLY:-0}" == 1 ]]; then
  [[ -d "$STORE" ]] || { echo "QT_QUERY_ONLY=1: no store at $STORE" >&2; exit 1; }
  "$QT_BIN" speakers --store "$STORE" --limit 1 > /dev/null
  QT_KEEP=1
else
  rm -rf "$STORE"
  log "ingesting into $STORE"
  /usr/bin/time -v "$QT_BIN" ingest --store "$STORE" "$CORPUS" 2> "$DIR/ingest.log"
  grep -E "quotetrace:|Maximum resident|Elapsed" "$DIR/ingest.log" | tee "$DIR/ingest.summary"
  du -sh "$STORE" | tee -a "$DIR/ingest.summary"
fi
log "query latency, in process"
"$ROOT/target/release/examples/query_bench" "$STORE" 1000 | tee "$DIR/query.json"
log "query latency, as commands (process start included)"
python3 - "$QT_BIN" "$STORE" <<'PY' | tee "$DIR/command.json"
import json, subprocess, sys, time
qt, store = sys.argv[1], sys.argv[2]
out = subprocess.run([qt, "quotes", "--store", store, "--limit", "2000", "--format", "jsonl"], capture_output=True, text=True).stdout.splitlines()
step = max(1, len(out) // 100)
samples = [json.loads(l)["text"] for l in out[::step][:100]]
def timed(args):
    t = time.perf_counter(); subprocess.run(args, capture_output=True); return (time.perf_counter() - t) * 1000
tr = sorted(timed([qt, "trace", "--store", store, "--format", "json", " ".join(s.split()[:10])]) for s in samples)
se = sorted(timed([qt, "search", "--store", store, "--format", "json", " ".join([w for w in s.split() if len(w) > 4][:2]) or "said"]) for s in samples)
p = lambda v, q: v[min(len(v) - 1, int(round((len(v) - 1) * q)))]
print(json.dumps({"commands": len(tr), "trace_median_ms": round(p(tr, .5), 1), "trace_p99_ms": round(p(tr, .99), 1), "search_median_ms": round(p(se, .5), 1), "search_p99_ms": round(p(se, .99), 1)}))
PY
[[ "${QT_KEEP:-0}" == 1 ]] || rm -rf "$STORE"
