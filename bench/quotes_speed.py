#!/usr/bin/env python3
"""Quotation-extraction speed and memory: quotetrace vs textacy + spaCy (standard library only).

Run it through bench/quotes_speed.sh, which builds quotetrace, prepares the peer's virtualenv
and installs GNU time; this file does the measuring. Steps:

 1. Corpus: PolNeAR train texts repeated, with unique ids, to QT_SPEED_DOCS articles (default
    8000) in bench/out/speed_corpus.jsonl ({"id", "text"} per line).
 2. quotetrace: one untimed warm-up run (checks one output line per article), then
    QT_RUNS (default 3) timed runs each of `quotetrace extract --jobs 1` and `--jobs 2`,
    output to /dev/null; reports the median wall time, articles/s, MB/s, peak RSS, and the
    jobs-2 speed-up.
 3. textacy: bench/peers/textacy_extract.py on QT_PEER_DOCS (default 100) train articles spread
    evenly over the sorted file list (bench/out/speed_peer.jsonl), one process, one document at
    a time; articles/s excludes the model load. Ratio = quotetrace jobs-1 / textacy, per
    article and per MB (the two corpora differ a little in mean article length).
 4. Memory (skip with QT_SKIP_1GB=1): a ~QT_BIG_BYTES (default 1e9) JSONL file written
    streaming from repeated train texts, `quotetrace extract --jobs 2` on it under
    /usr/bin/time -v: peak RSS and articles/s. The big file is deleted afterwards.

Environment: QT_BIN (binary; missing -> quotetrace steps skipped), QT_VENV_PY (the peer's
python; empty -> textacy step skipped), QT_SHARED_BENCH, QT_OUT, QT_SPEED_DOCS, QT_RUNS,
QT_PEER_DOCS, QT_SKIP_1GB, QT_BIG_BYTES, QT_BIG_JOBS (default 2).
Results: printed, and saved to bench/out/quotes_speed.txt and bench/out/quotes_speed.json.
"""
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def env_int(name, default):
    return int(float(os.environ.get(name, default)))


BIN = os.environ.get("QT_BIN", "")
VENV_PY = os.environ.get("QT_VENV_PY", "")
SHARED = os.environ["QT_SHARED_BENCH"]
OUT = os.environ["QT_OUT"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_DOCS = env_int("QT_SPEED_DOCS", 8000)
RUNS = env_int("QT_RUNS", 3)
PEER_DOCS = env_int("QT_PEER_DOCS", 100)
SKIP_BIG = os.environ.get("QT_SKIP_1GB", "0") == "1"
BIG_BYTES = env_int("QT_BIG_BYTES", 1_000_000_000)
BIG_JOBS = env_int("QT_BIG_JOBS", 2)
GNU_TIME = "/usr/bin/time"


def log(msg):
    print(f"[speed] {msg}", file=sys.stderr, flush=True)


def train_texts():
    files = sorted(glob.glob(os.path.join(SHARED, "data/polnear/train/text/*.txt")))
    if not files:
        sys.exit(f"no PolNeAR train texts under {SHARED}")
    out = []
    for f in files:
        with open(f, "rb") as fh:
            out.append((os.path.basename(f)[:-4], fh.read().decode("utf-8")))
    return out


def write_jsonl(path, records):
    """records: iterable of (id, text). Returns (count, bytes of text)."""
    n = nbytes = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text in records:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            n += 1
            nbytes += len(text.encode("utf-8"))
    return n, nbytes


def repeated(texts, n):
    for i in range(n):
        name, text = texts[i % len(texts)]
        yield f"{name}#{i // len(texts)}", text


def run_timed(cmd, stdout=subprocess.DEVNULL):
    """Run cmd (under GNU time -v when available); return (wall seconds, peak RSS KiB or None)."""
    with tempfile.NamedTemporaryFile("w+", suffix=".time") as tf:
        full = [GNU_TIME, "-v", "-o", tf.name] + cmd if os.path.exists(GNU_TIME) else cmd
        t0 = time.perf_counter()
        proc = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-4000:])
            sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
        tf.seek(0)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tf.read())
    return wall, (int(m.group(1)) if m else None)


def mb(nbytes):
    return nbytes / 1e6


