"""Store: ingest, the queries as DataFrames (or records), Parquet, errors."""

import pathlib

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import quotetrace
from conftest import ARTICLE, article

RECORDS = [
    {"id": f"harbour-{i}", "text": article(i), "outlet": ["Harbour News", "Coast Daily"][i % 2],
     "published": f"2025-03-{i + 1:02d}", "url": f"https://news.example/{i}"}
    for i in range(12)
]


@pytest.fixture
def store(tmp_path):
    with quotetrace.Store(tmp_path / "corpus") as s:
        summary = s.ingest(RECORDS + [{"id": "pier", "text": ARTICLE}], progress=False)
        assert summary["added"] == 13 and summary["failed"] == 0
        yield s


def test_a_store_round_trip(store, tmp_path, examples_dir):
    counts = store.counts()
    df = store.quotes()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == [c for c, _ in quotetrace.QUOTE_COLUMNS]
    assert len(df) == counts["quotes"] > 12
    # Arrow-backed columns: no Python object per row.
    assert all(isinstance(t, pd.ArrowDtype) for t in df.dtypes), df.dtypes
    assert set(df["outlet"].dropna()) == {"Harbour News", "Coast Daily"}

    greta = store.quotes(speaker="Greta Holm")
    assert len(greta) and set(greta["speaker"]) == {"Greta Holm"}
    march = store.quotes(since="2025-03-05", until="2025-03-06")
    assert set(march["published"]) == {"2025-03-05", "2025-03-06"}
    assert len(store.quotes(outlet="Coast Daily", kind="direct", limit=2)) == 2

    speakers = store.speakers()
    assert "Ines Marlowe" in set(speakers["name"])
    assert list(speakers.columns) == ["id", "name", "quotes", "outlets", "is_org", "forms"]
    stories = store.stories()
    assert len(stories) == 13 and "story" in stories.columns
    hits = store.search("berths")
    assert len(hits) > 0 and set(hits["kind"]) <= {"quote", "document"}

    t = store.trace("We cannot keep turning boats away every summer")
    assert t["speaker"] == "Ines Marlowe"
    assert t["appearances_total"] == len(t["appearances"]) >= 1
    assert store.trace("words about gardening tomatoes nobody said") is None

    # Ingesting again adds nothing; a path ingests too.
    again = store.ingest(RECORDS, progress=False)
    assert again["added"] == 0 and again["existing"] == 12
    more = store.ingest(examples_dir, progress=False)
    assert more["added"] > 0
    assert store.counts()["documents"] == 13 + more["added"]


def test_parquet_reads_back_with_pandas_and_pyarrow(store, tmp_path):
    path = tmp_path / "quotes.parquet"
    n = store.export_parquet(path)
    df = store.quotes()
    assert n == len(df)
    table = pq.read_table(path)
    assert table.num_rows == n
    assert table.schema.field("quote_id").type == pa.int64()
    assert table.schema.field("confidence").type == pa.float64()
    assert table.schema.field("speaker").type == pa.string()
    assert table.schema.field("speaker").nullable
    back = pd.read_parquet(path)
    assert list(back.columns) == list(df.columns)
    assert back["text"].tolist() == df["text"].tolist()
    assert back["quote_id"].tolist() == df["quote_id"].tolist()
    only = tmp_path / "greta.parquet"
    assert store.export_parquet(only, speaker="Greta Holm") == len(
        store.quotes(speaker="Greta Holm"))


def test_without_pandas_tables_are_lists_of_records(store, monkeypatch):
    monkeypatch.setattr(quotetrace, "_has", lambda module: False)
    rows = store.quotes(limit=3)
    assert isinstance(rows, list) and len(rows) == 3
    assert set(rows[0]) == {c for c, _ in quotetrace.QUOTE_COLUMNS}
    assert isinstance(store.speakers(), list)
    t = store.trace("We cannot keep turning boats away every summer")
    assert isinstance(t["appearances"], list)


def test_a_read_only_store_beside_the_writer(store):
    ro = quotetrace.Store(store.path, read_only=True)
    assert len(ro.quotes()) == store.counts()["quotes"]
    with pytest.raises(quotetrace.StoreError, match="read_only"):
        ro.ingest(RECORDS)
    ro.close()


def test_store_errors_are_clear(tmp_path, store):
    missing = tmp_path / "no-store-here"
    with pytest.raises(quotetrace.StoreError, match="no-store-here"):
        quotetrace.Store(missing, read_only=True)
    # One writer at a time: the second is refused, naming the holder.
    with pytest.raises(quotetrace.StoreError):
        quotetrace.Store(store.path)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.quotes(since="last week")
    with pytest.raises(ValueError, match="kind"):
        store.quotes(kind="shouted")
    with pytest.raises(quotetrace.RecordError, match="record 1"):
        store.ingest([{"id": "a", "text": "A text."}, {"id": "b"}])
    with pytest.raises(FileNotFoundError):
        store.ingest(tmp_path / "nothing.jsonl")
    closed = quotetrace.Store(tmp_path / "other")
    closed.close()
    with pytest.raises(quotetrace.StoreError, match="closed"):
        closed.quotes()


def test_ingest_reports_progress_to_tqdm(tmp_path):
    tqdm = pytest.importorskip("tqdm")
    seen = []
    orig = tqdm.auto.tqdm.update

    def update(self, n=1):
        seen.append(n)
        return orig(self, n)

    tqdm.auto.tqdm.update = update
    try:
        with quotetrace.Store(tmp_path / "s") as s:
            s.ingest([{"id": str(i), "text": article(i)} for i in range(150)])
    finally:
        tqdm.auto.tqdm.update = orig
    assert sum(seen) == 150
