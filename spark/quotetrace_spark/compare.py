"""Comparing the Spark job's near-duplicate groups and stories with an embedded store's (used
by the test and by bench/spark.sh): groups as sets of document ids, pairwise precision, recall
and F1."""

import glob
import itertools
import json
import os
import sqlite3
import subprocess
from collections import Counter


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


def store_stories(binary, store_dir):
    """doc id -> story of an embedded store, as ``quotetrace stories --format jsonl`` gives
    them."""
    out = subprocess.run([binary, "stories", "--format", "jsonl", "--store", str(store_dir)],
                         check=True, capture_output=True, text=True).stdout
    return {r["doc"]: r["story"] for r in map(json.loads, out.splitlines())}


def partition_f1(found, expected):
    """Pairwise precision, recall and F1 of one partition (item -> label) against another,
    over the items of ``expected``, from the counts (no pair is listed): a pair is one in
    both when its two items share a label in each."""
    items = list(expected)
    a = Counter(found.get(i, ("alone", i)) for i in items)
    b = Counter(expected[i] for i in items)
    both = Counter((found.get(i, ("alone", i)), expected[i]) for i in items)
    pairs_of = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())  # noqa: E731
    tp, fa, fb = pairs_of(both), pairs_of(a), pairs_of(b)
    p = tp / fa if fa else 1.0
    r = tp / fb if fb else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def same_partition(found, expected):
    """Whether two partitions (item -> label) group the same items the same way."""
    if set(found) != set(expected):
        return False
    pairs_ = Counter(zip(found.values(), (expected[i] for i in found)))
    return len(pairs_) == len(set(found.values())) == len(set(expected.values()))


def store_variants(store_dir):
    """The quote variant groups of an embedded store: quote (doc_key, start, end) -> its
    ``quotes.cluster``; and the store's translation and paraphrase links between groups, as
    (quote, quote) pairs: a group's first quote and the first quote of the group it joined
    (``meaning.rs``: made within stories after they are assigned; the job makes its own in
    its ``translations`` table)."""
    import sqlite3

    with sqlite3.connect(f"file:{os.path.join(str(store_dir), 'quotetrace.db')}?mode=ro",
                         uri=True) as con:
        at = {i: (doc, start, end) for i, doc, start, end in con.execute(
            "SELECT q.id, d.doc_key, q.start, q.end FROM quotes q JOIN documents d ON d.id = q.doc")}
        groups = {at[i]: cluster for i, cluster in con.execute("SELECT id, cluster FROM quotes")}
        links = [(at[c], at[to]) for c, to in con.execute(
            "SELECT c.id, q.cluster FROM quote_clusters c JOIN quotes q ON q.id = c.id "
            "WHERE q.cluster != c.id")]
    return groups, links


def joined(found, links):
    """A partition (item -> label) with the groups of each linked pair of items made one."""
    parent = {}

    def root(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = root(found.get(a, ("alone", a))), root(found.get(b, ("alone", b)))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {item: root(label) for item, label in found.items()}


def spark_statements(tables_dir):
    """From the job's tables: quote (doc, start, end) -> its variant group, and -> its
    statement (the variant groups joined along the job's translation links)."""
    import pyarrow.parquet as pq

    rows = pq.read_table(os.path.join(str(tables_dir), "variants"), columns=[
        "seq", "quote_index", "doc", "start", "end", "group_seq", "group_quote_index"]).to_pylist()
    at = {(r["seq"], r["quote_index"]): (r["doc"], r["start"], r["end"]) for r in rows}
    groups = {at[(r["seq"], r["quote_index"])]: (r["group_seq"], r["group_quote_index"])
              for r in rows}
    statements = {at[(r["seq"], r["quote_index"])]: (r["statement_seq"],
                                                     r["statement_quote_index"])
                  for r in pq.read_table(os.path.join(str(tables_dir), "statements")).to_pylist()}
    return groups, statements
