#!/usr/bin/env bash
# The test suites, Rust and Python: the README's test command, and what .ci/run runs.
#
#   1. cargo test --workspace                      (the Rust crates; crates/python is not in
#                                                   the workspace, so no libpython is linked)
#   2. the Python package: a fresh virtualenv (target/py-test-venv, deleted first), the wheel
#      built from crates/python by pip (maturin, PyPI) and installed with its test extras,
#      then pytest on crates/python/tests
#   3. examples/notebook.ipynb executed top to bottom (nbclient), so it cannot rot
#   4. the Spark job (spark/tests): spark/run-local.sh runs a standalone master and two workers
#      on loopback (pyspark from PyPI into the same virtualenv, Java 17), and its tables are
#      checked against `quotetrace extract` and `quotetrace ingest`; skipped without Java
#      unless CI=true
#
# Needs: a Rust toolchain, python3 (>= 3.9) with venv and pip, and the pip registry.
# QT_SKIP_RUST=1 skips step 1; QT_SKIP_PYTHON=1 skips steps 2 to 4; QT_SKIP_SPARK=1 step 4. PYTHON=python3.12 picks
# the interpreter.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

section() {
    printf '\n==== %s ====\n' "$*"
}

if [[ "${QT_SKIP_RUST:-0}" != 1 ]]; then
    section "Rust tests (cargo test --workspace)"
    cargo test --workspace
fi

if [[ "${QT_SKIP_PYTHON:-0}" != 1 ]]; then
    PY="${PYTHON:-python3}"
    VENV="$PWD/target/py-test-venv"
    section "Python package: the wheel into a fresh virtualenv ($VENV)"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    # The wheel is built by maturin from PyPI (build isolation); the test extras are pytest,
    # pandas, pyarrow and tqdm; the notebook needs nbclient, ipykernel and matplotlib.
    "$VENV/bin/python" -m pip install --quiet "./crates/python[test]" nbclient nbformat ipykernel matplotlib
    "$VENV/bin/python" -c 'import quotetrace, sys; print("quotetrace imported from", quotetrace.__file__, "on Python", sys.version.split()[0])'

    section "Python tests (pytest crates/python/tests)"
    # Run from the tests' directory so that `import quotetrace` is the installed wheel.
    (cd crates/python/tests && "$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider .)

    section "Notebook (examples/notebook.ipynb, executed with nbclient)"
    "$VENV/bin/python" - <<'PY'
import nbformat
from nbclient import NotebookClient

nb = nbformat.read("examples/notebook.ipynb", as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": "examples"}}).execute()
n = sum(1 for c in nb.cells if c.cell_type == "code")
print(f"examples/notebook.ipynb: {n} code cells ran without an error")
PY

    if [[ "${QT_SKIP_SPARK:-0}" != 1 ]]; then
        section "Spark job (spark/tests: spark/run-local.sh, a master and two workers on loopback)"
        QT_SPARK_VENV="$VENV" "$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider spark/tests
    fi
fi

section "Tests OK"
