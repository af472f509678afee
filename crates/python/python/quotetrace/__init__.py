"""quotetrace: who said what, where it first appeared, and who carried it.

The same engine as the ``quotetrace`` command, in Python::

    import quotetrace
    quotes = quotetrace.extract(text)                 # list of quote dicts (CONTRACT.md)
    for record in quotetrace.extract_many(texts, jobs=2):
        ...                                           # one contract record per input, in order
    article = quotetrace.clean(html)                  # main text, title, author, date
    store = quotetrace.Store("corpus")                # the corpus store
    store.ingest(["articles/"])                       # tqdm progress when installed
    df = store.quotes(speaker="Elena Varga")          # pandas DataFrame (Arrow-backed)

Offsets (``start``, ``end``) are UTF-8 byte offsets into the text, as in the command's
output; ``quotetrace.char_span(text, quote)`` turns them into ``str`` indexes.

Tables are pandas DataFrames when pandas and pyarrow are installed (``pip install
"quotetrace[pandas]"``): Rust writes the rows as one Parquet buffer, pyarrow reads it and
pandas wraps the Arrow columns (``ArrowDtype``), so there is no Python object per row. With
pandas but no pyarrow they are ordinary DataFrames; without pandas, lists of dicts.
"""

from __future__ import annotations

import itertools
import json
import os

from . import _native
from ._native import QuotetraceError, RecordError, StoreError

__all__ = [
    "extract",
    "extract_many",
    "clean",
    "char_span",
    "Store",
    "QuotetraceError",
    "StoreError",
    "RecordError",
    "QUOTE_COLUMNS",
]

#: The columns of ``Store.quotes()`` and of ``export_parquet`` / ``quotetrace export
#: --format parquet``, in order: ``(name, type)``.
QUOTE_COLUMNS = [tuple(c) for c in _native.QUOTE_COLUMNS]

# Documents handed to Rust at a time by extract_many: enough to keep every thread busy
# between two trips through the GIL, few enough to stream.
_CHUNK = 128


def extract(text, *, title=None, doc=None):
    """The quotations of one article text, with their canonical speakers.

    ``text`` is the article (plain text or Markdown; a whole scraped page is fine too).
    ``title`` is its headline if known; ``doc`` names it in messages.

    Returns a list of dicts with the fields of CONTRACT.md: ``text``, ``start``, ``end``
    (UTF-8 byte offsets), ``kind`` (direct, partial, indirect, pull), ``speaker`` (the
    canonical name or None), ``speaker_mention`` and ``cue`` (``{"text", "start", "end"}``
    or None), ``confidence``, and the optional fields the contract adds.
    """
    if not isinstance(text, str):
        raise RecordError(f"extract takes the article text as a str, not a {type(text).__name__}")
    record = json.loads(_native.extract_text(text, title=title, doc=doc))
    if record.get("error"):
        raise QuotetraceError(record["error"])
    return record["quotes"]


def extract_many(iterable, *, jobs=None):
    """Extracts quotes from many documents, streaming, in input order.

    Each item is a ``str`` (an article text; its ``doc`` is its position, ``"0"``, ``"1"``…)
    or a dict with the fields of a JSONL record: ``text`` or ``html``, and optionally ``id``,
    ``title``, ``url``, ``published``, ``outlet``, ``author``.

    Yields one dict per item, the contract's record: ``doc``, ``title``, ``outlet``,
    ``published``, ``lang``, ``quotes``, ``boilerplate``, ``warnings`` (and ``error`` for a
    document that could not be processed).

    ``jobs`` worker threads (default 1) extract with the GIL released: other Python threads
    run meanwhile, and several ``extract_many`` calls on threads run in parallel.
    Raises ``RecordError`` for an item that is neither a str nor such a dict.
    """
    jobs = 1 if jobs is None else int(jobs)
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    size = max(_CHUNK, 32 * jobs)
    it = iter(iterable)
    first = 0
    if jobs == 1:
        # One thread: the calling one, batch after batch.
        while True:
            chunk = list(itertools.islice(it, size))
            if not chunk:
                return
            lines = _native.extract_batch(chunk, first=first, jobs=1)
            first += len(chunk)
            for line in lines:
                yield json.loads(line)
    # Several: the next batch is extracted while this one is read.
    pipe = _native.Pipeline(jobs)
    pending = 0
    while True:
        chunk = list(itertools.islice(it, size))
        if chunk:
            pipe.submit(chunk, first=first)
            first += len(chunk)
            pending += 1
        if pending == 0:
            return
        if chunk and pending < 2:
            continue
        lines = pipe.collect()
        pending -= 1
        for line in lines:
            yield json.loads(line)


