#!/usr/bin/env python3
"""FTS5 write settings: CPU to index articles with FTS5's defaults and with quotetrace's.

usage: bench/fts_settings.py CORPUS.jsonl [N]      (default N = 150000)

CORPUS: JSONL articles with "title" and "text", e.g. the scale corpus that bench/scale.sh
generates (bench/out/scale/synth-1000000.jsonl). Indexes the first N articles into a table
shaped like quotetrace's article index (contentless, detail=none) in batches of 4,096 (one
transaction each, as the ingest's indexer commits them), once per setting, and prints CPU
seconds, index size and the time of three queries. Uses Python's own SQLite (FTS5 is the
same code; its version may differ from the one quotetrace bundles).
"""
import json
import os
import sqlite3
import sys
import tempfile
import time

SETTINGS = [
    ("FTS5 defaults (hashsize 1 MB, automerge 4)", None, None),
    ("hashsize 32 MB", 33554432, None),
    ("hashsize 32 MB, automerge 8 (quotetrace)", 33554432, 8),
]


def run(rows, hashsize, automerge, path):
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=NORMAL")
    c.execute("CREATE VIRTUAL TABLE d USING fts5(title, text, content='', detail=none)")
    if hashsize:
        c.execute("INSERT INTO d(d, rank) VALUES('hashsize', ?)", (hashsize,))
    if automerge:
        c.execute("INSERT INTO d(d, rank) VALUES('automerge', ?)", (automerge,))
    cpu = time.process_time()
    for b in range(0, len(rows), 4096):
        c.execute("BEGIN")
        c.executemany("INSERT INTO d(rowid, title, text) VALUES (?, ?, ?)", rows[b : b + 4096])
        c.execute("COMMIT")
    cpu = time.process_time() - cpu
    started = time.perf_counter()
    for q in ["president", "trade deal", "senate vote"]:
        c.execute("SELECT count(*) FROM d WHERE d MATCH ?", (q,)).fetchone()
    query_ms = (time.perf_counter() - started) * 1000
    c.close()
    return cpu, os.path.getsize(path) >> 20, query_ms


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 150000
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                break
            r = json.loads(line)
            rows.append((i + 1, r.get("title"), r.get("text") or ""))
    print(f"{len(rows)} articles, SQLite {sqlite3.sqlite_version}")
    print(f"{'setting':<45} {'CPU s':>7} {'MB':>5} {'3 queries ms':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, hashsize, automerge) in enumerate(SETTINGS):
            cpu, mb, q = run(rows, hashsize, automerge, os.path.join(tmp, f"{i}.db"))
            print(f"{name:<45} {cpu:7.1f} {mb:5d} {q:13.0f}")


if __name__ == "__main__":
    main()
