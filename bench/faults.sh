#!/usr/bin/env bash
# Fault-injection run of quotetrace (issue 21): the store and the server under faults.
#
# What it does (the package bench/faults/, Python 3 standard library only, all on 127.0.0.1):
#   1. >= 20 SIGKILLs of `quotetrace ingest --jobs 2 --batch 200` at random moments, then an
#      uninterrupted run; integrity_check after every kill.
#   2. >= 20 SIGKILLs of `quotetrace serve --token` while `POST /api/documents` uploads run,
#      then every upload again to a fresh server.
#   3. Two `ingest` runs of different inputs on one store, started together and 3 s apart:
#      one must be refused at once (exit 2, "is being written by ..."), none may hang.
#   4. A stale writer: upload A, CLI `ingest` B (uploads meanwhile: 503 + Retry-After),
#      upload C; every quote's speaker against the store of plain A, B, C ingests.
#   5. A 4 MB tmpfs filling up, with --jobs 2 and --jobs 1 (needs root: `mount`; else the
#      rows say "skipped").
#   6. A read-only store (tmpfs remounted ro): `ingest` refused, queries and `serve` answer.
#   7. 1,000 idle connections; 1,100 under `ulimit -n 1024`; half-sent heads, a trickled head,
#      kept-alive idles, `Content-Length: 10^12` (413 at once).
#   8. 57 hostile requests (bad methods, paths, query strings, encodings, bodies).
# The reference for lost / doubled articles and wrong speakers is a store built by plain,
# sequential `quotetrace ingest` runs of the same inputs in the same order. The corpus is
# generated (invented events, people and quotes; a fixed seed): no ../shared needed.
#
# Prints one Markdown table (also in bench/out/faults.md); exits 0 when every count that must
# be 0 (lost, doubled, hangs, 5xx, wrong speakers, failed checks) is 0, else 1.
#
#   bench/faults.sh            # the whole run, about 3-6 minutes on 2 cores
#   bench/faults.sh --quick    # 5 kills each and a smaller corpus (about 1.5 minutes)
# Further arguments go to `python3 -m faults`: --seed N, --docs N (articles of the main corpus),
# --only ingest,serve,writers,stale,disk,idle,hostile.
# Switches: QT_SKIP_BUILD=1 (use $QT_BIN as it is), QT_KEEP=1 (keep the stores, about 1 GB).
# The binary is copied to bench/out/faults/quotetrace first, so a rebuild during the run
# does not change it.
# Outputs: bench/out/faults/ (corpus, logs of every process, hostile.jsonl), bench/out/faults.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WORK="$OUT/faults"
PY_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n "$PY_PID" ]] && kill -0 "$PY_PID" 2>/dev/null; then
    kill -TERM "$PY_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PY_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$PY_PID" 2>/dev/null || true
  fi
  # Every child the Python side started (it kills them itself; this is the fallback if it
  # was killed first). Only pids that are still our quotetrace (or its bash wrapper).
  if [[ -f "$WORK/pids" ]]; then
    while read -r pid; do
      [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || continue
      if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$WORK/quotetrace"; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done < "$WORK/pids"
  fi
  for m in "$WORK/tmpfs" "$WORK/tmpfs-ro"; do
    if mountpoint -q "$m" 2>/dev/null; then umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; fi
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

build_quotetrace
[[ "$HAVE_QT" == 1 ]] || { log "no quotetrace binary: nothing to test"; exit 2; }

# A fresh work directory (unmounting what an interrupted run may have left).
for m in "$WORK/tmpfs" "$WORK/tmpfs-ro"; do
  if mountpoint -q "$m" 2>/dev/null; then umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; fi
done
rm -rf "$WORK"
mkdir -p "$WORK"
cp "$QT_BIN" "$WORK/quotetrace"

log "fault run: $WORK (the table follows on stdout)"
started=$(now)
set +e
PYTHONPATH="$ROOT/bench${PYTHONPATH:+:$PYTHONPATH}" python3 -m faults --qt "$WORK/quotetrace" --work "$WORK" "$@" > "$WORK/table.md" &
PY_PID=$!
wait "$PY_PID"
status=$?
PY_PID=""
set -e
cat "$WORK/table.md"
cp "$WORK/table.md" "$OUT/faults.md"
# The stores take about 1 GB: kept only with QT_KEEP=1 (the logs and the corpus stay).
if [[ "${QT_KEEP:-0}" != 1 ]]; then
  rm -rf "$WORK/ref" "$WORK/kill-ingest" "$WORK/kill-serve" "$WORK/two-writers" "$WORK/stale" "$WORK/hostile"
fi
log "wall time $(python3 -c "print(f'{$(now) - $started:.0f}')") s; exit $status"
exit "$status"