def main():
    os.makedirs(OUT, exist_ok=True)
    texts = train_texts()
    have_qt = bool(BIN) and os.access(BIN, os.X_OK)
    res = {"corpus_docs": N_DOCS, "runs": RUNS}
    rows = []  # (measure, value) for the summary table

    # 1. corpus
    corpus = os.path.join(OUT, "speed_corpus.jsonl")
    n, nbytes = write_jsonl(corpus, repeated(texts, N_DOCS))
    res["corpus_mb"] = round(mb(nbytes), 2)
    log(f"corpus: {n} articles, {mb(nbytes):.1f} MB of text -> {corpus}")

    # 2. quotetrace, jobs 1 and 2
    if have_qt:
        with tempfile.TemporaryFile() as warm:
            run_timed([BIN, "extract", "--jobs", "2", corpus], stdout=warm)
            warm.seek(0)
            lines = sum(1 for _ in warm)
        if lines != n:
            sys.exit(f"quotetrace printed {lines} lines for {n} articles")
        for jobs in (1, 2):
            walls, rss = [], []
            for r in range(RUNS):
                w, kb = run_timed([BIN, "extract", "--jobs", str(jobs), corpus])
                walls.append(w)
                rss.append(kb)
                log(f"quotetrace --jobs {jobs} run {r + 1}/{RUNS}: {w:.2f} s")
            med = statistics.median(walls)
            res[f"qt_jobs{jobs}"] = {
                "walls_s": [round(w, 3) for w in walls], "median_s": round(med, 3),
                "articles_per_s": round(n / med, 1), "mb_per_s": round(mb(nbytes) / med, 2),
                "peak_rss_mb": round(max(x for x in rss) / 1024, 1) if all(rss) else None,
            }
            q = res[f"qt_jobs{jobs}"]
            rows.append((f"quotetrace --jobs {jobs}: median of {RUNS} on {n} articles",
                         f"{med:.2f} s, {q['articles_per_s']:.1f} articles/s, "
                         f"{q['mb_per_s']:.2f} MB/s, peak RSS {q['peak_rss_mb']} MB"))
        res["qt_speedup_jobs2"] = round(res["qt_jobs1"]["median_s"] / res["qt_jobs2"]["median_s"], 2)
        rows.append(("quotetrace speed-up, --jobs 2 vs --jobs 1", f"{res['qt_speedup_jobs2']:.2f}x"))
    else:
        log(f"no quotetrace binary at {BIN!r}: quotetrace steps skipped")

    # 3. textacy on a small, evenly spread subset
    if VENV_PY:
        step = max(1, len(texts) // PEER_DOCS)
        subset = texts[::step][:PEER_DOCS]
        peer_in = os.path.join(OUT, "speed_peer.jsonl")
        pn, pbytes = write_jsonl(peer_in, subset)
        stats_path = os.path.join(OUT, "speed_peer.stats.json")
        log(f"textacy on {pn} articles ({mb(pbytes):.2f} MB)")
        subprocess.run([VENV_PY, os.path.join(ROOT, "bench/peers/textacy_extract.py"),
                        "--out", os.devnull, "--stats", stats_path, peer_in], check=True)
        st = json.load(open(stats_path))
        res["textacy"] = dict(st, mb_per_s=round(mb(pbytes) / st["elapsed_s"], 3))
        rows.append((f"textacy + spaCy sm, 1 process, {pn} articles",
                     f"{st['elapsed_s']:.2f} s, {st['articles_per_s']:.2f} articles/s, "
                     f"{res['textacy']['mb_per_s']:.3f} MB/s, {st['failed']} failed "
                     f"(+{st['load_s']:.1f} s model load)"))
        if have_qt:
            r_art = res["qt_jobs1"]["articles_per_s"] / st["articles_per_s"]
            r_mb = res["qt_jobs1"]["mb_per_s"] / res["textacy"]["mb_per_s"]
            res["ratio_qt_jobs1_vs_textacy"] = {"articles": round(r_art, 1), "mb": round(r_mb, 1)}
            rows.append(("ratio quotetrace --jobs 1 / textacy",
                         f"{r_art:.1f}x per article, {r_mb:.1f}x per MB"))
    else:
        log("no peer virtualenv: textacy step skipped")

    # 4. memory on ~1 GB
    if SKIP_BIG:
        log("QT_SKIP_1GB=1: memory step skipped")
    elif not have_qt:
        log("memory step skipped (no quotetrace binary)")
    elif shutil.disk_usage(OUT).free < BIG_BYTES + 500_000_000:
        log(f"memory step skipped: less than {mb(BIG_BYTES + 500_000_000):.0f} MB free in {OUT}")
    else:
        big = os.path.join(OUT, "speed_big.jsonl")
        try:
            log(f"writing ~{mb(BIG_BYTES):.0f} MB to {big}")
            bn = btext = written = 0
            with open(big, "w", encoding="utf-8") as fh:
                while written < BIG_BYTES:
                    name, text = texts[bn % len(texts)]
                    line = json.dumps({"id": f"{name}#{bn // len(texts)}", "text": text},
                                      ensure_ascii=False) + "\n"
                    fh.write(line)
                    written += len(line.encode("utf-8"))
                    btext += len(text.encode("utf-8"))
                    bn += 1
            log(f"quotetrace --jobs {BIG_JOBS} on {bn} articles ({mb(written):.0f} MB file)")
            w, kb = run_timed([BIN, "extract", "--jobs", str(BIG_JOBS), big])
            res["big"] = {"file_mb": round(mb(written), 1), "docs": bn, "jobs": BIG_JOBS,
                          "wall_s": round(w, 2), "articles_per_s": round(bn / w, 1),
                          "mb_per_s": round(mb(btext) / w, 2),
                          "peak_rss_mb": round(kb / 1024, 1) if kb else None}
            b = res["big"]
            rows.append((f"quotetrace --jobs {BIG_JOBS} on {b['file_mb']:.0f} MB JSONL "
                         f"({bn} articles)",
                         f"peak RSS {b['peak_rss_mb']} MB, {w:.1f} s, "
                         f"{b['articles_per_s']:.1f} articles/s, {b['mb_per_s']:.2f} MB/s"))
        finally:
            if os.path.exists(big):
                os.remove(big)

    # summary
    width = max((len(k) for k, _ in rows), default=10)
    lines = ["quotation extraction speed (this machine: %d cores)" % os.cpu_count(), ""]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(OUT, "quotes_speed.txt"), "w") as fh:
        fh.write(text + "\n")
    with open(os.path.join(OUT, "quotes_speed.json"), "w") as fh:
        json.dump(res, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
