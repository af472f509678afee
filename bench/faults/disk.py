"""Faults 5 and 6: a small tmpfs filling up; then read-only."""
import collections
import http.client
import os
import socket
import sqlite3
import subprocess
import time

from .procs import Row, err_line
from .stores import integrity, store_docs
from .net import http_request, start_server, stop_server


def umount(ctx, path):
    r = subprocess.run(["umount", path], capture_output=True, text=True, timeout=20)
    if r.returncode != 0:
        subprocess.run(["umount", "-l", path], capture_output=True, timeout=20)
    if path in ctx.mounts:
        ctx.mounts.remove(path)


def mount_tmpfs(ctx, path, size):
    os.makedirs(path, exist_ok=True)
    if os.path.ismount(path):  # left by an earlier run that was killed
        umount(ctx, path)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path],
                       capture_output=True, text=True, timeout=20)
    if r.returncode != 0:
        return r.stderr.strip() or f"mount exited {r.returncode}"
    ctx.mounts.append(path)
    return None


def tmp_files(store):
    found = []
    for root, _, names in os.walk(store):
        found += [os.path.join(root, n) for n in names if n.endswith(".tmp")]
    return found


def fault_disk_full(ctx, files, refs):
    rows = []
    mnt = ctx.path("tmpfs")
    why = mount_tmpfs(ctx, mnt, "4m")
    if why:
        for jobs in (2, 1):
            r = Row(f"4 MB tmpfs fills up (--jobs {jobs})")
            r.skipped = True
            r.note(f"skipped: cannot mount a tmpfs ({why})")
            rows.append(r)
        rows.append(fault_read_only(ctx, files, None, refs))
        return rows
    last_store = None
    for jobs in (2, 1):
        row = Row(f"4 MB tmpfs fills up (--jobs {jobs})")
        rows.append(row)
        for name in os.listdir(mnt):
            subprocess.run(["rm", "-rf", os.path.join(mnt, name)], timeout=30)
        store = os.path.join(mnt, f"store-j{jobs}")
        # First run (fills the disk), then a second run on the full disk.
        for attempt in ("first run", "run again on the full disk"):
            row.injected += 1
            rc, _, err = ctx.qt_run(["ingest", "-q", "--jobs", str(jobs), "--batch", "200", "--store", store,
                                     files["main"]], 120, f"ingest-full-j{jobs}")
            if rc is None:
                row.hangs += 1
                row.note(f"{attempt}: ingest hung (killed after 120 s)")
            elif rc == 0:
                row.fail(f"{attempt}: ingest exited 0 on a full disk")
            elif "full" not in err.lower():
                row.fail(f"{attempt}: exit {rc} without saying the disk is full: {err_line(err)}")
            else:
                row.note(f"{attempt}: exit {rc}, \"{err_line(err)[:110]}\"")
            left = tmp_files(store)
            if left:
                row.fail(f"{attempt}: left {', '.join(os.path.basename(f) for f in left)}")
        integrity(store, row)
        got = store_docs(ctx, store, row, "full store")
        if got is not None:
            row.doubled = sum(c - 1 for c in got.values() if c > 1)
            row.note(f"{len(got)} articles committed and readable by `stories`")
            if not got:
                row.fail("nothing committed")
        last_store = store
    rows.append(fault_read_only(ctx, files, last_store, refs))
    umount(ctx, mnt)
    return rows


