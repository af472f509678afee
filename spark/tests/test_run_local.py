"""spark/run-local.sh end to end: a standalone master and two workers on loopback, the job on
the bundled articles plus synthetic ones (bench/synth_corpus.py over the bundled articles)
and a WARC.gz archive of HTML pages,
and the answers compared with the command's on the same files:

- the documents, in the command's order, and each document's ``record`` byte for byte the
  line ``quotetrace extract`` prints for it; the ``quotes`` table holds those quotes;
- the near-duplicate pairs against those of the embedded ingest (``quotetrace ingest``):
  pairwise F1 at least 0.99;
- all of this from a run in which one of the two workers is killed (SIGKILL) while the
  documents are being made: Spark runs its tasks again on the other, and nothing of the lost
  attempts reaches the tables;
- a Parquet table of articles (``--table``) read as the same records in a JSONL file are;
- ``quotetrace import`` of the tables makes the store ``quotetrace ingest`` makes of the
  same files: the same rows in every table of its database;
- the stories: the corpus is one story window (under ``--story-max-window`` documents), so
  the ``stories`` table groups the documents exactly as ``quotetrace ingest``'s store does;
  and, on a local Spark session, a story cut by windows (in arrival order, by date) keeps
  one id;
- the quote variant groups: the ``variants`` table's groups, joined along the store's
  translation and paraphrase links, partition the quotes exactly as the store's
  ``quotes.cluster`` does; and the job's own statements (the variant groups joined along the
  ``translations`` it makes within stories) partition them as the store does at pairwise
  precision 0.99 and F1 0.98 (see the test);
- on local Spark sessions: a hot speaker key streamed through small Arrow batches gets the
  speakers it gets resolved whole, and ``--mode resume`` keeps the committed stages of an
  earlier run and makes the others again, the same.

Without Java the test is skipped, with a message, except under CI=true, where it fails.
Environment: QT_BIN (the quotetrace binary; default: cargo build, target/debug/quotetrace),
QT_SPARK_VENV and QT_WHEEL (passed to run-local.sh), QT_SPARK_SYNTH (synthetic articles,
default 2000).
"""

import datetime
import glob
import gzip
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "spark"))

from quotetrace_spark.compare import (  # noqa: E402
    joined, pairs_f1, partition_f1, same_partition, spark_statements, store_groups, store_stories,
    store_variants)


def _java():
    if shutil.which("java") or os.environ.get("JAVA_HOME"):
        return True
    if os.environ.get("CI") == "true":
        pytest.fail("Java is missing under CI=true: .ci/run installs openjdk-17-jre-headless")
    pytest.skip("Java is missing: install Java 17 (Debian: openjdk-17-jre-headless) to run the Spark test")


