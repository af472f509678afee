"""Comparing the Spark job's near-duplicate groups with an embedded store's (used by the test
and by bench/spark.sh): groups as sets of document ids, pairwise precision, recall and F1."""

import glob
import itertools
import os
import sqlite3


def store_groups(store_dir):
    """The near-duplicate groups of an embedded store: each original with its duplicates
    (``documents.duplicate_of``), as sets of document ids (``doc_key``), groups of 2 or more."""
    files = [f for f in glob.glob(os.path.join(str(store_dir), "*"))
             if f.endswith((".db", ".sqlite", ".sqlite3"))]
    if not files:
        raise FileNotFoundError(f"no SQLite file in {store_dir}")
    con = sqlite3.connect(f"file:{files[0]}?mode=ro", uri=True)
    key = dict(con.execute("SELECT id, doc_key FROM documents"))
    groups = {}
    for doc, original in con.execute(
            "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"):
        groups.setdefault(original, {key[original]}).add(key[doc])
    con.close()
    return list(groups.values())


def pairs(groups):
    out = set()
    for g in groups:
        out.update(itertools.combinations(sorted(g), 2))
    return out


def pairs_f1(found, expected):
    """Pairwise precision, recall, F1 of ``found`` groups against ``expected`` ones, and the
    pairs that differ (found only, expected only)."""
    a, b = pairs(found), pairs(expected)
    tp = len(a & b)
    p = tp / len(a) if a else 1.0
    r = tp / len(b) if b else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, (a - b, b - a)