def in_log_only(store):
    """Articles committed to the log but not yet to the database file (read with and
    without the log), or "?"."""
    db = os.path.join(store, "quotetrace.db")
    counts = []
    for mode in ("mode=ro", "immutable=1"):
        con = None
        try:
            con = sqlite3.connect(f"file:{db}?{mode}", uri=True, timeout=10)
            counts.append(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        except sqlite3.Error as e:
            return f"? ({mode}: {e})"
        finally:
            if con is not None:
                con.close()
    return counts[0] - counts[1]


def fault_read_only(ctx, files, full_store, refs):
    """6. Stores on a disk remounted read-only: the store the full disk left (copied), and
    one whose ingest was killed mid-run (its log not yet folded into the database). A writer
    must be refused promptly with a message; queries must answer with every committed
    article; `serve` without uploads must serve it."""
    row = Row("read-only store")
    mnt = ctx.path("tmpfs-ro")
    why = mount_tmpfs(ctx, mnt, "64m")
    if why:
        row.skipped = True
        row.note(f"skipped: cannot mount a tmpfs ({why})")
        return row
    try:
        stores = {}
        if full_store and os.path.isdir(full_store):
            subprocess.run(["cp", "-a", full_store, os.path.join(mnt, "full")], check=True, timeout=60)
            stores["disk-full store"] = os.path.join(mnt, "full")
        # A store whose ingest was killed just after a commit, before the log was folded
        # into the database file (a background thread does that after each commit): a few
        # tries, keeping the first store with articles in its log only.
        killed, best = None, -1
        for attempt in range(8):
            store = os.path.join(mnt, f"killed{attempt}")
            p = ctx.spawn([ctx.qt, "ingest", "-q", "--batch", "200", "--store", store, files["main"]],
                          "ingest-killed-ro")
            wal = os.path.join(store, "quotetrace.db-wal")
            t_end = time.monotonic() + 60
            last = 0
            threshold = ctx.rng.uniform(1e6, 6e6)
            while p.poll() is None and time.monotonic() < t_end:
                size = os.path.getsize(wal) if os.path.exists(wal) else 0
                if size > threshold and size != last:
                    break
                last = size
                time.sleep(0.001)
            ctx.kill(p)
            n = in_log_only(store)
            if isinstance(n, int) and n > best:
                if killed:
                    subprocess.run(["rm", "-rf", killed], timeout=60)
                killed, best = store, n
            else:
                subprocess.run(["rm", "-rf", store], timeout=60)
            if best > 0:
                break
        stores["killed store"] = killed
        before = {}
        for what, store in stores.items():
            got = store_docs(ctx, store, row, what)
            before[what] = sum(got.values()) if got is not None else None
            row.note(f"{what}: {before[what]} articles before the remount, "
                     f"{in_log_only(store)} of them in the log only")
        r = subprocess.run(["mount", "-o", "remount,ro", mnt], capture_output=True, text=True, timeout=20)
        if r.returncode != 0:
            row.skipped = True
            row.note(f"skipped: cannot remount read-only ({r.stderr.strip()})")
            return row
        for what, store in stores.items():
            row.injected += 1
            rc, _, err = ctx.qt_run(["ingest", "-q", "--store", store, files["other"]], 30, "ingest-ro")
            if rc is None:
                row.hangs += 1
                row.note(f"{what}: ingest hung")
            elif rc != 2 or "quotetrace:" not in err:
                row.fail(f"{what}: ingest on the read-only store exited {rc}: {err_line(err)}")
            elif what == "killed store":
                row.note(f"ingest: exit 2, \"{err_line(err)[:200]}\"")
            failing = collections.defaultdict(list)
            for cmd in (["stories"], ["speakers"], ["quotes", "--limit", "5"], ["search", "said"]):
                rc, out, err = ctx.qt_run(cmd + ["--store", store, "--format", "jsonl"], 30, "query-ro")
                if rc is None:
                    row.hangs += 1
                    row.note(f"{what}: `{cmd[0]}` hung")
                elif rc != 0 or not out.strip():
                    failing[f"exit {rc}: {err_line(err)[:300]}"].append(f"`{cmd[0]}`")
                elif cmd[0] == "stories" and before[what] is not None:
                    n = len(out.splitlines())
                    if n != before[what]:
                        row.add("lost", max(0, before[what] - n))
                        row.note(f"{what}: `stories` lists {n} articles on the read-only disk, {before[what]} before")
            for msg, cmds in failing.items():
                row.fail(f"{what}: {', '.join(cmds)} {msg}", len(cmds))
            # The server without uploads serves a read-only store.
            p, addr = start_server(ctx, store, row, name="serve-ro")
            if p is None:
                continue
            for path in ("/api/health", "/api/stories", "/api/search?q=said", "/"):
                try:
                    st, _, body = http_request(addr, "GET", path, timeout=10)
                    if st >= 500:
                        row.e5xx += 1
                        row.note(f"{what}: GET {path} answered {st}: {body[:200]!r}")
                    elif st != 200:
                        row.fail(f"{what}: GET {path} answered {st}")
                except (OSError, http.client.HTTPException) as e:
                    row.hangs += isinstance(e, socket.timeout)
                    row.fail(f"{what}: GET {path}: {e!r}")
            stop_server(ctx, p, row)
        row.lost = row.lost or 0
    finally:
        umount(ctx, mnt)
    return row
