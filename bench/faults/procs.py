"""Processes, bounded waits and results: the run's context (every child it starts, killed at
the end), and a row of the table per fault.
"""
import os
import random
import signal
import subprocess
import sys
import time


class Row:
    def __init__(self, fault):
        self.fault = fault
        self.injected = 0
        self.lost = None
        self.doubled = None
        self.hangs = 0
        self.e5xx = 0
        self.wrong = None
        self.failed = 0
        self.notes = []
        self.skipped = False

    def add(self, attr, n):
        setattr(self, attr, (getattr(self, attr) or 0) + n)

    def fail(self, why, n=1):
        self.failed += n
        self.notes.append("FAIL: " + why)

    def note(self, text):
        self.notes.append(text)


class Ctx:
    def __init__(self, args):
        self.qt = os.path.abspath(args.qt)
        self.work = os.path.abspath(args.work)
        self.quick = args.quick
        self.rng = random.Random(args.seed)
        self.children = {}
        self.pidfile = os.path.join(self.work, "pids")
        self.mounts = []
        self.started = time.monotonic()
        self.logf = open(os.path.join(self.work, "faults.log"), "a", encoding="utf-8")
        self.seq = 0

    def log(self, msg):
        line = f"[faults {time.monotonic() - self.started:7.1f}s] {msg}"
        print(line, file=sys.stderr, flush=True)
        self.logf.write(line + "\n")
        self.logf.flush()

    def path(self, *p):
        return os.path.join(self.work, *p)

    def spawn(self, args, name, ulimit_n=None, stdin=subprocess.DEVNULL):
        """Starts a child with stdout and stderr in files under work/logs; returns the Popen
        with .out and .err paths and .t0."""
        self.seq += 1
        base = self.path("logs", f"{self.seq:04d}-{name}")
        out, err = open(base + ".out", "wb"), open(base + ".err", "wb")
        if ulimit_n is not None:
            args = ["bash", "-c", f'ulimit -n {int(ulimit_n)} && exec "$@"', "bash"] + args
        p = subprocess.Popen(args, stdin=stdin, stdout=out, stderr=err)
        out.close()
        err.close()
        p.out, p.err, p.t0, p.name = base + ".out", base + ".err", time.monotonic(), name
        self.children[p.pid] = p
        with open(self.pidfile, "a") as f:
            f.write(f"{p.pid}\n")
        return p

    def wait(self, p, timeout):
        """The exit status, or None after a timeout (the child is then killed)."""
        try:
            rc = p.wait(timeout=max(0.0, timeout))
        except subprocess.TimeoutExpired:
            self.kill(p)
            return None
        self.children.pop(p.pid, None)
        return rc

    def kill(self, p, sig=signal.SIGKILL):
        if p.poll() is None:
            try:
                os.kill(p.pid, sig)
            except ProcessLookupError:
                pass
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.children.pop(p.pid, None)

    def kill_all(self):
        for p in list(self.children.values()):
            self.kill(p)
        for m in reversed(self.mounts):
            subprocess.run(["umount", "-l", m], capture_output=True, timeout=20)
        self.mounts = []

    def qt_run(self, args, timeout, name):
        """Runs quotetrace to the end: (rc or None on a hang, stdout bytes, stderr text)."""
        p = self.spawn([self.qt] + args, name)
        rc = self.wait(p, timeout)
        return rc, open(p.out, "rb").read(), open(p.err, "rb").read().decode("utf-8", "replace")


def refusal(text):
    """The part of a writer's refusal that says who writes."""
    i = text.find("is being written by")
    return text[i:i + 110].strip() if i >= 0 else err_line(text)[:110]


def err_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return (lines[-1] if lines else "(no message)")[:300]
