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
"""

from pyspark.sql import functions as F
from pyspark.sql.types import LongType, StringType, StructField, StructType

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


def files(spark, args):
    """A DataFrame (file_no long, name string, content binary): one row per input file."""
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
    names = spark.createDataFrame(numbered, schema)
    paths = [p for _, p, _ in numbered]
    if not paths:
        raise SystemExit("quotetrace-spark: no input files (known extensions: "
                         + ", ".join(sorted(KNOWN)) + ")")
    content = spark.read.format("binaryFile").load(paths).select("path", "content")
    # The names are few and small: broadcast, so the content is not shuffled. Spark spreads
    # the files over the tasks itself (binaryFile packs them by size and by the cores).
    return content.join(F.broadcast(names), "path").select("file_no", "name", "content")
