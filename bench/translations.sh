#!/usr/bin/env bash
# Translation / paraphrase variants (issue 22): does quotetrace put the quotes of one statement,
# however translated, into one quote-variant group?
#
# Data: ../shared/bench/data/translations (README there): 96 Russian news documents of WMT21,
# each in 8 English versions (2 human translations, 6 MT systems); gold = two quotes of
# different versions share a source segment. The scorer (../shared/bench/score_variants.py)
# prints pairwise P/R/F1 over cross-version pairs of quotetrace's own quotes, links across
# documents (all wrong), B-cubed, breakdowns, and two baselines on the same quotes (exact text;
# bag-of-words cosine, pair relation >= 0.4 and single-link clusters >= 0.5, the thresholds the
# data README gives).
#   bench/translations.sh
# Switches: QT_SKIP_BUILD=1, QT_EXAMPLES="10 5" (print missed / wrong examples),
#   QT_VARIANTS_JSON=path (the scorer's full JSON).
# Outputs (bench/out/translations/): export.jsonl, stories.jsonl, report.txt.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
DATA="$SHARED_BENCH/data/translations"
if [[ "${QT_SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && cargo build --quiet --release -p quotetrace)
fi
DIR="$OUT/translations"
mkdir -p "$DIR"
STORE="$(mktemp -d)/store"
trap 'rm -rf "$(dirname "$STORE")"' EXIT
start=$(date +%s.%N)
"$QT_BIN" ingest --store "$STORE" "$DATA/dev.jsonl" 2> "$DIR/ingest.log"
end=$(date +%s.%N)
"$QT_BIN" export --store "$STORE" --format jsonl > "$DIR/export.jsonl"
"$QT_BIN" stories --store "$STORE" --format jsonl > "$DIR/stories.jsonl"
extra=()
[[ -n "${QT_EXAMPLES:-}" ]] && read -r -a ex <<< "$QT_EXAMPLES" && extra+=(--examples "${ex[@]}")
[[ -n "${QT_VARIANTS_JSON:-}" ]] && extra+=(--json "$QT_VARIANTS_JSON")
python3 "$SHARED_BENCH/score_variants.py" --corpus "$DATA/dev.jsonl" \
  --segmap "$DATA/dev.segmap.json" --export "$DIR/export.jsonl" \
  --stories "$DIR/stories.jsonl" --cosine-t 0.4 --cosine-link-t 0.5 "${extra[@]}" \
  | tee "$DIR/report.txt"
# The issue's third goal: of the statements both human translations quote, the share whose
# two reference quotes are linked (recall over ref-ref pairs).
python3 - "$DIR/report.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"\| ref-ref \| (\d+) \| ([0-9.n/a ]+) / ([0-9.n/a ]+) / ", text)
if m:
    print(f"\ntwo human translations linked (ref-ref pairwise recall): {m.group(3).strip()} of {m.group(1)} gold pairs")
PY
printf 'ingest wall time: %.2f s\n' "$(echo "$end - $start" | bc)"
