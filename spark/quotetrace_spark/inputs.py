"""Input files as `quotetrace extract` would be given them, read through Spark (any
Hadoop-readable path: local, HDFS, S3...).

Each argument is a file or a directory. A directory is walked recursively and, as the command
does, only the files whose name it knows are kept (.txt, .md, .markdown, .text, .jsonl,
.ndjson, .html, .htm, .xhtml, .shtml, .warc, .arc, each maybe .gz). A file is named as the
command names it: the argument as given, joined with its path under that argument, so that
document ids (a text's path, a JSONL record's ``path:line`` when it has no id) are the ones
`quotetrace extract ARG...` prints. Files are numbered in the command's order (arguments in
order, a directory's files sorted by path): that order is the arrival order the near-duplicate
stage keeps, as the embedded ingest does.

A Parquet table of articles (``--table``) comes after the files: its rows, in the table's
order, become JSON records (the fields a JSONL record has: ``id``/``doc_id``, ``title``,
``url``, ``published``/``date``, ``outlet``/``source``, ``author``, ``text`` or ``html``), read
by the same reader in chunks of ``TABLE_CHUNK`` rows, each chunk a "file" named
``TABLE#ROW`` (its first row's number).
"""

from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

# Extensions a directory walk keeps (quotetrace_ingest's kind_of, looking through .gz).
KNOWN = {"txt", "md", "markdown", "text", "jsonl", "ndjson", "html", "htm", "xhtml", "shtml",
         "warc", "arc"}


def known(path):
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return "." in name and name.rsplit(".", 1)[1] in KNOWN


def _qualified(spark, arg):
    """The argument as the fully qualified path Spark's file sources report."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(arg)
    fs = path.getFileSystem(conf)
    qualified = fs.makeQualified(path)
    if not fs.exists(qualified):
        raise SystemExit(f"quotetrace-spark: {arg}: no such file or directory")
    return qualified.toString(), fs.getFileStatus(qualified).isDirectory()


# Rows of a table read as one JSONL "file" (one Arrow cell of its bytes).
TABLE_CHUNK = 1000
# The record fields a table may have, as the JSONL reader knows them.
TABLE_FIELDS = ("id", "doc_id", "title", "url", "published", "date", "outlet", "source",
                "author", "text", "html")


def _table_chunks(first_file_no, name, lines):
    """mapPartitions over (line, row number): chunks of TABLE_CHUNK consecutive rows, each a
    JSONL "file" numbered first_file_no + its first row's number (unique, and in order)."""
    def chunks(rows):
        batch, first = [], None
        for line, r in rows:
            if first is None:
                first = r
            batch.append(line)
            if len(batch) == TABLE_CHUNK:
                yield (first_file_no + first, f"{name}#{first}", "\n".join(batch).encode())
                batch, first = [], None
        if batch:
            yield (first_file_no + first, f"{name}#{first}", "\n".join(batch).encode())
    return lines.rdd.map(lambda row: row[0]).zipWithIndex().mapPartitions(chunks)


def tables(spark, args, first_file_no):
    """The rows of Parquet tables of articles as (file_no, name, content) JSONL chunks, file
    numbers from first_file_no on (a table's row count apart from the next's)."""
    out = None
    for k, arg in enumerate(args):
        table = spark.read.parquet(arg)
        present = [c for c in TABLE_FIELDS if c in table.columns]
        if "text" not in present and "html" not in present:
            raise SystemExit(f"quotetrace-spark: {arg}: a table of articles needs a `text` or "
                             f"`html` column (it has: {', '.join(table.columns)})")
        # As strings, as a JSONL record has them (a numeric id, a date or timestamp column).
        fields = [F.col(c).cast("string").alias(c) for c in present]
        lines = table.select(F.to_json(F.struct(*fields)).alias("line"))
        chunks = _table_chunks(first_file_no, arg, lines)
        if k + 1 < len(args):
            # The next table's numbers start after this one's rows: a pass to count them,
            # which the last (usually the only) table does not need.
            first_file_no += lines.count() + 1
        out = chunks if out is None else out.union(chunks)
    return out


def files(spark, args, table_args=()):
    """A DataFrame (file_no long, name string, content binary): one row per input file, then
    the chunks of the Parquet tables of articles."""
    listing = []
    for arg in args:
        root, is_dir = _qualified(spark, arg)
        # Only the paths first (no content), to name and number the files on the driver.
        found = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                 .load(arg).select("path").collect())
        paths = sorted(r.path for r in found)
        for p in paths:
            if is_dir:
                rest = p[len(root):].lstrip("/") if p.startswith(root) else p
                if not known(rest):
                    continue
                name = arg.rstrip("/") + "/" + rest if rest else arg
            else:
                name = arg
            listing.append((p, name))
    numbered = [(i, p, n) for i, (p, n) in enumerate(listing)]
    schema = StructType([StructField("file_no", LongType(), False),
                         StructField("path", StringType(), False),
                         StructField("name", StringType(), False)])
    paths = [p for _, p, _ in numbered]
    if not paths and not table_args:
        raise SystemExit("quotetrace-spark: no input files (known extensions: "
                         + ", ".join(sorted(KNOWN)) + ")")
    out = None
    if paths:
        names = spark.createDataFrame(numbered, schema)
        content = spark.read.format("binaryFile").load(paths).select("path", "content")
        # The names are few and small: broadcast, so the content is not shuffled. Spark
        # spreads the files over the tasks itself (binaryFile packs them by size and cores).
        out = content.join(F.broadcast(names), "path").select("file_no", "name", "content")
    if table_args:
        chunks = spark.createDataFrame(
            tables(spark, table_args, len(numbered)),
            StructType([StructField("file_no", LongType(), False),
                        StructField("name", StringType(), False),
                        StructField("content", BinaryType(), False)]))
        out = chunks if out is None else out.unionByName(chunks)
    return out
