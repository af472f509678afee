#!/usr/bin/env bash
# What the Parquet export adds to a clean build: a scratch crate that depends on the parquet
# crate exactly as crates/parquet does (no default features, Snappy only), built from nothing
# (fresh target directory, dependencies already downloaded) with `cargo build --release -j 2`;
# then the same with the `arrow` feature on (the usual way, arrow-array/-ipc/-select...),
# for comparison. Crates shared with the rest of the workspace are counted too, so the
# figure is an upper bound of what the workspace's build gains.
#
# How to run: bench/parquet_build_time.sh  (QT_PARQUET_ARROW=0 skips the arrow build)
# Output: the wall times, and bench/out/parquet_build_time.txt. Close other builds first.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version="$(grep -A2 '^name = "parquet"' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() { # name, features line
  local dir="$work/$1"
  mkdir -p "$dir/src"
  printf '[package]\nname = "pq-%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nparquet = { version = "=%s", default-features = false, features = [%s] }\n' \
    "$1" "$version" "$2" > "$dir/Cargo.toml"
  echo 'pub use parquet;' > "$dir/src/lib.rs"
  cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
  (cd "$dir" && cargo fetch -q)
  local t0 t1
  t0="$(now)"
  (cd "$dir" && cargo build -q --release -j 2)
  t1="$(now)"
  python3 -c "print(f'parquet $version, features [$2]: {$t1 - $t0:.1f} s (release, -j 2, from nothing)')"
}

{
  build snap '"snap"'
  if [[ "${QT_PARQUET_ARROW:-1}" == 1 ]]; then
    build arrow '"snap", "arrow"'
  fi
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other builds inflate these)"
} | tee "$OUT/parquet_build_time.txt"