def _binary():
    """The command built from this tree (debug: cargo test has built it already)."""
    if os.environ.get("QT_BIN"):
        return os.environ["QT_BIN"]
    subprocess.run(["cargo", "build", "-q", "-p", "quotetrace"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target/debug/quotetrace")


def _pids(pattern):
    found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _cpu(pid):
    """CPU seconds a process has used (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _kill_a_worker_mid_job(job, out):
    """Once the tasks that extract and write the documents run (their attempts write under
    ``documents/_temporary``), kills a Spark worker whose executor runs Python (its JVM,
    SIGKILL: a machine lost; the executor exits when its worker goes), before the documents
    table is committed. A Python worker that is using the CPU is running a task: its Spark
    worker is the one killed. Returns whether it did."""
    deadline = time.time() + 600
    while time.time() < deadline and job.poll() is None:
        if not (out / "documents" / "_temporary").exists():
            time.sleep(0.1)
            continue
        workers = set(_pids("org.apache.spark.deploy.worker.Worker"))
        daemons = _pids("pyspark.daemon")
        before = {p: _cpu(p) for p in daemons}
        time.sleep(0.3)
        busy = [p for p in daemons if _cpu(p) - before[p] > 0.05]
        for pid in busy:
            # Up from the Python worker: its executor, then that executor's Spark worker.
            chain = [pid]
            while chain[-1] and chain[-1] not in workers:
                chain.append(_parent(chain[-1]))
            if chain[-1] and not (out / "documents" / "_SUCCESS").exists():
                # The whole machine: the worker, its executor and the executor's Python.
                for p in reversed(chain):
                    os.kill(p, signal.SIGKILL)
                return True
    return False


def _warc(path, articles):
    """A CC-NEWS-like WARC.gz (one gzip member per record) of HTML pages made from texts:
    a warcinfo record (skipped by the reader) and one response per text."""
    with open(path, "wb") as f:
        records = [("warcinfo", "application/warc-fields", None, b"software: test\r\n")]
        for i, text in enumerate(articles):
            paras = [p for p in text.split("\n\n") if p.strip()]
            body = ("<!doctype html><html><head><title>" + html.escape(paras[0]) + "</title></head>"
                    "<body><article><h1>" + html.escape(paras[0]) + "</h1>"
                    + "".join("<p>" + html.escape(p) + "</p>" for p in paras[1:])
                    + "</article></body></html>").encode()
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            records.append(("response", "application/http; msgtype=response",
                            f"https://news.example/{i}", http))
        for kind, ct, uri, block in records:
            head = f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
            if uri:
                head += f"WARC-Target-URI: {uri}\r\n"
            head += f"Content-Type: {ct}\r\nContent-Length: {len(block)}\r\n\r\n"
            f.write(gzip.compress(head.encode() + block + b"\r\n\r\n"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    _java()
    work = tmp_path_factory.mktemp("spark")
    synth = work / "synth"
    synth.mkdir()
    n = int(os.environ.get("QT_SPARK_SYNTH", "2000"))
    corpus = work / "all.jsonl"
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/synth_corpus.py"),
                    os.path.join(ROOT, "examples/articles"), str(n), str(corpus)], check=True)
    # Four shards, so that the tasks spread over the workers.
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in range(4):
        (synth / f"part-{i}.jsonl").write_text("".join(lines[i::4]), encoding="utf-8")
    corpus.unlink()
    # A Parquet table of articles (one with HTML instead of text, a numeric id column made a
    # string), and the same records as a JSONL file for the command.
    table_rows = [dict(json.loads(line), id=f"table-{i}") for i, line in enumerate(lines[:30])]
    table_rows[3]["html"] = ("<html><body><article><p>" + html.escape(table_rows[3].pop("text"))
                             .replace("\n\n", "</p><p>") + "</p></article></body></html>")
    _parquet_table(work / "articles.parquet", table_rows)
    same = work / "articles.jsonl"
    same.write_text("".join(json.dumps(r) + "\n" for r in table_rows), encoding="utf-8")
    # A WARC.gz archive of HTML pages (read on the executors through a scratch copy).
    texts = [open(p, encoding="utf-8").read()
             for p in sorted(glob.glob(os.path.join(ROOT, "examples/articles/*.txt")))]
    _warc(synth / "crawl.warc.gz", texts)
    # Relative paths, as a user types them: the document ids are the command's.
    inputs = ["examples/articles", os.path.relpath(synth, ROOT)]
    out = work / "tables"
    log = work / "job.log"
    with open(log, "w") as err:
        job = subprocess.Popen([os.path.join(ROOT, "spark/run-local.sh"), "--out", str(out),
                                "--table", str(work / "articles.parquet"), *inputs],
                               cwd=ROOT, stderr=err,
                               env=dict(os.environ, QT_SPARK_LOG_LEVEL="INFO"))
        killed = _kill_a_worker_mid_job(job, out)
        rc = job.wait(timeout=900)
    assert rc == 0, "the job failed:\n" + log.read_text(errors="replace")[-5000:]
    # A task of the lost worker failed with it (and ran again elsewhere: the job succeeded).
    lost = "its executor exited for a reason unrelated to the task"
    killed = killed and lost in log.read_text(errors="replace")
    binary = _binary()
    # The table's rows come after the files, in its order: the JSONL file last for the command.
    inputs = [*inputs, str(same)]
    cli = subprocess.run([binary, "extract", "--quiet", *inputs], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    store = work / "store"
    subprocess.run([binary, "ingest", "--quiet", "--store", str(store), *inputs], cwd=ROOT,
                   check=True, capture_output=True)
    return {"out": out, "cli": cli, "store": store, "synthetic": n, "binary": binary,
            "work": work, "killed": killed}


def _parquet_table(path, rows):
    """A Parquet table of articles: the records' fields as string columns (null where a
    record lacks one), in two files, as a Spark table is."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir()
    names = sorted({k for r in rows for k in r})
    half = len(rows) // 2
    for k, part in enumerate([rows[:half], rows[half:]]):
        columns = {n: pa.array([r.get(n) for r in part], pa.string()) for n in names}
        pq.write_table(pa.table(columns), str(path / f"part-{k:05d}.parquet"))


def _table(out, name, columns=None):
    import pyarrow.parquet as pq

    return pq.read_table(str(out / name), columns=columns).to_pylist()


def test_a_worker_was_killed_in_the_middle_of_the_job(run):
    # The other tests check the tables of that run: a lost worker's tasks ran again elsewhere
    # and the output is what the command gives.
    assert run["killed"], ("no worker was killed while its tasks ran, or no task was lost "
                           "with it (the job's log at INFO)")


def test_documents_are_the_commands_lines_byte_for_byte(run):
    docs = sorted(_table(run["out"], "documents", ["seq", "doc", "record"]), key=lambda r: r["seq"])
    assert len(docs) == len(run["cli"]) >= run["synthetic"] + 6 + 4 + 30
    assert sum(r["doc"].startswith("table-") for r in docs) == 30, "the Parquet table's rows"
    assert any(r["doc"].startswith("https://news.example/") for r in docs), "the WARC pages"
    for row, line in zip(docs, run["cli"]):
        assert row["record"] == line, f"{row['doc']}: the Spark record differs from extract's line"


def test_quotes_table_holds_each_documents_quotes(run):
    quotes = _table(run["out"], "quotes")
    by_doc = {}
    for q in quotes:
        by_doc.setdefault(q["doc"], []).append(q)
    expected = {}
    for line in run["cli"]:
        rec = json.loads(line)
        expected[rec["doc"]] = rec.get("quotes") or []
    assert sum(len(v) for v in expected.values()) == len(quotes) > 1000
    for doc, want in expected.items():
        got = sorted(by_doc.get(doc, []), key=lambda q: q["quote_index"])
        assert [g["quote_index"] for g in got] == list(range(len(want)))
        for g, w in zip(got, want):
            for field, value in w.items():
                assert g[field] == value, f"{doc}: quote field {field}"


def test_near_duplicates_agree_with_the_embedded_ingest(run):
    spark_groups = {}
    for r in _table(run["out"], "duplicates", ["doc", "original_doc"]):
        spark_groups.setdefault(r["original_doc"], set()).add(r["doc"])
    embedded = store_groups(run["store"])
    p, r, f1, _ = pairs_f1(list(spark_groups.values()), embedded)
    print(f"near-duplicate pairs: P {p:.4f} R {r:.4f} F1 {f1:.4f}")
    # synth_corpus makes about 2% near-copies: the groups are not empty.
    assert sum(len(g) for g in embedded) > run["synthetic"] // 100
    assert f1 >= 0.99


def _dump(store):
    """Every table's rows of a store's database, in SQL text (the search index apart: it is
    its own database)."""
    import sqlite3

    with sqlite3.connect(str(store / "quotetrace.db")) as db:
        return list(db.iterdump())


def test_import_of_the_tables_is_the_ingested_store(run):
    imported = run["work"] / "imported"
    done = subprocess.run([run["binary"], "import", "--store", str(imported), str(run["out"])],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    assert "imported" in done.stderr, done.stderr
    ingested, mine = _dump(run["store"]), _dump(imported)
    assert len(ingested) > run["synthetic"]
    assert mine == ingested


def test_corpus_speakers_are_the_stores(run):
    """Every quote's corpus speaker (id and display name) from the Spark tables against the
    store `quotetrace ingest` built from the same files."""
    import sqlite3

    quotes = _table(run["out"], "quotes", ["seq", "quote_index", "doc", "start", "end"])
    assigned = {(r["seq"], r["quote_index"]): r["speaker_id"]
                for r in _table(run["out"], "quote_speakers")}
    names = {r["speaker_id"]: r["name"] for r in _table(run["out"], "speakers")}
    spark = {(q["doc"], q["start"], q["end"]): assigned.get((q["seq"], q["quote_index"]))
             for q in quotes}
    with sqlite3.connect(str(run["store"] / "quotetrace.db")) as db:
        stored = {(doc, start, end): (speaker, name) for doc, start, end, speaker, name in
                  db.execute("SELECT d.doc_key, q.start, q.end, q.speaker, s.name FROM quotes q "
                             "JOIN documents d ON d.id = q.doc "
                             "LEFT JOIN speakers s ON s.id = q.speaker")}
    assert len(stored) == len(spark) > 1000
    same = sum(stored[k] == (v, names.get(v)) for k, v in spark.items())
    with_speaker = sum(v is not None for v in spark.values())
    print(f"corpus speakers: {same} of {len(spark)} quotes the same ({with_speaker} with one)")
    assert with_speaker > len(spark) // 3
    assert same == len(spark)


def test_variant_groups_are_the_stores(run):
    """Every stored quote's variant group from the ``variants`` table against the store's
    ``quotes.cluster``. Spark makes the textual links (the same words, an edited variant) by
    the store's rule; the store also joins groups by meaning (translations, paraphrases)
    within stories: Spark's variant groups joined along the store's links are exactly the
    store's, and Spark's own statements (its variant groups joined along its ``translations``)
    are the store's at pairwise precision >= 0.99 and F1 >= 0.98 (the store links an article
    within its story as the story is when the article's batch is stored; Spark within the
    final story)."""
    spark = {(r["doc"], r["start"], r["end"]): (r["group_seq"], r["group_quote_index"])
             for r in _table(run["out"], "variants",
                             ["doc", "start", "end", "group_seq", "group_quote_index"])}
    stored, meaning = store_variants(run["store"])
    p, r, f1 = partition_f1(spark, stored)
    grouped = lambda labels: sum(n > 1 for n in Counter(labels.values()).values())  # noqa: E731
    statements = spark_statements(run["out"])[1]
    links = _table(run["out"], "translations", ["seq"])
    sp, sr, sf1 = partition_f1(statements, stored)
    print(f"variant groups: {grouped(spark)} of 2+ quotes on Spark, {grouped(stored)} in the "
          f"store, {len(meaning)} translation or paraphrase links there; pairwise "
          f"P {p:.4f} R {r:.4f} F1 {f1:.4f}; with those links: "
          f"F1 {partition_f1(joined(spark, meaning), stored)[2]:.4f}; Spark's statements "
          f"({len(links)} links): P {sp:.4f} R {sr:.4f} F1 {sf1:.4f}")
    assert len(spark) == len(stored) == len(statements) > 1000
    assert grouped(stored) > 10
    assert p == 1.0
    assert same_partition(joined(spark, meaning), stored)
    assert len(links) > 0
    # The store links an article within the story it has when its batch is stored and again
    # after a refinement moves it; Spark once, within its final story. Synthetic articles all
    # resemble each other and move often; on bench/spark_translations.sh's news, the same.
    assert sp >= 0.99 and sf1 >= 0.98


def test_stories_are_the_stores(run):
    """One window (the whole corpus, clustered in arrival order by the store's clusterer on
    one executor): the same partition of the documents into stories as the ingested store.
    Ids differ (the table's story is its first document's seq), so partitions are compared."""
    spark = {r["doc"]: r["story"] for r in _table(run["out"], "stories", ["doc", "story"])}
    stored = store_stories(run["binary"], run["store"])
    p, r, f1 = partition_f1(spark, stored)
    print(f"stories: {len(set(spark.values()))} on Spark, {len(set(stored.values()))} in the "
          f"store; pairwise P {p:.4f} R {r:.4f} F1 {f1:.4f}")
    assert len(spark) == len(stored) > run["synthetic"]
    assert len(set(stored.values())) > 10
    assert same_partition(spark, stored)


def test_a_story_cut_by_windows_keeps_one_id(run, monkeypatch):
    """Windows cut a story and the overlaps put it back together: six articles, twenty copies
    of each under other ids, interleaved in arrival order (one a day, so a copy of each
    article every six days), clustered on a local Spark session (the package the job
    installed) in windows of 60 documents that share 6, and in 30-day windows that share 7
    days: every overlap holds a copy of each article, so there are six stories, each the
    twenty copies of one article, named after its first copy's seq."""
    from pyspark.sql import SparkSession
    from quotetrace_spark import stories

    texts = [open(p, encoding="utf-8").read().strip()
             for p in sorted(glob.glob(os.path.join(ROOT, "examples/articles/0*")))]
    assert len(texts) == 6
    rows = []
    for i in range(120):
        text = texts[i % 6]
        day = (datetime.date(2024, 1, 1) + datetime.timedelta(days=i)).isoformat()
        rows.append((i, f"copy-{i}", text.split("\n", 1)[0], text, day, None))
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.path.join(ROOT, "spark"))
    spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        docs = spark.createDataFrame(
            rows, "seq long, doc string, title string, text string, published string, "
                  "error string")
        for width, max_docs in ((0, 60), (30, 60)):
            table, figures = stories.stories(docs, width, 7, max_docs)
            got = {r["seq"]: r["story"] for r in table.collect()}
            assert figures["story_windows"] >= 3, figures
            assert got == {i: i % 6 for i in range(120)}, (width, figures, got)
    finally:
        spark.stop()


def test_a_hot_speaker_key_streams_through_small_batches(monkeypatch):
    """The speaker stage's guard against a common surname: one key's quotes pass through the
    resolver a batch at a time (here 7 rows a batch, the hot key's 600 quotes spread over
    many), with the store's index carried between batches; every quote's speaker, and every
    speaker's name and forms, are those of the whole key resolved in one call, in arrival
    order, on a local Spark session."""
    _java()
    from pyspark.sql import SparkSession
    from quotetrace import _native
    from quotetrace_spark import speakers

    forms = [("Anna Holm", "person"), ("Holm", "person"), ("Erik Holm", "person"),
             ("Holm", "person"), ("Ministry of Holm", "organization"), ("A. Holm", "person"),
             ("Holm", "person"), ("Erik Holm", "person"), ("a spokesman", "description")]
    others = [("Lena Berg", "person"), ("Berg", "person"), ("Port Authority", "organization")]
    rows, by_key = [], {}
    for seq in range(400):
        for i, (speaker, kind) in enumerate([forms[seq % len(forms)], forms[(seq * 5) % 7],
                                             others[seq % 3]]):
            rows.append((seq, i, speaker, kind))
            key = _native.speaker_key_of(speaker, kind)
            if key is not None:
                by_key.setdefault(key, []).append(((seq, i), (speaker, kind)))
    assert max(len(v) for v in by_key.values()) >= 600
    expected_quotes, expected_speakers = {}, {}
    for key, quotes in by_key.items():
        ids, found = _native.resolve_speakers([q for _, q in quotes])
        for (place, _), local in zip(quotes, ids):
            if local is not None:
                expected_quotes[place] = (key, local)
        for local, name, fs, _ in found:
            expected_speakers[(key, local)] = (name, [(f, n) for f, n in fs])
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.path.join(ROOT, "spark"))
    spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", "7").getOrCreate())
    try:
        quotes = spark.createDataFrame(
            rows, "seq long, quote_index int, speaker string, speaker_type string")
        table, quote_speakers = speakers.speakers(quotes)
        table = {r["speaker_id"]: r for r in table.collect()}
        got = {(r["seq"], r["quote_index"]): r["speaker_id"] for r in quote_speakers.collect()}
    finally:
        spark.stop()
    assert set(got) == set(expected_quotes)
    # Each Spark speaker is exactly one speaker of one key (ids differ: global on Spark).
    which = {}
    for place, speaker_id in got.items():
        assert which.setdefault(speaker_id, expected_quotes[place]) == expected_quotes[place]
    assert sorted(which.values()) == sorted(expected_speakers) and len(table) == len(which)
    for speaker_id, r in table.items():
        name, forms = expected_speakers[which[speaker_id]]
        assert r["name"] == name
        assert [(f["form"], f["count"]) for f in r["forms"]] == forms
        assert r["quotes"] == sum(n for _, n in forms)


