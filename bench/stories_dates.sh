#!/usr/bin/env bash
# Stories and dates (issue 17): with dated and undated articles mixed, does a story span years?
#
# What it measures
#   bench/stories_dates.py gives ECB+'s events dates years apart (its two events per topic),
#   then drops the dates of 0, 25, 50, 75 and 100% of the articles (seeds $SEEDS); the
#   project's two sanity sets lose 25 and 50% of theirs. `stories_eval` (the default
#   StoryConfig, file order, refinement at the end as `quotetrace ingest` does) clusters each
#   file; the table gives B-cubed F1 (all articles; undated ones), stories whose dated articles
#   span more than a year (`wide`, goal 0), stories mixing two events, and undated articles
#   in another event's story, medians over the seeds.
#   QT_BASE_EVAL=/path/to/an/older/stories_eval adds its rows, run on the same files in the
#   same run (the before/after of a change).
#
# How to run:  bench/stories_dates.sh   (QT_SKIP_BUILD=1 reuses the built example; SEEDS="1 2 3")
# Outputs: bench/out/stories_dates/ (gitignored), the table in bench/out/stories_dates.txt.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
release_build --quiet -p quotetrace-link --example stories_eval
EVAL="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/stories_eval"
DIR="$OUT/stories_dates" && mkdir -p "$DIR"

systems=("now=$EVAL")
if [[ -n "${QT_BASE_EVAL:-}" ]]; then
  systems=("before=$QT_BASE_EVAL" "${systems[@]}")
fi

rows="$DIR/rows.jsonl"
: > "$rows"
case_run() { # SET FRACTION SRC [--ecb]
  local set="$1" fraction="$2" src="$3"; shift 3
  for seed in ${SEEDS:-1 2 3}; do
    local file="$DIR/$set.$fraction.$seed.jsonl"
    python3 "$BENCH_DIR/stories_dates.py" make "$src" "$file" "$fraction" "$seed" "$@"
    for s in "${systems[@]}"; do
      local name="${s%%=*}" bin="${s#*=}"
      "$bin" "$file" > "$DIR/pred.jsonl" 2> /dev/null
      python3 "$BENCH_DIR/stories_dates.py" score "$file" "$DIR/pred.jsonl" \
        | python3 -c 'import json,sys; r=json.load(sys.stdin); r.update(set=sys.argv[1], fraction=sys.argv[2], system=sys.argv[3]); print(json.dumps(r))' \
          "$set" "$fraction" "$name" >> "$rows"
    done
  done
}
for f in 0 0.25 0.5 0.75 1; do
  log "ECB+ with event dates, $f of the dates dropped"
  case_run ecb+ "$f" "$SHARED_BENCH/data/ecbplus/ecbplus_docs.jsonl" --ecb
done
for f in 0.25 0.5; do
  log "sanity sets, $f of the dates dropped"
  case_run sanity "$f" "$ROOT/crates/link/tests/data/stories_sanity.jsonl"
  case_run sanity-more "$f" "$ROOT/crates/link/tests/data/stories_sanity_more.jsonl"
done

python3 - "$rows" <<'PY' | tee "$OUT/stories_dates.txt"
import json, statistics, sys
from collections import defaultdict
groups = defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    groups[(r["set"], r["fraction"], r["system"])].append(r)
med = lambda rs, k: statistics.median(r[k] for r in rs if r[k] is not None) if any(r[k] is not None for r in rs) else None
fmt = lambda v: "-" if v is None else (f"{v:.3f}" if isinstance(v, float) and v < 1.5 and v != int(v) else f"{v:g}")
print("| set | dates dropped | build | B-cubed F1 (P / R) | undated articles' F1 | stories spanning > 1 year | stories mixing two events | undated in another event's story |")
print("|---|---|---|---|---|---|---|---|")
for (s, f, sy), rs in groups.items():
    print(f"| {s} | {f} | {sy} | {fmt(med(rs,'bcubed_f1'))} ({fmt(med(rs,'bcubed_p'))} / {fmt(med(rs,'bcubed_r'))}) "
          f"| {fmt(med(rs,'undated_f1'))} | {fmt(med(rs,'wide'))} | {fmt(med(rs,'mixed'))} | {fmt(med(rs,'misplaced'))} |")
PY
