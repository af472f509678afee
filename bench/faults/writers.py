"""Faults 3 and 4: two concurrent writers, and a stale writer (server upload, CLI ingest,
server upload).
"""
import http.client
import os
import re
import time

from .procs import Row, err_line, refusal
from .stores import compare_docs, compare_speakers, compare_stories, integrity, store_docs, store_quotes, store_stories
from .net import start_server, stop_server, upload


def fault_two_writers(ctx, files, refs):
    row = Row("two `ingest` at once (same time; 3 s apart)")
    x, y = files["big"], files["other"]
    for gap in (0.0, 3.0):
        row.injected += 1
        store = ctx.path("two-writers", f"gap{int(gap)}")
        p1 = ctx.spawn([ctx.qt, "ingest", "-q", "--store", store, x], "writer1")
        if gap:
            time.sleep(gap)
        p2 = ctx.spawn([ctx.qt, "ingest", "-q", "--store", store, y], "writer2")
        # One must be refused promptly while the other writes: both polled, each exit timed.
        ended = {}
        t_end = time.monotonic() + 300
        while len(ended) < 2 and time.monotonic() < t_end:
            for q in (p1, p2):
                if q.pid not in ended and q.poll() is not None:
                    ended[q.pid] = time.monotonic() - q.t0
            time.sleep(0.005)
        rc1, rc2 = ctx.wait(p1, 0), ctx.wait(p2, 0)
        t1, t2 = ended.get(p1.pid), ended.get(p2.pid)
        e1, e2 = open(p1.err).read(), open(p2.err).read()
        if rc1 is None or rc2 is None:
            row.hangs += (rc1 is None) + (rc2 is None)
            row.note(f"gap {gap:.0f} s: a writer hung (exit statuses {rc1}, {rc2})")
            continue
        busy = lambda e: "is being written by" in e
        order, refused = None, None
        if rc1 == 0 and rc2 == 2 and busy(e2):
            order = [x, y]
            refused, refused_t = p2, t2
        elif rc2 == 0 and rc1 == 2 and busy(e1):
            order = [y, x]
            refused, refused_t = p1, t1
        elif rc1 == 0 and rc2 == 0:
            # Both succeeded: only right if they did not overlap; the store tells the rest.
            order = [x, y] if gap else None
            refused = None
            row.note(f"gap {gap:.0f} s: both writers succeeded")
        else:
            row.fail(f"gap {gap:.0f} s: exit statuses {rc1} / {rc2}: {err_line(e1)} / {err_line(e2)}")
        if refused is not None and order is not None:
            row.note(f"gap {gap:.0f} s: the {'first' if refused is p1 else 'second'} writer was refused (exit 2) after {refused_t:.2f} s: "
                     f"\"…{refusal(open(refused.err).read())}\"")
            if refused_t > 5:
                row.fail(f"gap {gap:.0f} s: the refusal took {refused_t:.1f} s")
            if "is being written by process" not in open(refused.err).read():
                row.note(f"gap {gap:.0f} s: the refusal does not name the holder's pid")
            rc, _, err = ctx.qt_run(["ingest", "-q", "--store", store, order[1]], 300, "writer-again")
            if rc is None:
                row.hangs += 1
                continue
            if rc != 0:
                row.fail(f"gap {gap:.0f} s: ingesting the refused input again exited {rc}: {err_line(err)}")
        if order is None:
            # Both ran at the same time and both succeeded: judge against x then y.
            order = [x, y]
        ref = refs.get(order, row)
        compare_docs(row, store_docs(ctx, store, row), ref["docs"])
        compare_speakers(row, store_quotes(ctx, store, row), ref["quotes"], f"gap {gap:.0f} s")
        compare_stories(row, store_stories(ctx, store, row), ref["stories"], f"gap {gap:.0f} s")
        integrity(store, row)
    return row



def lock_holder_pid(store):
    try:
        text = open(os.path.join(store, "writer.lock")).read()
    except OSError:
        return None
    m = re.search(r"^pid (\d+)", text, re.M)
    return int(m.group(1)) if m else None


def fault_stale_writer(ctx, files, refs):
    row = Row("upload A, CLI `ingest` B, upload C")
    row.injected = 1
    token = "T0ken-stale"
    store = ctx.path("stale", "store")
    a, b, c = (open(files[k], "rb").read() for k in ("a", "b", "c"))
    p, addr = start_server(ctx, store, row, token=token, name="serve-stale")
    if p is None:
        return row
    try:
        st, _, body = upload(addr, token, a)
        if st >= 500:
            row.e5xx += 1
            row.note(f"upload A answered {st}: {body[:200]!r}")
        elif st not in (200, 201):
            row.fail(f"upload A answered {st}: {body[:200]!r}")
        # CLI ingest of B; while it holds the lock, an upload (A again: stores nothing new)
        # must be answered 503 with Retry-After.
        cli = ctx.spawn([ctx.qt, "ingest", "-q", "--jobs", "1", "--store", store, files["b"]], "ingest-b")
        t_end = time.monotonic() + 30
        while time.monotonic() < t_end and cli.poll() is None and lock_holder_pid(store) != cli.pid:
            time.sleep(0.01)
        busy, busy_retry, other = 0, 0, []
        tries = 0
        while cli.poll() is None and tries < 3:
            tries += 1
            try:
                st, h, body = upload(addr, token, a, timeout=60)
            except (OSError, http.client.HTTPException) as e:
                row.fail(f"an upload during the CLI ingest failed: {e!r}")
                break
            if st == 503:
                busy += 1
                busy_retry += "retry-after" in h
            elif st >= 500:
                row.e5xx += 1
                other.append((st, body[:200]))
            else:
                other.append((st, body[:200]))
            time.sleep(0.1)
        rc = ctx.wait(cli, 300)
        if rc is None:
            row.hangs += 1
        elif rc != 0:
            row.fail(f"the CLI ingest of B exited {rc}: {err_line(open(cli.err).read())}")
        row.note(f"{busy} upload(s) during the CLI ingest answered 503 (expected, not counted as 5xx), "
                 f"{busy_retry} with Retry-After")
        if busy and busy_retry < busy:
            row.fail("a 503 without Retry-After")
        if other:
            row.note(f"other answers during the CLI ingest: {other}")
        if busy == 0 and tries:
            row.note("no upload arrived while the CLI held the lock (the CLI ingest was too quick)")
        # Upload C, retrying a 503 a few times in case the lock is still being let go.
        for _ in range(20):
            st, h, body = upload(addr, token, c)
            if st != 503:
                break
            time.sleep(0.5)
        if st >= 500:
            row.e5xx += 1
            row.note(f"upload C answered {st}: {body[:300]!r}")
        elif st not in (200, 201):
            row.fail(f"upload C answered {st}: {body[:300]!r}")
    except (OSError, http.client.HTTPException) as e:
        row.fail(f"upload failed: {e!r}")
    finally:
        stop_server(ctx, p, row)
    ref = refs.get([files["a"], files["b"], files["c"]], row)
    compare_docs(row, store_docs(ctx, store, row), ref["docs"])
    compare_speakers(row, store_quotes(ctx, store, row), ref["quotes"], "A, B, C")
    compare_stories(row, store_stories(ctx, store, row), ref["stories"], "A, B, C")
    integrity(store, row)
    return row
