"""Fault-injection run of quotetrace: kills, two writers, a full disk, a read-only disk, idle
and hostile HTTP clients. Prints one Markdown table; exits 0 when every count that must be 0
is 0, else 1. Driven by bench/faults.sh (which builds the binary); Python 3 standard library
only. Everything runs on 127.0.0.1; every child is killed at the end; every wait is bounded
(a wait that runs out is a "hang": counted, and the process killed).

usage: PYTHONPATH=bench python3 -m faults --qt BIN --work DIR [--quick] [--seed N] [--docs N]

The corpus is generated (corpus.py; no outside data). The reference for every check is a store
built by plain, sequential `quotetrace ingest` runs of the same inputs in the same order
(stores.py). One module per fault or pair of faults (kills, writers, disk, idle, hostile), on
the helpers for processes (procs.py) and HTTP (net.py); this one runs them and prints the table.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

from .corpus import make_corpus
from .procs import Ctx
from .stores import Refs
from .kills import fault_ingest_kills, fault_serve_kills
from .writers import fault_stale_writer, fault_two_writers
from .disk import fault_disk_full
from .idle import fault_idle
from .hostile import fault_hostile


def table(rows, work):
    def cell(v, skipped):
        if skipped:
            return "skipped"
        return "-" if v is None else str(v)

    cols = ["fault", "injected", "articles lost", "articles doubled", "hangs", "5xx", "wrong speakers",
            "failed checks", "notes"]
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join(["---"] + ["---:"] * 7 + ["---"]) + "|"]
    tot = {"injected": 0, "lost": 0, "doubled": 0, "hangs": 0, "e5xx": 0, "wrong": 0, "failed": 0}
    for r in rows:
        for k in tot:
            tot[k] += getattr(r, k) or 0
        notes = "; ".join(n.replace(work, "$W").replace("|", "\\|").replace("\n", " ") for n in r.notes)
        out.append("| " + " | ".join([r.fault] + [cell(getattr(r, k), r.skipped) for k in
                                                   ("injected", "lost", "doubled", "hangs", "e5xx", "wrong", "failed")]
                                      + [notes]) + " |")
    out.append("| **total** | " + " | ".join(f"**{tot[k]}**" for k in tot) + " | |")
    ok = all(tot[k] == 0 for k in ("lost", "doubled", "hangs", "e5xx", "wrong", "failed"))
    return "\n".join(out), ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qt", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--docs", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated faults: ingest,serve,writers,stale,disk,idle,hostile")
    args = ap.parse_args()
    os.makedirs(os.path.join(args.work, "logs"), exist_ok=True)
    ctx = Ctx(args)

    def on_signal(sig, _frame):
        ctx.kill_all()
        sys.exit(128 + sig)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    only = set(filter(None, args.only.split(",")))
    want = lambda k: not only or k in only
    kills = 5 if args.quick else 20
    n_main = args.docs or (1500 if args.quick else 3000)
    t_start = time.monotonic()
    try:
        # big: long enough (several seconds) that a writer started 3 s later finds it writing.
        sizes = [("main", n_main), ("other", n_main // 2), ("big", 8000), ("a", 400), ("b", 1200), ("c", 400)]
        corpus = make_corpus(args.seed, sizes)
        files = {}
        for name, lines in corpus.items():
            files[name] = ctx.path("corpus", f"{name}.jsonl")
            os.makedirs(os.path.dirname(files[name]), exist_ok=True)
            with open(files[name], "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        ctx.log("corpus: " + ", ".join(f"{k} {len(v)} articles" for k, v in corpus.items()))
        help_text = subprocess.run([ctx.qt, "serve", "--help"], capture_output=True, text=True, timeout=30).stdout
        have_flags = all(f in help_text for f in ("--idle-timeout-ms", "--header-timeout-ms",
                                                  "--body-timeout-ms", "--max-connections"))
        idle_s = 5.0 if have_flags else 10.0
        refs = Refs(ctx)
        rows, times = [], []
        steps = [
            ("ingest", lambda: [fault_ingest_kills(ctx, files, refs, kills)]),
            ("serve", lambda: [fault_serve_kills(ctx, files, corpus["main"], refs, kills)]),
            ("writers", lambda: [fault_two_writers(ctx, files, refs)]),
            ("stale", lambda: [fault_stale_writer(ctx, files, refs)]),
            ("disk", lambda: fault_disk_full(ctx, files, refs)),
            ("idle", lambda: fault_idle(ctx, refs, files, (have_flags, idle_s))),
            ("hostile", lambda: [fault_hostile(ctx, refs, files, (have_flags, idle_s))]),
        ]
        for key, step in steps:
            if not want(key):
                continue
            ctx.log(f"fault: {key}")
            t0 = time.monotonic()
            got = step()
            times.append(f"{key} {time.monotonic() - t0:.0f} s")
            rows.extend(got)
            ctx.kill_all()
        if not have_flags:
            rows[-1].note("`serve` has no timeout flags: the defaults were used") if rows else None
        text, ok = table(rows, ctx.work)
        print(text)
        print(f"\nquotetrace fault run: {time.monotonic() - t_start:.0f} s, seed {args.seed}, "
              f"{'quick' if args.quick else 'full'} mode, serve timeouts {'%gs (flags)' % idle_s if have_flags else 'defaults'}; "
              f"$W = {ctx.work} (logs of every process in $W/logs). Result: {'PASS' if ok else 'FAIL'}")
        print("time per fault (reference stores included where first built): " + ", ".join(times))
        return 0 if ok else 1
    finally:
        ctx.kill_all()


if __name__ == "__main__":
    sys.exit(main())
