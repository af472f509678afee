#!/usr/bin/env bash
# Retrain the pronoun ranker from the PolNeAR canonical train labels (dev is never read).
# Deterministic: the same code and data give a byte-identical crates/quotes/src/pronoun_weights.rs.
#   train/pronoun_ranker.sh            # from anywhere; data at ../shared/bench
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${QT_SHARED_BENCH:-$ROOT/../shared/bench}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
# The cases: every quote whose speaker mention is a pronoun, with the candidates the resolver
# compared and their features, from extraction on the train texts.
cargo build --release -q -p quotetrace-quotes --features training --example pronoun_cases
"${CARGO_TARGET_DIR:-target}/release/examples/pronoun_cases" "$BENCH/data/polnear/train/text" > "$TMP/cases.jsonl"
python3 train/pronoun_ranker.py "$BENCH/data/polnear/train" \
  "$BENCH/data/polnear-canonical/train.jsonl" "$TMP/cases.jsonl" > "$TMP/pronoun_weights.rs"
mv "$TMP/pronoun_weights.rs" crates/quotes/src/pronoun_weights.rs
sha256sum crates/quotes/src/pronoun_weights.rs
