"""Faults 1 and 2: SIGKILLs of `ingest`, and of `serve` during uploads."""
import collections
import http.client
import subprocess
import threading
import time

from .procs import Row, err_line
from .stores import compare_docs, integrity, store_docs
from .net import start_server, stop_server, upload


def fault_ingest_kills(ctx, files, refs, target):
    row = Row("SIGKILL of `ingest` (--jobs 2 --batch 200)")
    ref = refs.get([files["main"]], row)
    t_ref = max(0.5, ref["secs"])
    landed, attempts, series = 0, 0, 0
    deadline = time.monotonic() + (60 if ctx.quick else 200)
    while landed < target and attempts < target * 4 and time.monotonic() < deadline:
        series += 1
        store = ctx.path("kill-ingest", f"s{series}")
        in_series = 0
        while in_series < 5 and landed < target and attempts < target * 4:
            attempts += 1
            p = ctx.spawn([ctx.qt, "ingest", "-q", "--jobs", "2", "--batch", "200", "--store", store,
                           files["main"]], "ingest-killed")
            delay = ctx.rng.uniform(0.02, 0.9) * t_ref
            try:
                rc = p.wait(timeout=delay)
                ctx.children.pop(p.pid, None)
                if rc != 0:
                    row.fail(f"an ingest before its kill exited {rc}: {err_line(open(p.err).read())}")
                break  # the store is complete: next series
            except subprocess.TimeoutExpired:
                ctx.kill(p)
                landed += 1
                in_series += 1
            integrity(store, row, f"store after kill {landed}")
        # The final, uninterrupted run.
        rc, _, err = ctx.qt_run(["ingest", "-q", "--jobs", "2", "--batch", "200", "--store", store,
                                 files["main"]], max(60, 20 * t_ref), "ingest-final")
        if rc is None:
            row.hangs += 1
            row.note(f"series {series}: the final ingest hung")
        elif rc != 0:
            row.fail(f"series {series}: the final ingest exited {rc}: {err_line(err)}")
        compare_docs(row, store_docs(ctx, store, row), ref["docs"])
        integrity(store, row, f"store of series {series}")
    row.injected = landed
    row.note(f"{series} store(s), {len(ref['docs'])} articles each, kills at 2-90% of a full run ({t_ref:.1f} s); "
             "integrity_check after every kill")
    if landed < target:
        row.fail(f"only {landed} of {target} kills landed mid-run")
    return row



class Uploader(threading.Thread):
    """Uploads chunks[cursor:] one after the other; stops at the first connection error."""

    def __init__(self, addr, token, chunks, cursor):
        super().__init__(daemon=True)
        self.addr, self.token, self.chunks, self.cursor = addr, token, chunks, cursor
        self.in_flight = False
        self.statuses = []
        self.bad = []
        self.error = None

    def run(self):
        tries = 0
        while self.cursor < len(self.chunks):
            self.in_flight = True
            try:
                status, headers, body = upload(self.addr, self.token, self.chunks[self.cursor], timeout=60)
            except (OSError, http.client.HTTPException) as e:
                self.error = e
                return
            finally:
                self.in_flight = False
            self.statuses.append(status)
            tries += 1
            if status not in (200, 201):
                self.bad.append((self.cursor, status, body[:200]))
                if tries < 3:
                    time.sleep(0.5)
                    continue
            # Stored, or refused three times: the next chunk.
            self.cursor += 1
            tries = 0


def fault_serve_kills(ctx, files, lines, refs, target):
    row = Row("SIGKILL of `serve` during uploads")
    ref = refs.get([files["main"]], row)
    token = "T0ken-faults"
    size = 100
    chunks = ["\n".join(lines[i:i + size]).encode() + b"\n" for i in range(0, len(lines), size)]
    landed, attempts, series = 0, 0, 0
    deadline = time.monotonic() + (60 if ctx.quick else 200)
    codes = collections.Counter()
    # The time all uploads take on a fresh store: kills are drawn within it.
    est = max(0.5, 1.5 * ref["secs"])
    while landed < target and attempts < target * 4 and time.monotonic() < deadline:
        series += 1
        store = ctx.path("kill-serve", f"s{series}")
        cursor = 0
        while landed < target and attempts < target * 4 and time.monotonic() < deadline:
            attempts += 1
            p, addr = start_server(ctx, store, row, token=token, name="serve-killed")
            if p is None:
                break
            up = Uploader(addr, token, chunks, cursor)
            up.start()
            up.join(timeout=ctx.rng.uniform(0.05, 0.9) * est)
            done = not up.is_alive()
            in_flight = up.in_flight
            ctx.kill(p)
            up.join(timeout=30)
            if up.is_alive():
                row.hangs += 1
                row.note("an upload did not end within 30 s of the kill")
            codes.update(up.statuses)
            for idx, status, body in up.bad:
                if status >= 500:
                    row.e5xx += 1
                    row.note(f"upload of chunk {idx} answered {status}: {body.decode('utf-8', 'replace')}")
                else:
                    row.fail(f"upload of chunk {idx} answered {status}: {body.decode('utf-8', 'replace')}")
            cursor = up.cursor
            integrity(store, row, f"store after server kill {landed + 1}")
            if done:
                break  # every chunk in: next series
            if in_flight:
                landed += 1
        # Every chunk again, to a fresh server.
        p, addr = start_server(ctx, store, row, token=token, name="serve-final")
        if p is None:
            continue
        up = Uploader(addr, token, chunks, 0)
        t0 = time.monotonic()
        up.start()
        up.join(timeout=300)
        if series == 1 and not up.is_alive():
            # Mostly re-uploads of stored articles: a floor for a full pass.
            est = max(est, time.monotonic() - t0)
        if up.is_alive():
            row.hangs += 1
            row.note("the final uploads did not end within 300 s")
        elif up.error is not None:
            row.fail(f"a final upload failed: {up.error!r}")
        codes.update(up.statuses)
        for idx, status, body in up.bad:
            if status >= 500:
                row.e5xx += 1
            row.note(f"final upload of chunk {idx} answered {status}: {body.decode('utf-8', 'replace')}")
        stop_server(ctx, p, row)
        compare_docs(row, store_docs(ctx, store, row), ref["docs"])
        integrity(store, row, f"store of series {series}")
    row.injected = landed
    row.note(f"{series} store(s); {len(chunks)} uploads of {size} articles each; kills 5-90% of ~{est:.1f} s after start, "
             f"counted when an upload was in flight; answers seen: "
             + ", ".join(f"{k}x{v}" for k, v in sorted(codes.items())))
    if landed < target:
        row.fail(f"only {landed} of {target} kills landed during an upload")
    return row
