#!/usr/bin/env bash
# What the corpus tells a fact-checker, checked on ECB+ and the Zyte pages (issue 17).
#
# Builds a store of ECB+ (982 articles, 43 topics of two events each) and the 181 Zyte news
# pages (HTML), then prints (bench/corpus_trust.py): corpus speakers with >= 20 ECB+ quotes
# spanning more than 3 unrelated ECB+ topics (goal 0: such a "speaker" is several people or a
# generic word merged across stories), speaker names of >= 6 words (goal 0), stories whose
# dated articles span more than a year (goal 0: undated ECB+ articles must not tie together
# pages of different years), and 50 quotes
# sampled with a fixed seed as the row a fact-checker reads (quote, speaker, outlet, date) for a
# person to review.
#
# How to run: bench/corpus_trust.sh   (QT_SKIP_BUILD=1 to use target/release/quotetrace as is;
# QT_SHARED_BENCH=/path/to/shared/bench). Outputs in bench/out/corpus_trust/ (gitignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
release_build -p quotetrace
W="$OUT/corpus_trust"
rm -rf "$W" && mkdir -p "$W"
ECB="$SHARED_BENCH/data/ecbplus/ecbplus_docs.jsonl"
"$QT_BIN" ingest -q --store "$W/store" "$ECB" "$SHARED_BENCH/data/zyte/html"
"$QT_BIN" export --format jsonl --store "$W/store" > "$W/export.jsonl"
"$QT_BIN" speakers --format json --limit 1000000 --store "$W/store" > "$W/speakers.json"
"$QT_BIN" stories --format jsonl --store "$W/store" > "$W/stories.jsonl"
python3 "$BENCH_DIR/corpus_trust.py" "$ECB" "$W/export.jsonl" "$W/speakers.json" \
  --stories "$W/stories.jsonl" | tee "$W/report.md"