def clean(html_or_text, *, url=None):
    """The main text and metadata of a page, boilerplate removed (``quotetrace clean``).

    ``html_or_text`` is an HTML page (``str`` or ``bytes``; the charset is detected for bytes)
    or a text (Markdown or plain, a scraped page too). Returns a dict: ``text`` (the article,
    paragraphs separated by blank lines), ``title``, ``author``, ``date``, ``outlet``,
    ``url``, ``lang``, ``boilerplate`` (a list of ``{"why", "text"}``) and ``warnings``.
    """
    return json.loads(_native.clean(html_or_text, url=url))


def char_span(text, quote):
    """``(start, end)`` of a quote (or a ``speaker_mention``/``cue`` span) as ``str`` indexes
    into ``text``: the contract's offsets count UTF-8 bytes."""
    raw = text.encode("utf-8", "surrogatepass")
    start = len(raw[: quote["start"]].decode("utf-8", "replace"))
    return start, start + len(raw[quote["start"] : quote["end"]].decode("utf-8", "replace"))


def _has(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def _frame(data):
    """An Arrow-backed DataFrame from the bytes of a Parquet file, or of a list of them (read
    and freed one at a time: the compressed copy never sits beside the whole table)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(data, list):
        data.reverse()
        tables = []
        while data:
            tables.append(pq.read_table(pa.BufferReader(data.pop())))
        table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    else:
        table = pq.read_table(pa.BufferReader(data))
    return table.to_pandas(types_mapper=pd.ArrowDtype)


class Store:
    """A quotetrace corpus store: a directory holding the articles, quotes, speakers, links
    and search index that ``quotetrace ingest`` writes.

    ``Store(path)`` opens it for writing (creating it if needed) and holds its write lock: one
    writer at a time. ``Store(path, read_only=True)`` opens an existing store for queries
    beside a writer; a missing store raises ``StoreError``.

    Query methods return pandas DataFrames when pandas is installed (Arrow-backed when
    pyarrow is too), else lists of dicts. Use it as a context manager to release the lock.
    """

    def __init__(self, path, *, read_only=False):
        self._store = _native.Store(os.fspath(path), read_only=read_only)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        mode = "read_only" if self._store.read_only else "writable"
        return f"quotetrace.Store({os.fspath(self._store.path)!r}, {mode})"

    @property
    def path(self):
        """The store's directory."""
        return self._store.path

    def close(self):
        """Closes the store and releases its write lock."""
        self._store.close()

    def counts(self):
        """Row counts: documents, duplicates, quotes, quote_clusters, speakers, stories."""
        return json.loads(self._store.counts())

    def ingest(self, paths_or_records, *, jobs=2, batch=None, progress=None):
        """Adds documents to the store (idempotent: what is stored already is skipped).

        ``paths_or_records``: a path (file or directory: .txt, .md, .html, .jsonl, .warc...),
        a record (a dict with ``text`` or ``html``, and optionally ``id``, ``title``, ``url``,
        ``published``, ``outlet``, ``author``), or an iterable of either. Records are ingested
        4,096 at a time. ``progress``: None shows a tqdm bar when tqdm is installed, False
        none. Returns the summary: ``added``, ``existing``, ``duplicates``, ``failed``,
        ``quotes``, and the first ``errors``.
        """
        if isinstance(paths_or_records, (str, bytes, os.PathLike, dict)):
            paths_or_records = [paths_or_records]
        bar = None
        if progress is None and _has("tqdm"):
            from tqdm.auto import tqdm

            bar = tqdm(unit=" articles", desc="ingest")
        total = None
        try:
            paths, records = [], []

            def run(paths, records):
                lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
                summary = json.loads(
                    self._store.ingest(
                        [os.fspath(p) for p in paths],
                        lines.encode("utf-8", "surrogatepass") if records else None,
                        jobs=jobs,
                        batch=batch,
                        progress=bar.update if bar is not None else None,
                    )
                )
                return _add_summaries(total, summary)

            for i, item in enumerate(paths_or_records):
                if isinstance(item, dict):
                    _check_record(item, i)
                    records.append(item)
                    if len(records) >= 4096:
                        total = run(paths, records)
                        paths, records = [], []
                elif isinstance(item, (str, bytes, os.PathLike)):
                    paths.append(os.fsdecode(item))
                else:
                    raise RecordError(
                        f"item {i} is a {type(item).__name__}: give paths or dicts with a "
                        '"text" or "html" string'
                    )
            if paths or records or total is None:
                total = run(paths, records)
            return total
        finally:
            if bar is not None:
                bar.close()

    def _table(self, data_fn):
        if _has("pandas"):
            if _has("pyarrow"):
                return _frame(data_fn(True))
            import pandas as pd

            return pd.DataFrame.from_records(json.loads(data_fn(False)))
        return json.loads(data_fn(False))

    def quotes(
        self,
        speaker=None,
        since=None,
        until=None,
        outlet=None,
        story=None,
        *,
        speaker_id=None,
        kind=None,
        min_confidence=None,
        limit=None,
    ):
        """Stored quotes with their article's metadata, in store order: the columns of
        ``QUOTE_COLUMNS`` (the CSV and Parquet exports' columns).

        Filters: ``speaker`` (any of their name forms), ``since``/``until`` (``YYYY-MM-DD``,
        the article's date), ``outlet``, ``story`` (an id from ``stories()``),
        ``speaker_id``, ``kind``, ``min_confidence``; ``limit`` caps the rows (default: all).
        """
        # The filters as given, named as the parameters above (and the native call's).
        args = dict(locals())
        del args["self"]
        rows = self._table(lambda parquet: self._store.quotes(**args, parquet=parquet))
        # The same columns, in the same order, whichever way the rows came.
        columns = [c for c, _ in QUOTE_COLUMNS]
        if isinstance(rows, list):
            return [{c: r.get("id" if c == "quote_id" else c) for c in columns} for r in rows]
        if "id" in rows.columns:
            rows = rows.rename(columns={"id": "quote_id"})
        return rows.reindex(columns=columns) if len(rows.columns) == 0 else rows[columns]

    def export_parquet(self, path, **filters):
        """Writes the quotes (all, or those ``quotes()``'s filters select) to a Parquet file
        with the ``QUOTE_COLUMNS`` schema, as ``quotetrace export --format parquet`` does;
        returns how many quotes were written."""
        return self._store.export_parquet(os.fspath(path), **filters)

    def speakers(self, name=None, *, limit=1000):
        """Corpus speakers, most quoted first: ``id``, ``name``, ``quotes``, ``outlets``,
        ``is_org``, ``forms`` (the name forms seen, joined by ``" | "``); ``name`` keeps those
        whose name holds these words in order."""
        return self._table(lambda parquet: self._store.speakers(name, limit, parquet))

    def stories(self, story=None):
        """Every article with its story id (``story``: only that story's articles)."""
        return self._table(lambda parquet: self._store.stories(story, parquet))

    def search(self, q, *, limit=50):
        """Full-text search over the stored quotes and articles, best first."""
        return self._table(lambda parquet: self._store.search(q, limit, parquet))

    def trace(self, text, *, limit=None):
        """A quote's provenance: the statement that best matches ``text`` (a quote or part of
        it), or None. A dict: ``speaker``, ``first`` (the first appearance), ``first_dated``,
        ``outlets`` (in order of first appearance), ``appearances_total``, ``urls``,
        ``match_score`` and ``appearances``: a DataFrame (or list) of every appearance in
        date order with its ``published``, ``outlet``, ``doc``, ``text`` and ``changes``
        against the first."""
        raw = self._store.trace(text, limit)
        if raw is None:
            return None
        t = json.loads(raw)
        rows = []
        for a in t["appearances"]:
            row = dict(a["quote"])
            row["quote_id"] = row.pop("id")
            row["changes"] = " ".join(a["changes"])
            row["duplicate_of"] = a["duplicate_of"]
            rows.append(row)
        if _has("pandas"):
            import pandas as pd

            frame = pd.DataFrame.from_records(rows)
            if _has("pyarrow") and len(frame):
                frame = frame.convert_dtypes(dtype_backend="pyarrow")
            t["appearances"] = frame
        else:
            t["appearances"] = rows
        return t


def _check_record(r, i):
    text, html = r.get("text"), r.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise RecordError(f'record {i} has no "text" (or "html") string: keys {sorted(r)}')


def _add_summaries(a, b):
    if a is None:
        return b
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, (int, float)) and isinstance(out.get(k), (int, float)):
            out[k] = out[k] + v
        elif isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = (out[k] + v)[:1000]
        else:
            out[k] = v
    return out
