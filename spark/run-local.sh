#!/usr/bin/env bash
# Runs the quotetrace Spark job on a Spark standalone cluster on loopback: a master and
# QT_SPARK_WORKERS workers (default 2, one core each) started with spark-class, the job
# submitted with spark-submit, the Parquet tables written to DIR, the cluster stopped (also on
# failure or interruption).
#
#   spark/run-local.sh --out DIR [--table PARQUET]... PATH...   (other arguments go to the job)
#
# Environment:
#   QT_SPARK_VENV     the virtualenv to make or reuse (default target/spark-venv): pyspark and
#                     pyarrow from PyPI, and the quotetrace wheel
#   QT_WHEEL          a built quotetrace wheel to install (default: build crates/python with
#                     pip, i.e. maturin, into that virtualenv)
#   QT_SPARK_WORKERS  workers (default 2); QT_SPARK_WORKER_MEMORY (default 1g)
#   QT_SPARK_LOG_LEVEL the job's log level (default WARN)
#   QT_SPARK_EVENT_LOG a directory for Spark's event log (off by default; bench/spark_metrics.py
#                     reads it: tasks, CPU time and shuffle bytes of each stage)
#   PYTHON            the interpreter that makes the virtualenv (default python3)
# Needs Java 17 (java on PATH or JAVA_HOME).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT=""
PATHS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out) OUT="$2"; shift 2 ;;
        --out=*) OUT="${1#--out=}"; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) PATHS+=("$1"); shift ;;
    esac
done
if [[ -z "$OUT" || ${#PATHS[@]} -eq 0 ]]; then
    echo "usage: spark/run-local.sh --out DIR PATH..." >&2
    exit 2
fi
command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] || {
    echo "spark/run-local.sh: Java is missing (Debian: apt-get install openjdk-17-jre-headless)" >&2
    exit 3
}

VENV="${QT_SPARK_VENV:-$ROOT/target/spark-venv}"
PY="${PYTHON:-python3}"
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
"$VENV/bin/python" -m pip install --quiet "pyspark==3.5.*" "pyarrow>=12" "pandas>=2.0"
if [[ -n "${QT_WHEEL:-}" ]]; then
    "$VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps "$QT_WHEEL"
elif ! "$VENV/bin/python" -c 'import quotetrace._native as n; n.extract_file' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet "$ROOT/crates/python"
fi

SPARK_HOME="$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1
RUN="$(mktemp -d "${TMPDIR:-/tmp}/quotetrace-spark.XXXXXX")"
export SPARK_LOG_DIR="$RUN/logs" SPARK_WORKER_DIR="$RUN/work" SPARK_LOCAL_DIRS="$RUN/local"
mkdir -p "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR" "$SPARK_LOCAL_DIRS"

PIDS=()
stop() {
    local rc=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ $rc -ne 0 ]]; then
        echo "spark/run-local.sh: failed ($rc); the cluster's logs:" >&2
        tail -n 20 "$SPARK_LOG_DIR"/*.log >&2 2>/dev/null || true
    fi
    rm -rf "$RUN"
    exit $rc
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"; UI="$(free_port)"
MASTER="spark://127.0.0.1:$PORT"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$PORT" --webui-port "$UI" >"$SPARK_LOG_DIR/master.log" 2>&1 &
PIDS+=($!)
WORKERS="${QT_SPARK_WORKERS:-2}"
for i in $(seq 1 "$WORKERS"); do
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory "${QT_SPARK_WORKER_MEMORY:-1g}" \
        --webui-port "$(free_port)" --work-dir "$SPARK_WORKER_DIR/$i" "$MASTER" \
        >"$SPARK_LOG_DIR/worker-$i.log" 2>&1 &
    PIDS+=($!)
done
# Wait (at most 120 s) for every worker to register with the master.
"$VENV/bin/python" - "$UI" "$WORKERS" <<'PY'
import json, sys, time, urllib.request
ui, want = sys.argv[1], int(sys.argv[2])
for _ in range(240):
    try:
        state = json.load(urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=2))
        if sum(w.get("state") == "ALIVE" for w in state.get("workers", [])) >= want:
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"spark/run-local.sh: {want} worker(s) did not register within 120 s")
PY
echo "spark/run-local.sh: master $MASTER, $WORKERS worker(s) up" >&2

EVENTS=()
if [[ -n "${QT_SPARK_EVENT_LOG:-}" ]]; then
    mkdir -p "$QT_SPARK_EVENT_LOG"
    EVENTS=(--conf spark.eventLog.enabled=true
            --conf "spark.eventLog.dir=file://$(cd "$QT_SPARK_EVENT_LOG" && pwd)")
fi
# The job's own package travels as a zip (--py-files), as on a real cluster.
(cd "$ROOT/spark" && "$VENV/bin/python" -m zipfile -c "$RUN/quotetrace_spark.zip" quotetrace_spark)
"$SPARK_HOME/bin/spark-submit" --master "$MASTER" \
    --driver-memory 1g --executor-memory "${QT_SPARK_WORKER_MEMORY:-1g}" \
    --conf spark.executor.cores=1 --conf spark.ui.enabled=false \
    --conf spark.sql.shuffle.partitions="$((WORKERS * 4))" \
    --conf spark.log.level="${QT_SPARK_LOG_LEVEL:-WARN}" "${EVENTS[@]}" \
    --py-files "$RUN/quotetrace_spark.zip" \
    "$ROOT/spark/submit.py" --out "$OUT" "${PATHS[@]}"
