#!/usr/bin/env bash
# What a candidate dependency adds to a release build (issue 18, "what we still write by hand").
#
# A scratch crate first depends on what the workspace already builds that the candidates share
# (encoding_rs, memchr, serde with derive, at the versions of the workspace's Cargo.lock) and is
# built from nothing with `cargo build --release -j 2`; then each candidate is added alone and
# the crate rebuilt in the same target directory. The second build's CPU time (user + sys of
# cargo and the compilers) is what the candidate adds to a clean build of the workspace: its own
# crates, their build scripts and proc-macros, and the relink. Wall time is printed too, but on
# a shared 2-core machine only CPU time compares between runs.
#
# How to run: bench/dep_build_time.sh   (CANDIDATES="chardetng rust-stemmers" to choose)
# Output: one line per candidate, and bench/out/dep_build_time.txt.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CANDIDATES="${CANDIDATES:-chardetng html-escape htmlize rust-stemmers}"
locked() { grep -A1 "^name = \"$1\"" "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p' | head -1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# CPU seconds (user + sys) and wall seconds of one command, children included.
timed() {
  /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
    cat "$work/err" >&2
    return 1
  }
  awk '{printf "%.1f s CPU (%.1f s wall)", $1 + $2, $3}' "$work/time"
}

base_deps="encoding_rs = \"=$(locked encoding_rs)\"
memchr = \"=$(locked memchr)\"
serde = { version = \"=$(locked serde)\", features = [\"derive\"] }"

features_of() {
  case "$1" in
    htmlize) echo ', features = ["unescape"]' ;;
    *) echo '' ;;
  esac
}

{
  for cand in $CANDIDATES; do
    dir="$work/$cand"
    mkdir -p "$dir/src"
    printf '[package]\nname = "dep-cost"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s\n' \
      "$base_deps" > "$dir/Cargo.toml"
    echo 'pub use encoding_rs; pub use memchr; pub use serde;' > "$dir/src/lib.rs"
    (cd "$dir" && cargo fetch -q)
    base="$(cd "$dir" && timed cargo build --release -j 2)"
    printf '%s = { version = "*"%s }\n' "$cand" "$(features_of "$cand")" >> "$dir/Cargo.toml"
    echo "pub use ${cand//-/_};" >> "$dir/src/lib.rs"
    (cd "$dir" && cargo fetch -q)
    version="$(cd "$dir" && cargo tree -e normal --depth 1 | sed -n "s/.* $cand v\([^ ]*\).*/\1/p" | head -1)"
    added="$(cd "$dir" && cargo tree -e normal,build --prefix none | sort -u | wc -l)"
    cost="$(cd "$dir" && timed cargo build --release -j 2)"
    echo "$cand $version: adds $cost to a release build (base crate: $base; $added crates in the tree with it)"
  done
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other builds inflate wall times)"
} | tee "$OUT/dep_build_time.txt"
