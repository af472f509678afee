#!/usr/bin/env bash
# Boilerplate in scraped text: `quotetrace clean` and `extract` on whole pages converted to
# Markdown, beside jusText on the same text in the same run.
#
# What it measures (../shared/bench/data/scraped: 427 pages, README there; scorer
# ../shared/bench/score_scraped.py)
#   1. Text: `quotetrace clean dev.jsonl` against the gold main text (4-word shingles, P/R
#      averaged per page, the Zyte benchmark's metric); also the Markdown left as it is.
#   2. Quotes: `quotetrace extract dev.jsonl` against extraction on the gold main texts read
#      as articles: recall of the article's own direct and partial quotes (loose: token F1 >= 0.8),
#      and the share of reported quotes whose words are mostly not in the article
#      (`leak_rate_clear`: quotes from boilerplate).
#   3. Speed: `quotetrace clean --jobs 1` on the 427 pages repeated $COPIES times (default 5),
#      whole process (reading JSON, writing JSON), best of $PASSES runs (default 3).
#   The peer: jusText 3.0.2 on the Markdown's paragraphs (bench/peers/justext_paragraphs.py),
#   its kept text scored the same way, then `quotetrace extract` on it for the quote columns;
#   its speed counts the jusText calls only.
#
# How to run (from anywhere in the repo)
#   bench/scraped_quality.sh
# Switches: QT_SKIP_BUILD=1 (use target/release/quotetrace as built), QT_SKIP_PEER=1,
#   COPIES=N, PASSES=N, QT_SHARED_BENCH=/path/to/bench.
# The first run pip-installs jusText, html2text and lxml into bench/.venv (PyPI).
# Outputs (bench/out/, gitignored): scraped.*.jsonl, score.scraped.*.json, scraped_quality.txt.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_scraped_bench
need_quotetrace
COPIES="${COPIES:-5}"
PASSES="${PASSES:-3}"
GOLD="$DATA/dev_gold.jsonl"

# The reference quotes: the gold main texts read as articles (extract's article mode, the
# exact rules only: crates/quotes/examples/extract_articles.rs).
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
release_build -p quotetrace-quotes --example extract_articles
python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        r = json.loads(line)
        out.write(json.dumps({"id": r["id"], "text": r["main"]}, ensure_ascii=False) + "\n")
' "$GOLD" "$OUT/scraped.gold_texts.jsonl"
"$TARGET_DIR/release/examples/extract_articles" < "$OUT/scraped.gold_texts.jsonl" \
  > "$OUT/scraped.ref_extract.jsonl"

log "quotetrace clean / extract on $DATA/dev.jsonl"
"$QT_BIN" clean --quiet --jobs 1 "$DATA/dev.jsonl" > "$OUT/scraped.quotetrace.clean.jsonl"
"$QT_BIN" extract --quiet --jobs 1 "$DATA/dev.jsonl" > "$OUT/scraped.quotetrace.extract.jsonl"
python3 "$SCORE" text "$GOLD" "$OUT/scraped.quotetrace.clean.jsonl" > "$OUT/score.scraped.quotetrace.text.json"
python3 "$SCORE" quotes "$GOLD" "$OUT/scraped.ref_extract.jsonl" \
  "$OUT/scraped.quotetrace.extract.jsonl" > "$OUT/score.scraped.quotetrace.quotes.json"
python3 "$SCORE" text "$GOLD" "$DATA/dev.jsonl" > "$OUT/score.scraped.none.text.json"

log "clean speed: $COPIES copies of the dev set, --jobs 1, best of $PASSES"
for _ in $(seq "$COPIES"); do cat "$DATA/dev.jsonl"; done > "$OUT/scraped.speed.jsonl"
PAGES=$(wc -l < "$OUT/scraped.speed.jsonl")
BEST=""
for _ in $(seq "$PASSES"); do
  t0=$(now)
  "$QT_BIN" clean --quiet --jobs 1 "$OUT/scraped.speed.jsonl" > /dev/null
  t1=$(now)
  s=$(python3 -c "print($t1 - $t0)")
  if [[ -z "$BEST" ]] || python3 -c "import sys; sys.exit(not ($s < $BEST))"; then BEST="$s"; fi
done
python3 -c "import json; print(json.dumps({'pages': $PAGES, 'elapsed_s': round($BEST, 3), 'pages_per_s': round($PAGES / $BEST, 1)}))" \
  > "$OUT/stats.scraped.quotetrace.json"

ROWS=("quotetrace clean / extract=$OUT/score.scraped.quotetrace.text.json,$OUT/score.scraped.quotetrace.quotes.json,$OUT/stats.scraped.quotetrace.json")
ROWS+=("no cleaning (the Markdown as it is)=$OUT/score.scraped.none.text.json,,")

if [[ "${QT_SKIP_PEER:-0}" != 1 ]]; then
  ensure_scraped_venv
  log "jusText on the same pages"
  "$VENV/bin/python" "$ROOT/bench/peers/justext_paragraphs.py" --out "$OUT/scraped.justext.clean.jsonl" \
    --stats "$OUT/stats.scraped.justext.json" "$DATA/dev.jsonl"
  "$QT_BIN" extract --quiet --jobs 1 "$OUT/scraped.justext.clean.jsonl" > "$OUT/scraped.justext.extract.jsonl"
  python3 "$SCORE" text "$GOLD" "$OUT/scraped.justext.clean.jsonl" > "$OUT/score.scraped.justext.text.json"
  python3 "$SCORE" quotes "$GOLD" "$OUT/scraped.ref_extract.jsonl" \
    "$OUT/scraped.justext.extract.jsonl" > "$OUT/score.scraped.justext.quotes.json"
  ROWS+=("jusText 3.0.2 on the Markdown's paragraphs, then quotetrace extract=$OUT/score.scraped.justext.text.json,$OUT/score.scraped.justext.quotes.json,$OUT/stats.scraped.justext.json")
fi

echo
python3 - "${ROWS[@]}" <<'EOF' | tee "$OUT/scraped_quality.txt"
import json, sys

def load(path):
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)

print("Scraped Markdown (../shared/bench/data/scraped, 427 pages), one thread")
print()
print("| system | text P | text R | text F1 | quotes from boilerplate | recall of the article's quotes | pages/s |")
print("|---|---|---|---|---|---|---|")
for row in sys.argv[1:]:
    name, files = row.split("=", 1)
    text, quotes, stats = (load(p) for p in files.split(","))
    cell = lambda d, k, fmt="{:.3f}": fmt.format(d[k]) if d.get(k) is not None else ""
    leak = quotes.get("leak_rate_clear")
    print(f"| {name} | {cell(text, 'precision')} | {cell(text, 'recall')} | **{cell(text, 'f1')}** | "
          f"{'' if leak is None else f'{100 * leak:.1f}%'} | {cell(quotes, 'recall_loose')} | "
          f"{cell(stats, 'pages_per_s', '{:,.0f}')} |")
EOF