def test_resume_keeps_committed_stages_and_remakes_the_others(tmp_path, monkeypatch, capsys):
    """``--mode resume``: a second run into the same directory keeps the stages whose tables
    were committed up to the first whose table is gone (or was never committed); that one and
    every later one are made again, the same as before; without it, existing tables stop the
    job. On a local Spark session, the bundled articles."""
    _java()
    import pyarrow.parquet as pq
    from quotetrace_spark import job

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.path.join(ROOT, "spark"))
    monkeypatch.setenv("PYSPARK_SUBMIT_ARGS",
                       "--master local[1] --conf spark.ui.enabled=false "
                       "--conf spark.sql.shuffle.partitions=2 pyspark-shell")
    out = tmp_path / "tables"
    args = ["--out", str(out), "--no-variants", "--no-stories",
            os.path.join(ROOT, "examples/articles")]

    def rows(name):
        return sorted(tuple(map(str, r.values())) for r in pq.read_table(str(out / name)).to_pylist())

    first = job.run(args)
    speakers, documents = rows("speakers"), rows("documents")
    (out / "speakers" / "_SUCCESS").unlink()  # as if the job died before its commit
    capsys.readouterr()
    second = job.run([*args, "--mode", "resume"])
    said = capsys.readouterr().out
    for kept in ("documents", "quotes"):
        assert f"quotetrace-spark: {kept}: kept from the earlier run" in said
    for remade in ("speakers", "duplicates"):
        assert f"quotetrace-spark: {remade}: kept" not in said
    assert rows("speakers") == speakers and rows("documents") == documents
    assert {k: v for k, v in second.items() if not k.endswith("_s")} == \
        {k: v for k, v in first.items() if not k.endswith("_s")}
    assert "documents_s" not in second and "speakers_s" in second
    try:
        with pytest.raises(Exception, match="already exists"):
            job.run(args)
    finally:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()
