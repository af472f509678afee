#!/usr/bin/env bash
# Load test of `quotetrace serve` on a store of synthetic articles, from second processes on
# loopback.
#
# What it measures
#   * A store of $QT_LOAD_DOCS synthetic articles (default 100,000; bench/synth_corpus.py
#     recombines PolNeAR train paragraphs, as bench/scale.sh does), built once and kept in
#     bench/out/load/ (QT_LOAD_REBUILD=1 builds it again).
#   * The release server on 127.0.0.1 with its defaults (4 read connections).
#   * Open-loop load at a fixed rate ($RATE requests/s for $SECONDS_EACH s per kind) from
#     crates/server/examples/load.rs, a separate process: latency is counted from the moment a
#     request was due, so queueing in the server shows. Kinds: quote search
#     (GET /api/quotes?q=two words), trace (POST /api/trace with ten words of a stored quote),
#     full search over quotes and articles (GET /api/search?q=), and the quote page
#     (GET /quotes/{id}, HTML with the provenance and its timeline). Queries are made from
#     quotes sampled in the store. Goal of the issue: p99 < 50 ms at 200 requests/s for quote
#     search and trace, with no errors.
#   * Throughput ceiling: wrk (Debian package; closed loop, 8 connections, 20 s) on quote
#     search and on the quote page, rotating through sampled queries.
#   Each kind is run $PASSES times; medians are reported.
#
# How to run:  bench/serve_load.sh      (QT_LOAD_DOCS=20000 for a quicker look)
# Needs ../shared/bench for the PolNeAR texts the corpus is made from, and wrk
# (apt-get install wrk; installed by the script when missing and root).
# Outputs: bench/out/serve_load.jsonl (every run), bench/out/serve_load.txt (the summary).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench

N="${QT_LOAD_DOCS:-100000}"
RATE="${RATE:-200}"
SECONDS_EACH="${SECONDS_EACH:-30}"
PASSES="${PASSES:-3}"
PORT="${PORT:-18080}"
DIR="$OUT/load"
STORE="$DIR/store-$N"
mkdir -p "$DIR"

release_build -p quotetrace
release_build -p quotetrace-server --example load
LOAD="$ROOT/target/release/examples/load"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || log "wrk not available: skipping the throughput ceiling"; }

if [[ "${QT_LOAD_REBUILD:-0}" == 1 || ! -f "$STORE/quotetrace.db" ]]; then
  CORPUS="$DIR/synth-$N.jsonl"
  [[ -s "$CORPUS" ]] || python3 "$ROOT/bench/synth_corpus.py" "$SHARED_BENCH/data/polnear/train/text" "$N" "$CORPUS"
  rm -rf "$STORE"
  log "ingesting $N articles into $STORE"
  "$QT_BIN" ingest -q --store "$STORE" "$CORPUS"
fi

"$QT_BIN" serve --store "$STORE" --addr "127.0.0.1:$PORT" 2> "$DIR/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/api/health" | tee "$DIR/health.json"; echo

RESULTS="$OUT/serve_load.jsonl"
: > "$RESULTS"
log "warming up"
"$LOAD" "http://127.0.0.1:$PORT" "$STORE" quotes 50 4 >/dev/null
for pass in $(seq "$PASSES"); do
  for kind in quotes trace search pages; do
    log "pass $pass: $kind at $RATE/s for $SECONDS_EACH s"
    "$LOAD" "http://127.0.0.1:$PORT" "$STORE" "$kind" "$RATE" "$SECONDS_EACH" | tee -a "$RESULTS"
  done
done

WRK_OUT="$DIR/wrk.txt"
: > "$WRK_OUT"
if command -v wrk >/dev/null; then
  # Paths for wrk to rotate through, made from the same sampled quotes.
  "$QT_BIN" quotes --store "$STORE" --limit 500 --format jsonl | python3 -c '
import json, sys, re
qs = [json.loads(l) for l in sys.stdin]
with open(sys.argv[1], "w") as f:
    for q in qs:
        w = [x for x in re.split(r"\W+", q["text"]) if len(x) > 4]
        if len(w) >= 2:
            f.write("/api/quotes?q=%s+%s&limit=20\n" % (w[0], w[1]))
with open(sys.argv[2], "w") as f:
    for q in qs:
        f.write("/quotes/%d\n" % q["id"])
' "$DIR/wrk-quotes.txt" "$DIR/wrk-pages.txt"
  cat > "$DIR/rotate.lua" <<'LUA'
local paths = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
  for kind in quotes pages; do
    log "wrk: $kind, 8 connections, 20 s"
    { echo "== $kind"; wrk -t2 -c8 -d20s --latency -s "$DIR/rotate.lua" "http://127.0.0.1:$PORT" -- "$DIR/wrk-$kind.txt"; } | tee -a "$WRK_OUT"
  done
fi

python3 - "$RESULTS" "$WRK_OUT" "$N" "$RATE" <<'PY' | tee "$OUT/serve_load.txt"
import json, statistics, sys, re
rows = [json.loads(l) for l in open(sys.argv[1])]
n, rate = sys.argv[3], sys.argv[4]
print(f"quotetrace serve, store of {int(n):,} synthetic articles, open-loop load at {rate} requests/s")
print(f"{'kind':8} {'runs':>4} {'achieved/s':>10} {'median ms':>9} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6}")
for kind in ["quotes", "trace", "search", "pages"]:
    r = [x for x in rows if x["kind"] == kind]
    if not r:
        continue
    def med(k):
        v = [x[k] for x in r if x[k] is not None]
        return statistics.median(v) if v else float("nan")
    print(f"{kind:8} {len(r):>4} {med('achieved_rate'):>10.1f} {med('median_ms'):>9.2f} {med('p90_ms'):>7.2f} {med('p99_ms'):>7.2f} {med('max_ms'):>7.1f} {sum(x['errors'] for x in r):>6}")
print("(median over runs of each run's figure; errors summed; p99 goal < 50 ms for quotes and trace)")
text = open(sys.argv[2]).read()
for block in text.split("== ")[1:]:
    kind = block.split()[0]
    rps = re.search(r"Requests/sec:\s+([\d.]+)", block)
    p99 = re.search(r"99%\s+([\d.]+\w+)", block)
    errs = re.search(r"Non-2xx or 3xx responses: (\d+)", block)
    print(f"wrk {kind}: {rps.group(1) if rps else '?'} requests/s at 8 connections, p99 {p99.group(1) if p99 else '?'}, non-2xx {errs.group(1) if errs else 0}")
PY
