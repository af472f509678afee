#!/usr/bin/env bash
# What we still write by hand against the crates that do the same (issue 18), in one process on
# the same inputs: character references (the hand-written table of 211 names that 510e785 had,
# html-escape, htmlize) for conformance with the HTML standard (2,461 cases that Python's
# html.unescape writes from its own table: every name, names without a semicolon, numeric
# references in the C1 range and out of range) and speed on the Zyte and WCXB pages' HTML; the
# stories' light stemmer (crates/link/src/stories/stem.rs) against rust-stemmers' Snowball
# English on ECB+'s words (speed, how often the stems agree); chardetng on a windows-1251 page
# written here. The crates' build cost: bench/dep_build_time.sh. Quality in use:
# bench/html_quality.sh (entities, charset) and bench/stories_quality.sh (stemmer).
#
# How to run: bench/hand_vs_crates.sh   Output: bench/out/hand_vs_crates.txt
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_shared_bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "hand-vs-crates"
version = "0.0.0"
edition = "2021"

[dependencies]
chardetng = "1"
encoding_rs = "0.8"
html-escape = "0.3"
htmlize = { version = "1", features = ["unescape"] }
memchr = "2"
rust-stemmers = "1"
serde_json = "1"
TOML
cp "$ROOT/bench/hand_vs_crates/main.rs" "$work/src/main.rs"
git -C "$ROOT" show 510e785:crates/html/src/entities.rs | sed 's/^#\[cfg(test)\]/#[cfg(any())]/' \
  > "$work/src/entities_hand.rs"
sed 's/pub(super)/pub/' "$ROOT/crates/link/src/stories/stem.rs" > "$work/src/stem_hand.rs"
python3 - "$work/cases.json" <<'PY'
import html, html.entities, json, sys
cases = []
for k in html.entities.html5:
    s = "a&" + k + "b"
    cases.append(("named", s, html.unescape(s)))
for v in list(range(0x80, 0xA0)) + [0, 0x41, 0x2019, 0xD800, 0x110000, 0x1F600]:
    for s in ("x&#%d;y" % v, "x&#x%X;y" % v, "x&#%dy" % v):
        cases.append(("numeric", s, html.unescape(s)))
for k in html.entities.html5:
    if not k.endswith(";"):
        s = "a&" + k + " b"
        cases.append(("no semicolon", s, html.unescape(s)))
for s in ["AT&T", "a && b", "&unknown;", "&ampx", "R&D;", "&notit;", "&", "&#", "&#x;", "q=1&copy=2"]:
    cases.append(("other", s, html.unescape(s)))
json.dump(cases, open(sys.argv[1], "w"))
PY
python3 - "$SHARED_BENCH/data" "$work/pages.html" <<'PY'
import glob, gzip, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for d in ("zyte", "wcxb-test"):
        for f in sorted(glob.glob(f"{sys.argv[1]}/{d}/html/*.html.gz")):
            out.write(gzip.open(f).read().decode("utf-8", "replace"))
PY
(cd "$work" && cargo build -q --release)
"$work/target/release/hand-vs-crates" "$work/cases.json" "$work/pages.html" \
  "$SHARED_BENCH/data/ecbplus/ecbplus_docs.jsonl" | tee "$OUT/hand_vs_crates.txt"
