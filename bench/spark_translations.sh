#!/usr/bin/env bash
# Quote variant groups and translation links on Spark against the store's (issue 20): the whole
# job (spark/run-local.sh, 2 workers) and `quotetrace ingest` on the same files, and every
# stored quote's group compared (pairwise P, R, F1 over the quotes):
#   - textual variant groups alone (the `variants` table),
#   - statements: those groups joined along the job's own translation and paraphrase links
#     (the `statements` table), against the store's `quotes.cluster`,
# on ../shared/bench/data/translations/dev.jsonl (news reports of one statement in many
# wordings and translations: the corpus the links are for), ECB+ and the bundled articles.
# How to run:  bench/spark_translations.sh   (QT_SKIP_BUILD=1 reuses the built binary; the
#   Spark virtualenv as spark/run-local.sh makes it: QT_SPARK_VENV, default target/spark-venv)
# Outputs: bench/out/spark_translations/ (gitignored), one line per corpus on stdout.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
release_build -p quotetrace
DIR="$OUT/spark_translations"
PY="${QT_SPARK_VENV:-$ROOT/target/spark-venv}/bin/python"
mkdir -p "$DIR"
for corpus in "translations:$SHARED_BENCH/data/translations/dev.jsonl" \
              "ecbplus:$SHARED_BENCH/data/ecbplus/ecbplus_docs.jsonl" \
              "examples:$ROOT/examples/articles"; do
  name="${corpus%%:*}" path="${corpus#*:}"
  log "$name: ingest, then the Spark job"
  rm -rf "$DIR/$name-store" "$DIR/$name-tables"
  "$QT_BIN" ingest --quiet --store "$DIR/$name-store" "$path"
  "$ROOT/spark/run-local.sh" --out "$DIR/$name-tables" "$path" > "$DIR/$name.out" 2> "$DIR/$name.log"
  "$PY" - "$ROOT/spark" "$name" "$DIR/$name-tables" "$DIR/$name-store" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from quotetrace_spark.compare import partition_f1, spark_statements, store_variants
name, tables, store = sys.argv[2:5]
groups, statements = spark_statements(tables)
stored, links = store_variants(store)
import pyarrow.parquet as pq
spark_links = pq.read_table(f"{tables}/translations").num_rows
v = partition_f1(groups, stored)
s = partition_f1(statements, stored)
print(f"{name}: {len(stored)} quotes; store {len(links)} translation/paraphrase links, Spark "
      f"{spark_links}; variant groups alone P {v[0]:.4f} R {v[1]:.4f} F1 {v[2]:.4f}; "
      f"statements P {s[0]:.4f} R {s[1]:.4f} F1 {s[2]:.4f}")
PY
done
