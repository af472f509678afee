"""Reading a store (documents, quotes, stories, integrity) and comparing it with the reference:
a store built by plain, sequential `quotetrace ingest` runs of the same inputs.
"""
import collections
import json
import os
import sqlite3
import subprocess
import time

from .procs import Row, err_line


def _jsonl(ctx, command, store, row, what):
    """The records of `quotetrace COMMAND --store STORE --format jsonl`, or None when it hangs
    (counted) or fails (a failure)."""
    rc, out, err = ctx.qt_run([command, "--store", store, "--format", "jsonl"], 120, command)
    if rc is None:
        row.hangs += 1
        row.note(f"`{command}` on the {what} hung")
        return None
    if rc != 0:
        row.fail(f"`{command}` on the {what} exited {rc}: {err_line(err)}")
        return None
    return [json.loads(l) for l in out.decode("utf-8", "replace").splitlines() if l.strip()]


def store_docs(ctx, store, row, what="store"):
    """Counter of stored documents by input id (`stories --format jsonl`: one line per
    article), or None when it cannot be read (a failure)."""
    records = _jsonl(ctx, "stories", store, row, what)
    return None if records is None else collections.Counter(r["doc"] for r in records)


def store_quotes(ctx, store, row, what="store"):
    """{(doc, start, end): speaker} from `export --format jsonl`, or None."""
    records = _jsonl(ctx, "export", store, row, what)
    if records is None:
        return None
    return {(r["doc"], r["start"], r["end"]): r.get("speaker") for r in records}


def store_stories(ctx, store, row):
    """{doc: frozenset of the docs in its story} (None when unreadable)."""
    rc, out, err = ctx.qt_run(["stories", "--store", store, "--format", "jsonl"], 120, "stories")
    if rc != 0:
        return None
    by_story = collections.defaultdict(set)
    rows = [json.loads(l) for l in out.decode("utf-8", "replace").splitlines() if l.strip()]
    for r in rows:
        by_story[r["story"] if r["story"] is not None else ("solo", r["doc"])].add(r["doc"])
    return {r["doc"]: frozenset(by_story[r["story"] if r["story"] is not None else ("solo", r["doc"])]) for r in rows}


def _integrity_check(db, uri_mode):
    con = sqlite3.connect(f"file:{db}?{uri_mode}" if uri_mode else db, uri=bool(uri_mode), timeout=10)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
    finally:
        con.close()


def integrity(store, row, what="store"):
    """PRAGMA integrity_check on every database of the store (the corpus and its full-text
    index), opened read-only. After a crash a read-only connection may not be allowed to
    rebuild the log's index ("attempt to write a readonly database"): the database and its
    log are then checked in a copy, as the next process to open them would find them."""
    ok = True
    for name in ("quotetrace.db", "search.db"):
        db = os.path.join(store, name)
        if not os.path.exists(db):
            continue
        try:
            try:
                res = _integrity_check(db, "mode=ro")
            except sqlite3.OperationalError as e:
                if "readonly" not in str(e) and "unable to open" not in str(e):
                    raise
                copy = os.path.join(os.path.dirname(store), ".integrity-copy")
                subprocess.run(["rm", "-rf", copy], timeout=60)
                os.makedirs(copy)
                for suffix in ("", "-wal"):
                    if os.path.exists(db + suffix):
                        subprocess.run(["cp", db + suffix, os.path.join(copy, name + suffix)], check=True, timeout=60)
                res = _integrity_check(os.path.join(copy, name), None)
                subprocess.run(["rm", "-rf", copy], timeout=60)
        except (sqlite3.Error, subprocess.SubprocessError, OSError) as e:
            row.fail(f"integrity_check of {name} on the {what} could not run: {e}")
            ok = False
            continue
        if res != ["ok"]:
            row.fail(f"integrity_check of {name} on the {what}: {'; '.join(res[:3])}")
            ok = False
    return ok


def compare_docs(row, got, ref_docs):
    """Adds lost and doubled articles of `got` (a Counter) against the reference ids."""
    if got is None:
        return
    lost = sum(1 for d in ref_docs if got[d] == 0)
    doubled = sum(c - 1 for c in got.values() if c > 1)
    extra = sum(1 for d in got if d not in ref_docs)
    row.add("lost", lost)
    row.add("doubled", doubled)
    if extra:
        row.fail(f"{extra} article(s) stored that the reference does not have")


def compare_speakers(row, got, ref, what):
    if got is None or ref is None:
        return
    wrong = [k for k, v in ref.items() if k in got and got[k] != v]
    missing = sum(1 for k in ref if k not in got)
    extra = sum(1 for k in got if k not in ref)
    row.add("wrong", len(wrong))
    if wrong:
        k = wrong[0]
        row.note(f"{what}: {len(wrong)} of {len(ref)} quotes with another speaker than the reference "
                 f"(e.g. {k[0]} [{k[1]}..{k[2]}]: {got[k]!r}, reference {ref[k]!r})")
    if missing or extra:
        row.fail(f"{what}: {missing} reference quote(s) missing, {extra} quote(s) not in the reference")


def compare_stories(row, got, ref, what):
    """Articles whose story (as a set of articles) differs from the reference's."""
    if got is None or ref is None:
        return
    differ = sum(1 for d, s in ref.items() if d in got and got[d] != s)
    if differ:
        row.fail(f"{what}: {differ} article(s) in another story than in the reference")


class Refs:
    """Reference stores: plain sequential `ingest` runs of inputs in order, built once."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.cache = {}

    def get(self, inputs, row):
        key = tuple(inputs)
        if key not in self.cache:
            ctx = self.ctx
            store = ctx.path("ref", f"ref{len(self.cache)}")
            t0 = time.monotonic()
            for f in inputs:
                rc, _, err = ctx.qt_run(["ingest", "-q", "--store", store, f], 600, "ref-ingest")
                if rc != 0:
                    raise SystemExit(f"the reference ingest of {f} failed ({rc}): {err_line(err)}")
            took = time.monotonic() - t0
            tmp = Row("ref")
            docs = store_docs(ctx, store, tmp, "reference")
            quotes = store_quotes(ctx, store, tmp, "reference")
            stories = store_stories(ctx, store, tmp)
            if docs is None or quotes is None:
                raise SystemExit(f"the reference store {store} cannot be read: {tmp.notes}")
            self.cache[key] = {"store": store, "docs": set(docs), "quotes": quotes,
                               "stories": stories, "secs": took}
            ctx.log(f"reference {store}: {len(docs)} articles, {len(quotes)} quotes, {took:.1f} s")
        return self.cache[key]
