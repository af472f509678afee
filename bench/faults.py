#!/usr/bin/env python3
"""Fault-injection run of quotetrace: kills, two writers, a full disk, a read-only disk, idle
and hostile HTTP clients. Prints one Markdown table; exits 0 when every count that must be 0
is 0, else 1. Driven by bench/faults.sh (which builds the binary); Python 3 standard library
only. Everything runs on 127.0.0.1; every child is killed at the end; every wait is bounded
(a wait that runs out is a "hang": counted, and the process killed).

usage: faults.py --qt BIN --work DIR [--quick] [--seed N] [--docs N]

The corpus is generated here (no outside data): articles about invented events, with quotes
of invented people ("...," said Finance Minister Elena Varga.), each article a JSON line with
a distinct `id`. The reference for every check is a store built by plain, sequential
`quotetrace ingest` runs of the same inputs in the same order.
"""
import argparse
import collections
import errno
import http.client
import json
import os
import random
import re
import resource
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

# ----------------------------------------------------------------------------------------
# The corpus

FIRST = [("Elena", "f"), ("Tomas", "m"), ("Maria", "f"), ("Jonas", "m"), ("Ana", "f"),
         ("Pavel", "m"), ("Ingrid", "f"), ("Marek", "m"), ("Sofia", "f"), ("Lukas", "m"),
         ("Irena", "f"), ("Viktor", "m"), ("Helena", "f"), ("Oskar", "m"), ("Greta", "f"),
         ("Anton", "m"), ("Lidia", "f"), ("Emil", "m"), ("Nadia", "f"), ("Karel", "m"),
         ("Vera", "f"), ("Stefan", "m"), ("Mira", "f"), ("Daniel", "m"), ("Olga", "f"),
         ("Felix", "m"), ("Teresa", "f"), ("Roman", "m"), ("Klara", "f"), ("Hugo", "m"),
         ("Agnes", "f"), ("Milan", "m"), ("Lena", "f"), ("Igor", "m"), ("Rosa", "f"),
         ("Arno", "m"), ("Dora", "f"), ("Bruno", "m"), ("Ilse", "f"), ("Leon", "m")]
LAST = ["Varga", "Held", "Lopez", "Novak", "Brandt", "Kovacs", "Lindqvist", "Moreau",
        "Petrov", "Halloran", "Esposito", "Dvorak", "Fischer", "Okafor", "Marquez", "Sorensen",
        "Tanaka", "Whitfield", "Castell", "Ruane", "Baptiste", "Kowalski", "Andersen", "Falk",
        "Rinaldi", "Moravec", "Ostrander", "Quillen", "Santoro", "Vasquez", "Hartmann",
        "Jelinek", "Nyberg", "Oduya", "Pereira", "Ravel", "Strand", "Toivonen", "Ulrich",
        "Weller", "Zeman", "Abbott", "Bellamy", "Corvin", "Delacroix", "Engstrom", "Farrow",
        "Garrido", "Haldane", "Ivers", "Janssen", "Keller", "Lachance", "Mbeki", "Nordin",
        "Orsini", "Pryce", "Renner", "Sallow", "Thorne"]
ROLES = ["Finance Minister", "Interior Minister", "Health Minister", "Transport Minister",
         "opposition leader", "union leader", "Mayor", "police spokesman", "chief executive",
         "Deputy Prime Minister", "party chairman", "central bank governor", "senior judge",
         "army spokesman", "Energy Minister", "trade envoy", "hospital director", "prosecutor"]
ORGS = ["the Civic Union", "the National Bank", "the Rail Workers' Federation", "the city council",
        "the Green Alliance", "the Ministry of Finance", "the Port Authority", "the Labour Front",
        "the Supreme Court", "the Chamber of Commerce", "the Farmers' League", "Halden Steel",
        "the Teachers' Guild", "the Coast Guard", "the Energy Board", "the Health Agency"]
SYL = ["dra", "von", "lor", "vik", "kes", "tri", "al", "dor", "hal", "den", "ost", "mark",
       "bre", "sk", "nov", "ar", "mel", "tan", "qui", "ros", "bel", "gar", "ith", "umb"]
TOPICS = [("budget", "unveils austerity budget", "a budget that cuts public spending"),
          ("bridge", "closes bridge after cracks found", "the closure of the main river bridge"),
          ("strike", "rail workers walk out", "a national rail strike"),
          ("flood", "floods force evacuations", "floods that forced thousands from their homes"),
          ("election", "calls snap election", "a snap parliamentary election"),
          ("merger", "approves steel merger", "the merger of the two largest steel makers"),
          ("drones", "bans drones near airports", "a ban on drones near airports"),
          ("hospital", "announces hospital reform", "a plan to merge regional hospitals"),
          ("talks", "opens border talks", "talks on the disputed border"),
          ("tax", "raises fuel tax", "an increase in fuel tax"),
          ("port", "expands the port", "the expansion of the container port"),
          ("summit", "hosts climate summit", "a regional climate summit")]
NOUNS = ["plan", "deal", "law", "proposal", "decision", "report", "budget", "vote", "inquiry",
         "reform", "agreement", "ruling", "strategy", "schedule", "contract", "review"]
ADJS = ["reckless", "necessary", "overdue", "unfair", "careful", "bold", "costly", "fragile",
        "honest", "premature", "sensible", "dangerous", "modest", "historic", "vague", "late"]
VERBS = ["protect", "hurt", "delay", "rescue", "weaken", "fund", "divide", "reassure",
         "punish", "reward", "ignore", "help", "confuse", "change", "test", "strengthen"]
GROUPS = ["families", "nurses", "teachers", "farmers", "pensioners", "small businesses",
          "commuters", "the regions", "young workers", "taxpayers", "patients", "investors"]
TIMES = ["within a month", "by the end of the year", "before the summer", "next week",
         "this winter", "for a decade", "in the long run", "at once", "by spring", "soon"]
OUTLETS = [f"The {a} {b}" for a in ("Daily", "Evening", "Morning", "Weekly", "National")
           for b in ("Courier", "Herald", "Ledger", "Post", "Observer", "Tribune")]


def _place(rng):
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()


def _claim(rng):
    """A quotable sentence without its final stop."""
    forms = [
        lambda: f"This {rng.choice(NOUNS)} is {rng.choice(ADJS)} and it will {rng.choice(VERBS)} {rng.choice(GROUPS)}",
        lambda: f"We will {rng.choice(VERBS)} {rng.choice(GROUPS)} {rng.choice(TIMES)}",
        lambda: f"Nobody should pretend the {rng.choice(NOUNS)} was {rng.choice(ADJS)}",
        lambda: f"The {rng.choice(NOUNS)} does nothing for {rng.choice(GROUPS)} and everyone knows it",
        lambda: f"I have read the {rng.choice(NOUNS)} line by line and it is {rng.choice(ADJS)}",
        lambda: f"If they want to {rng.choice(VERBS)} {rng.choice(GROUPS)}, they will have to explain it {rng.choice(TIMES)}",
        lambda: f"Our {rng.choice(NOUNS)} was never meant to {rng.choice(VERBS)} {rng.choice(GROUPS)}",
        lambda: f"There are {rng.randint(3, 900)} reasons why the {rng.choice(NOUNS)} is {rng.choice(ADJS)}",
    ]
    return rng.choice(forms)()


def _background(rng, place):
    forms = [
        lambda: f"The {rng.choice(NOUNS)} needs the support of at least {rng.randint(40, 90)} deputies in the {rng.randint(100, 180)}-seat assembly.",
        lambda: f"Officials in {place} said {rng.randint(2, 60)} percent of {rng.choice(GROUPS)} would be affected {rng.choice(TIMES)}.",
        lambda: f"A {rng.choice(ADJS)} {rng.choice(NOUNS)} from {rng.randint(1990, 2023)} was cited by both sides.",
        lambda: f"The figures were published on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} and reviewed by {rng.randint(3, 40)} experts.",
        lambda: f"{place} has about {rng.randint(20, 990)},{rng.randint(100, 999)} residents and a {rng.choice(ADJS)} economy.",
        lambda: f"Critics said the {rng.choice(NOUNS)} would {rng.choice(VERBS)} {rng.choice(GROUPS)}, a charge the government denied.",
    ]
    return rng.choice(forms)()


def make_people(rng, n):
    seen, people = set(), []
    while len(people) < n:
        (first, g), last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        people.append({"first": first, "last": last, "g": g, "role": rng.choice(ROLES),
                       "org": rng.choice(ORGS)})
    return people


def make_events(rng, n, people):
    events = []
    for e in range(n):
        topic = rng.choice(TOPICS)
        events.append({"place": _place(rng), "topic": topic,
                       "people": rng.sample(people, rng.randint(2, 4)),
                       "quotes": [_claim(rng) for _ in range(4)],
                       "day": rng.randrange(700), "n": e})
    return events


def _quote_paragraphs(rng, p, ev, outlet):
    name = f"{p['first']} {p['last']}"
    pron = "she" if p["g"] == "f" else "he"
    q = lambda: rng.choice(ev["quotes"]) if rng.random() < 0.5 else _claim(rng)
    intro = rng.choice([
        lambda: f"\"{q()},\" {p['role']} {name} said.",
        lambda: f"\"{q()},\" said {name}, the {p['role'].lower()} of {p['org']}.",
        lambda: f"{name}, {p['role'].lower()} of {p['org']}, told reporters: \"{q()}.\"",
        lambda: f"\"{q()},\" {name} told {outlet}.",
    ])()
    paras = [intro]
    for _ in range(rng.randint(1, 2)):
        paras.append(rng.choice([
            lambda: f"\"{q()},\" {p['last']} said.",
            lambda: f"\"{q()},\" {pron} said. \"{q()}.\"",
            lambda: f"{p['last']} added: \"{q()}.\"",
            lambda: f"\"{q()},\" said {p['last']}, who has led {p['org']} since {rng.randint(1995, 2023)}.",
        ])())
    return paras


def make_article(rng, ev, doc_id):
    outlet = rng.choice(OUTLETS)
    place = ev["place"]
    key, headline, what = ev["topic"]
    day = ev["day"] + rng.randint(0, 3)
    date = f"{2022 + day // 365}-{(day % 365) // 31 + 1:02d}-{day % 28 + 1:02d}"
    title = f"{place} {headline}"
    if rng.random() < 0.5:
        title += f" as {rng.choice(GROUPS)} {rng.choice(['protest', 'wait', 'worry', 'cheer'])}"
    paras = [title,
             f"{place.upper()}, {date} - The government of {place} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
             f"announced {what}, {rng.choice(['setting up a clash with', 'drawing praise from', 'angering', 'surprising'])} "
             f"{rng.choice(GROUPS)} and {rng.choice(GROUPS)}."]
    speakers = list(ev["people"])
    rng.shuffle(speakers)
    for p in speakers[:rng.randint(2, len(speakers))]:
        paras.extend(_quote_paragraphs(rng, p, ev, outlet))
        if rng.random() < 0.7:
            paras.append(_background(rng, place))
    paras.append(_background(rng, place))
    return {"id": doc_id, "title": title, "outlet": outlet, "published": date,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{doc_id}",
            "text": "\n\n".join(paras)}


def make_corpus(seed, sizes):
    """Named sets of articles with distinct ids: {name: [json line, ...]}. People recur
    across sets and events, so speakers link across articles and sets."""
    rng = random.Random(seed)
    people = make_people(rng, 900)
    events = make_events(rng, 700, people)
    out = {}
    for name, n in sizes:
        lines = []
        for i in range(n):
            ev = events[rng.randrange(len(events))]
            lines.append(json.dumps(make_article(rng, ev, f"{name}-{i:05d}"), ensure_ascii=False))
        out[name] = lines
    return out


# ----------------------------------------------------------------------------------------
# Processes, bounded waits, results


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


# ----------------------------------------------------------------------------------------
# Reading a store


def store_docs(ctx, store, row, what="store"):
    """Counter of stored documents by input id (`stories --format jsonl`: one line per
    article), or None when it cannot be read (a failure)."""
    rc, out, err = ctx.qt_run(["stories", "--store", store, "--format", "jsonl"], 120, "stories")
    if rc is None:
        row.hangs += 1
        row.note(f"`stories` on the {what} hung")
        return None
    if rc != 0:
        row.fail(f"`stories` on the {what} exited {rc}: {err_line(err)}")
        return None
    c = collections.Counter()
    for line in out.decode("utf-8", "replace").splitlines():
        if line.strip():
            c[json.loads(line)["doc"]] += 1
    return c


def store_quotes(ctx, store, row, what="store"):
    """{(doc, start, end): speaker} from `export --format jsonl`, or None."""
    rc, out, err = ctx.qt_run(["export", "--store", store, "--format", "jsonl"], 120, "export")
    if rc is None:
        row.hangs += 1
        row.note(f"`export` on the {what} hung")
        return None
    if rc != 0:
        row.fail(f"`export` on the {what} exited {rc}: {err_line(err)}")
        return None
    q = {}
    for line in out.decode("utf-8", "replace").splitlines():
        if line.strip():
            r = json.loads(line)
            q[(r["doc"], r["start"], r["end"])] = r.get("speaker")
    return q


def store_stories(ctx, store, row):
    """{doc: frozenset of the docs in its story} (None when unreadable)."""
    rc, out, err = ctx.qt_run(["stories", "--store", store, "--format", "jsonl"], 120, "stories")
    if rc != 0:
        return None
    by_story = collections.defaultdict(set)
    rows = [json.loads(l) for l in out.decode("utf-8", "replace").splitlines() if l.strip()]
    for r in rows:
        by_story[r["story"] if r["story"] is not None else ("solo", r["doc"])].add(r["doc"])
    return {r["doc"]: frozenset(by_story[r["story"] if r["story"] is not None else ("solo", r["doc"])]) for r in rows}


def _integrity_check(db, uri_mode):
    con = sqlite3.connect(f"file:{db}?{uri_mode}" if uri_mode else db, uri=bool(uri_mode), timeout=10)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
    finally:
        con.close()


def integrity(store, row, what="store"):
    """PRAGMA integrity_check on every database of the store (the corpus and its full-text
    index), opened read-only. After a crash a read-only connection may not be allowed to
    rebuild the log's index ("attempt to write a readonly database"): the database and its
    log are then checked in a copy, as the next process to open them would find them."""
    ok = True
    for name in ("quotetrace.db", "search.db"):
        db = os.path.join(store, name)
        if not os.path.exists(db):
            continue
        try:
            try:
                res = _integrity_check(db, "mode=ro")
            except sqlite3.OperationalError as e:
                if "readonly" not in str(e) and "unable to open" not in str(e):
                    raise
                copy = os.path.join(os.path.dirname(store), ".integrity-copy")
                subprocess.run(["rm", "-rf", copy], timeout=60)
                os.makedirs(copy)
                for suffix in ("", "-wal"):
                    if os.path.exists(db + suffix):
                        subprocess.run(["cp", db + suffix, os.path.join(copy, name + suffix)], check=True, timeout=60)
                res = _integrity_check(os.path.join(copy, name), None)
                subprocess.run(["rm", "-rf", copy], timeout=60)
        except (sqlite3.Error, subprocess.SubprocessError, OSError) as e:
            row.fail(f"integrity_check of {name} on the {what} could not run: {e}")
            ok = False
            continue
        if res != ["ok"]:
            row.fail(f"integrity_check of {name} on the {what}: {'; '.join(res[:3])}")
            ok = False
    return ok


def compare_docs(row, got, ref_docs):
    """Adds lost and doubled articles of `got` (a Counter) against the reference ids."""
    if got is None:
        return
    lost = sum(1 for d in ref_docs if got[d] == 0)
    doubled = sum(c - 1 for c in got.values() if c > 1)
    extra = sum(1 for d in got if d not in ref_docs)
    row.add("lost", lost)
    row.add("doubled", doubled)
    if extra:
        row.fail(f"{extra} article(s) stored that the reference does not have")


def compare_speakers(row, got, ref, what):
    if got is None or ref is None:
        return
    wrong = [k for k, v in ref.items() if k in got and got[k] != v]
    missing = sum(1 for k in ref if k not in got)
    extra = sum(1 for k in got if k not in ref)
    row.add("wrong", len(wrong))
    if wrong:
        k = wrong[0]
        row.note(f"{what}: {len(wrong)} of {len(ref)} quotes with another speaker than the reference "
                 f"(e.g. {k[0]} [{k[1]}..{k[2]}]: {got[k]!r}, reference {ref[k]!r})")
    if missing or extra:
        row.fail(f"{what}: {missing} reference quote(s) missing, {extra} quote(s) not in the reference")


def compare_stories(row, got, ref, what):
    """Articles whose story (as a set of articles) differs from the reference's."""
    if got is None or ref is None:
        return
    differ = sum(1 for d, s in ref.items() if d in got and got[d] != s)
    if differ:
        row.fail(f"{what}: {differ} article(s) in another story than in the reference")


class Refs:
    """Reference stores: plain sequential `ingest` runs of inputs in order, built once."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.cache = {}

    def get(self, inputs, row):
        key = tuple(inputs)
        if key not in self.cache:
            ctx = self.ctx
            store = ctx.path("ref", f"ref{len(self.cache)}")
            t0 = time.monotonic()
            for f in inputs:
                rc, _, err = ctx.qt_run(["ingest", "-q", "--store", store, f], 600, "ref-ingest")
                if rc != 0:
                    raise SystemExit(f"the reference ingest of {f} failed ({rc}): {err_line(err)}")
            took = time.monotonic() - t0
            tmp = Row("ref")
            docs = store_docs(ctx, store, tmp, "reference")
            quotes = store_quotes(ctx, store, tmp, "reference")
            stories = store_stories(ctx, store, tmp)
            if docs is None or quotes is None:
                raise SystemExit(f"the reference store {store} cannot be read: {tmp.notes}")
            self.cache[key] = {"store": store, "docs": set(docs), "quotes": quotes,
                               "stories": stories, "secs": took}
            ctx.log(f"reference {store}: {len(docs)} articles, {len(quotes)} quotes, {took:.1f} s")
        return self.cache[key]


# ----------------------------------------------------------------------------------------
# HTTP helpers


def start_server(ctx, store, row, token=None, extra=(), ulimit_n=None, name="serve"):
    """Starts `serve` on a free loopback port: (Popen, (host, port)) or (None, None) when it
    does not listen within 20 s (a hang) or exits."""
    args = [ctx.qt, "serve", "--store", store, "--addr", "127.0.0.1:0"] + list(extra)
    if token:
        args += ["--token", token]
    p = ctx.spawn(args, name, ulimit_n=ulimit_n)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        text = open(p.err, "rb").read().decode("utf-8", "replace")
        m = re.search(r"http://(127\.0\.0\.1):(\d+)/", text)
        if m:
            return p, (m.group(1), int(m.group(2)))
        if p.poll() is not None:
            row.fail(f"`serve` exited {p.returncode} before listening: {err_line(text)}")
            ctx.children.pop(p.pid, None)
            return None, None
        time.sleep(0.02)
    row.hangs += 1
    row.note("`serve` did not listen within 20 s")
    ctx.kill(p)
    return None, None


def stop_server(ctx, p, row):
    """SIGTERM; a server that has not exited 10 s later is a hang (then killed)."""
    if p is None or p.poll() is not None:
        ctx.children.pop(getattr(p, "pid", None), None)
        return
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=10)
        ctx.children.pop(p.pid, None)
    except subprocess.TimeoutExpired:
        row.hangs += 1
        row.note(f"FAIL: `serve` (pid {p.pid}) still running 10 s after SIGTERM")
        ctx.kill(p)


def http_request(addr, method, path, body=None, headers=None, timeout=30):
    """(status, headers dict lowercased, body bytes). Raises OSError / http.client errors."""
    conn = http.client.HTTPConnection(addr[0], addr[1], timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    finally:
        conn.close()


def upload(addr, token, body, timeout=120):
    return http_request(addr, "POST", "/api/documents", body=body, timeout=timeout, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"})


def raw_request(addr, data, timeout=10.0, half_close=False):
    """Sends raw bytes; reads one response. Returns ("status", code, head) | ("closed", None,
    b"") when the server closed without an answer | ("hang", None, b"") after `timeout`."""
    s = socket.create_connection(addr, timeout=5)
    try:
        try:
            s.sendall(data)
            if half_close:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        buf = b""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "hang", None, buf
            s.settimeout(left)
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return "hang", None, buf
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            while re.match(rb"HTTP/1\.[01] 1\d\d[^\r]*\r\n\r\n", buf):  # 100 Continue
                buf = buf.split(b"\r\n\r\n", 1)[1]
            if b"\r\n\r\n" in buf:
                head, body = buf.split(b"\r\n\r\n", 1)
                m = re.match(rb"HTTP/1\.[01] (\d{3})", head)
                if m:
                    n = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                    want = min(int(n.group(1)), 4096) if n else 0
                    t_body = time.monotonic() + 1
                    while len(body) < want and time.monotonic() < t_body:
                        s.settimeout(max(0.01, t_body - time.monotonic()))
                        try:
                            more = s.recv(65536)
                        except OSError:
                            break
                        if not more:
                            break
                        body += more
                    return "status", int(m.group(1)), head + b"\r\n\r\n" + body
        m = re.match(rb"HTTP/1\.[01] (\d{3})", buf)
        if m:
            return "status", int(m.group(1)), buf
        return "closed", None, buf
    finally:
        s.close()


# ----------------------------------------------------------------------------------------
# 1. SIGKILL of ingest


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


# ----------------------------------------------------------------------------------------
# 2. SIGKILL of serve during uploads


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


# ----------------------------------------------------------------------------------------
# 3. Two concurrent writers


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


# ----------------------------------------------------------------------------------------
# 4. A stale writer: server upload, CLI ingest, server upload


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


# ----------------------------------------------------------------------------------------
# 5, 6. A small tmpfs filling up; then read-only


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


# ----------------------------------------------------------------------------------------
# 7. Idle, half-sent and oversized connections


def raise_fd_limit(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n if hard == resource.RLIM_INFINITY else min(n, hard)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class IdleCrowd:
    """n connections that never send a byte, opened `burst` at a time (non-blocking
    connects; a burst larger than the listen queue would overflow it, and the kernel would
    then answer with SYN cookies and drop connections it cannot queue: the client would take
    them for open while the server never heard of them). Tracks when the server closed each."""

    def __init__(self, addr, n, burst=16):
        self.addr, self.n, self.burst = addr, n, burst
        self.t0 = time.monotonic()
        self.poller = select.poll()
        self.socks, self.state, self.fds, self.closed_at = [], [], {}, []
        self.peak_open = 0
        self.phantom = 0
        self._open_more()

    def _open_more(self):
        while len(self.socks) < self.n and self.count("pending") < self.burst:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            rc = s.connect_ex(self.addr)
            self.socks.append(s)
            self.closed_at.append(None)
            if rc == 0:
                self.state.append("open")
                self.poller.register(s.fileno(), select.POLLIN)
            elif rc in (errno.EINPROGRESS, errno.EAGAIN, errno.EALREADY):
                self.state.append("pending")
                self.poller.register(s.fileno(), select.POLLOUT)
            else:
                self.state.append("failed")
                continue
            self.fds[s.fileno()] = len(self.socks) - 1

    def step(self, wait_ms=0):
        for fd, _ in self.poller.poll(wait_ms):
            i = self.fds[fd]
            s = self.socks[i]
            if self.state[i] == "pending":
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err == 0:
                    self.state[i] = "open"
                    self.poller.modify(fd, select.POLLIN)
                elif err not in (errno.EINPROGRESS, errno.EALREADY):
                    self.state[i] = "failed"
                    self.poller.unregister(fd)
                continue
            try:
                gone = s.recv(1024) == b""
            except BlockingIOError:
                gone = False
            except OSError:
                gone = True
            if gone:
                self.state[i] = "closed"
                self.closed_at[i] = time.monotonic() - self.t0
                self.poller.unregister(fd)
        self._open_more()
        self.peak_open = max(self.peak_open, self.count("open"))

    def count(self, state):
        return sum(1 for x in self.state if x == state)

    def settle(self, until):
        """Polls until every connection is opened and then closed (or failed), or `until`
        seconds after the start."""
        while time.monotonic() - self.t0 < until and (
                len(self.socks) < self.n or self.count("open") + self.count("pending")):
            self.step(100)

    def probe_phantoms(self):
        """The connections still open: a byte to each; the kernel resets those the server
        never had (dropped from a full listen queue). Returns how many those were."""
        for i, s in enumerate(self.socks):
            if self.state[i] == "open":
                try:
                    s.send(b"G")
                except OSError:
                    pass
        time.sleep(0.5)
        n = 0
        for i, s in enumerate(self.socks):
            if self.state[i] != "open":
                continue
            try:
                s.recv(1024)
            except BlockingIOError:
                continue
            except OSError as e:
                if e.errno in (errno.ECONNRESET, errno.EPIPE):
                    self.state[i] = "phantom"
                    n += 1
        self.phantom = n
        return n

    def close(self):
        for s in self.socks:
            s.close()


def count_closed(socks, closed):
    """Marks the sockets the server has closed (EOF or reset); returns how many are."""
    for i, s in enumerate(socks):
        if closed[i]:
            continue
        try:
            d = s.recv(1024)
            if not d:
                closed[i] = True
        except BlockingIOError:
            pass
        except OSError:
            closed[i] = True
    return sum(closed)


def timed_get(addr, path="/api/health", timeout=30):
    t0 = time.monotonic()
    try:
        st, _, _ = http_request(addr, "GET", path, timeout=timeout)
    except (OSError, http.client.HTTPException) as e:
        return None, time.monotonic() - t0, e
    return st, time.monotonic() - t0, None


def fault_idle(ctx, refs, files, timeouts):
    rows = []
    store = refs.get([files["main"]], Row("ref"))["store"]
    have_flags, idle_s = timeouts
    extra = []
    if have_flags:
        extra = ["--idle-timeout-ms", str(int(idle_s * 1000)), "--header-timeout-ms", str(int(idle_s * 1000)),
                 "--body-timeout-ms", str(int(idle_s * 1000))]
    limit = raise_fd_limit(4096)
    for n, ulimit in ((1000, None), (1100, 1024)):
        row = Row(f"{n:,} idle connections" + (f" (server `ulimit -n {ulimit}`)" if ulimit else ""))
        rows.append(row)
        if limit < n + 64:
            row.fail(f"this script's open-file limit is {limit}")
            continue
        # Under the file limit, ask for more connections than it allows: the server must
        # lower its limit to fit (else it would run out of descriptors).
        want_max = 2000 if ulimit and have_flags else 512
        more = ["--max-connections", str(want_max)] if ulimit and have_flags else []
        p, addr = start_server(ctx, store, row, extra=extra + more, ulimit_n=ulimit, name=f"serve-idle{n}")
        if p is None:
            continue
        time.sleep(0.2)
        crowd = None
        try:
            crowd = IdleCrowd(addr, n)
            row.injected = n
            # Until the server holds as many as it will take (it stops accepting at its
            # connection limit; the rest wait in the listen queue or for a SYN retry), but
            # before the first of them reach the idle timeout.
            limited = re.search(r"at most (\d+) connections", open(p.err).read())
            max_conn = int(limited.group(1)) if limited else want_max
            t_stop = time.monotonic() + 0.85 * idle_s
            while time.monotonic() < t_stop and crowd.count("open") < min(n, max_conn + 64):
                crowd.step(50)
            # A normal client among them: bounded by the idle timeout (the crowd's first
            # half is cut then) plus SYN retransmissions while the listen queue is full.
            bound = 2 * idle_s + 20
            st, secs, e = timed_get(addr, timeout=bound)
            crowd.step(0)
            if st is None:
                if isinstance(e, socket.timeout):
                    row.hangs += 1
                else:
                    row.fail(f"GET while idle: {e!r}")
                row.note(f"GET /api/health among the idle: no answer within {bound:.0f} s ({e!r})")
            elif st != 200:
                row.e5xx += st >= 500
                row.fail(f"GET /api/health among the idle answered {st}")
            else:
                row.note(f"GET /api/health among them: 200 in {secs:.2f} s "
                         f"(established at once: {crowd.peak_open})")
            crowd.settle(65)
            n_closed = crowd.count("closed")
            last = max((t for t in crowd.closed_at if t is not None), default=0)
            phantom = crowd.probe_phantoms()
            row.note(f"{n_closed} of {n} closed by the server within 65 s (last after {last:.1f} s, "
                     f"idle timeout {idle_s:g} s); never connected: {crowd.count('failed') + len([1 for _ in range(n - len(crowd.socks))])}"
                     + (f"; {phantom} dropped by the kernel's full listen queue (reset when probed)" if phantom else ""))
            still = crowd.count("open") + crowd.count("pending")
            if still:
                row.fail(f"{still} idle connection(s) still open after 65 s")
            st, secs, e = timed_get(addr, timeout=5)
            if st != 200:
                row.fail(f"GET /api/health after the idle timeout: {st or e!r}")
            else:
                row.note(f"after: 200 in {secs:.2f} s")
            if p.poll() is not None:
                row.fail(f"the server exited {p.returncode}: {err_line(open(p.err).read())}")
            if limited:
                row.note(f"server: \"at most {limited.group(1)} connections\" (asked {want_max})")
            elif ulimit and have_flags:
                row.fail(f"the server did not lower --max-connections {want_max} to its file limit")
        finally:
            if crowd:
                crowd.close()
            stop_server(ctx, p, row)
    # Half-sent heads, a trickled head, a huge declared body, kept-alive idles.
    row = Row("slow and oversized requests")
    rows.append(row)
    token = "T0ken-slow"
    p, addr = start_server(ctx, store, row, token=token, extra=extra, name="serve-slow")
    if p is None:
        return rows
    try:
        half = []
        for i in range(20):
            s = socket.create_connection(addr, timeout=5)
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: " + str(i).encode())
            s.setblocking(False)
            half.append(s)
        keep = []
        for i in range(20):
            s = socket.create_connection(addr, timeout=5)
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            s.settimeout(5)
            try:
                s.recv(65536)
            except OSError:
                pass
            s.setblocking(False)
            keep.append(s)
        trickle = socket.create_connection(addr, timeout=5)
        trickle.setblocking(False)
        row.injected = len(half) + len(keep) + 1 + 2
        # 10^12 bytes declared: 413 at once, with and without the token.
        for auth in (True, False):
            head = (b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                    + (f"Authorization: Bearer {token}\r\n".encode() if auth else b"")
                    + b"Content-Length: 1000000000000\r\n\r\n{\"id\":")
            t0 = time.monotonic()
            kind, st, _ = raw_request(addr, head, timeout=5)
            secs = time.monotonic() - t0
            if kind == "hang":
                row.hangs += 1
                row.note(f"Content-Length 10^12 ({'token' if auth else 'no token'}): no answer within 5 s")
            elif st != 413:
                row.e5xx += bool(st and st >= 500)
                row.fail(f"Content-Length 10^12 ({'token' if auth else 'no token'}): {kind} {st}")
            else:
                row.note(f"Content-Length 10^12 ({'token' if auth else 'no token'}): 413 in {secs:.2f} s")
        bound = idle_s + 10
        closed_h, closed_k = [False] * len(half), [False] * len(keep)
        trickle_closed, sent = False, 0
        t0 = time.monotonic()
        while time.monotonic() - t0 < bound:
            if not trickle_closed:
                try:
                    piece = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " if sent == 0 else b"a"
                    trickle.send(piece)
                    sent += 1
                    if trickle.recv(1024) == b"":
                        trickle_closed = time.monotonic() - t0
                except BlockingIOError:
                    pass
                except OSError:
                    trickle_closed = time.monotonic() - t0
            a, b = count_closed(half, closed_h), count_closed(keep, closed_k)
            if a == len(half) and b == len(keep) and trickle_closed:
                break
            time.sleep(0.5)
        secs = time.monotonic() - t0
        a, b = sum(closed_h), sum(closed_k)
        row.note(f"half-sent heads closed: {a}/{len(half)}, kept-alive idles closed: {b}/{len(keep)} within {secs:.1f} s; "
                 f"a head trickled a byte per 0.5 s closed after {trickle_closed or float('nan'):.1f} s")
        if a < len(half) or b < len(keep) or not trickle_closed:
            row.hangs += (len(half) - a) + (len(keep) - b) + (not trickle_closed)
        for s in half + keep + [trickle]:
            s.close()
        st, secs, e = timed_get(addr, timeout=5)
        if st != 200:
            row.fail(f"GET /api/health afterwards: {st or e!r}")
    finally:
        stop_server(ctx, p, row)
    return rows


# ----------------------------------------------------------------------------------------
# 8. Hostile requests


def hostile_requests(token):
    H = b"Host: 127.0.0.1\r\nConnection: close\r\n"
    auth = f"Authorization: Bearer {token}\r\n".encode()

    def get(path):
        return b"GET " + path + b" HTTP/1.1\r\n" + H + b"\r\n"

    def post(path, body, ctype=b"application/x-ndjson", with_auth=True, extra=b""):
        return (b"POST " + path + b" HTTP/1.1\r\n" + H + (auth if with_auth else b"") + b"Content-Type: " + ctype
                + b"\r\n" + extra + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)

    rnd = random.Random(5)
    binary = bytes(rnd.randrange(256) for _ in range(20000))
    reqs = [
        ("bad method BREW", b"BREW / HTTP/1.1\r\n" + H + b"\r\n"),
        ("DELETE /api/documents", b"DELETE /api/documents HTTP/1.1\r\n" + H + b"\r\n"),
        ("TRACE /", b"TRACE / HTTP/1.1\r\n" + H + b"\r\n"),
        ("CONNECT", b"CONNECT 127.0.0.1:22 HTTP/1.1\r\n" + H + b"\r\n"),
        ("OPTIONS *", b"OPTIONS * HTTP/1.1\r\n" + H + b"\r\n"),
        ("garbage request line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + binary[:200]),
        ("HTTP/0.9", b"GET /\r\n\r\n"),
        ("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        ("no Host", b"GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"),
        ("/documents/99999999999999999999", get(b"/documents/99999999999999999999")),
        ("/api/documents/99999999999999999999", get(b"/api/documents/99999999999999999999")),
        ("/api/quotes/-1", get(b"/api/quotes/-1")),
        ("/api/quotes/abc/trace", get(b"/api/quotes/abc/trace")),
        ("/speakers/9223372036854775807", get(b"/speakers/9223372036854775807")),
        ("/stories/-9223372036854775808", get(b"/stories/-9223372036854775808")),
        ("limit=-1&offset=abc", get(b"/api/quotes?limit=-1&offset=abc")),
        ("limit=10^20", get(b"/api/quotes?limit=100000000000000000000")),
        ("limit=10^9 offset=2^63-1", get(b"/api/quotes?limit=1000000000&offset=9223372036854775807")),
        ("document=2^63", get(b"/api/quotes?document=9223372036854775808")),
        ("since=2020-13-45", get(b"/api/quotes?since=2020-13-45&until=99999-01-01")),
        ("unknown query field", get(b"/api/quotes?evil=1&limit=1")),
        ("repeated query field", get(b"/api/quotes?limit=1&limit=2")),
        ("speaker=%", get(b"/api/quotes?speaker=%25&outlet=_")),
        ("FTS syntax q=\"", get(b"/api/search?q=%22unterminated")),
        ("FTS syntax q=NEAR(", get(b"/api/search?q=NEAR(a%20b")),
        ("FTS syntax q=* AND OR", get(b"/api/search?q=*%20AND%20OR%20NOT%20-%20%5E")),
        ("FTS column q=text:x", get(b"/api/quotes?q=text:said%20%7Bquote%7D")),
        ("page search q=\"(", get(b"/search?q=%22(%22*%5E")),
        ("trace page q=NUL", get(b"/trace?q=%00%00said")),
        ("huge query string (60 KB)", get(b"/api/quotes?q=" + b"said%20" * 9000)),
        ("huge query string (2 MB)", get(b"/api/search?q=" + b"x" * 2_000_000)),
        ("huge header (100 KB)", b"GET /api/health HTTP/1.1\r\n" + H + b"X-Big: " + b"a" * 100_000 + b"\r\n\r\n"),
        ("500 headers", b"GET /api/health HTTP/1.1\r\n" + H + b"".join(b"X-%d: 1\r\n" % i for i in range(500)) + b"\r\n"),
        ("invalid UTF-8 in path", get(b"/speakers/\xff\xfe")),
        ("invalid UTF-8 escaped", get(b"/api/quotes?speaker=%FF%FE%80")),
        ("invalid UTF-8 id", get(b"/documents/%C0%AF")),
        ("../ path", get(b"/../../../../etc/passwd")),
        ("static ../", get(b"/static/../../Cargo.toml")),
        ("static %2e%2e", get(b"/static/%2e%2e/%2e%2e/etc/passwd")),
        ("absolute URI", b"GET http://evil.example/api/health HTTP/1.1\r\n" + H + b"\r\n"),
        ("lone surrogate in JSONL", post(b"/api/documents", b'{"id": "s1", "text": "bad \\ud800 quote \\"x,\\" said Ana Held."}\n')),
        ("binary upload (ndjson)", post(b"/api/documents", binary)),
        ("binary upload (html)", post(b"/api/documents", binary, b"text/html")),
        ("binary upload (text, name=../x)", post(b"/api/documents?name=../../etc/x", binary, b"text/plain")),
        ("JSONL without text", post(b"/api/documents", b'{"id": 5, "text": null}\n{"x": [1,2]}\n[]\n"s"\n')),
        ("deeply nested JSON", post(b"/api/documents", b'{"id": "n", "text": ' + b"[" * 100000 + b"]" * 100000 + b"}\n")),
        ("upload without token", post(b"/api/documents", b'{"id": "z", "text": "Hi."}\n', with_auth=False)),
        ("upload, wrong content type", post(b"/api/documents", b"%PDF-1.4", b"application/pdf")),
        ("trace bad JSON", post(b"/api/trace", b"{\"text\": ", b"application/json", with_auth=False)),
        ("trace wrong type", post(b"/api/trace", b"[1, 2, 3]", b"application/json", with_auth=False)),
        ("trace huge text", post(b"/api/trace", json.dumps({"text": "said " * 200000}).encode(),
                                 b"application/json", with_auth=False)),
        ("Content-Length: -1", b"POST /api/trace HTTP/1.1\r\n" + H + b"Content-Length: -1\r\n\r\n"),
        ("Content-Length: abc", b"POST /api/trace HTTP/1.1\r\n" + H + b"Content-Length: abc\r\n\r\n"),
        ("CL and TE both", b"POST /api/trace HTTP/1.1\r\n" + H + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("bad chunk size", b"POST /api/trace HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\nab\r\n0\r\n\r\n"),
        ("chunked upload, lying sizes", b"POST /api/documents HTTP/1.1\r\n" + H + auth + b"Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab\r\n"),
        ("Expect: 100-continue, 10^12", b"POST /api/documents HTTP/1.1\r\n" + H + auth + b"Expect: 100-continue\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000000000\r\n\r\n"),
    ]
    return reqs


def fault_hostile(ctx, refs, files, timeouts):
    row = Row("hostile requests")
    store = ctx.path("hostile", "store")
    ref = refs.get([files["main"]], row)
    os.makedirs(os.path.dirname(store), exist_ok=True)
    subprocess.run(["rm", "-rf", store], timeout=60)
    subprocess.run(["cp", "-a", ref["store"], store], check=True, timeout=120)
    token = "T0ken-hostile"
    have_flags, idle_s = timeouts
    extra = []
    if have_flags:
        extra = ["--idle-timeout-ms", str(int(idle_s * 1000)), "--header-timeout-ms", str(int(idle_s * 1000)),
                 "--body-timeout-ms", str(int(idle_s * 1000))]
    wait = (idle_s if have_flags else 60) + 10
    p, addr = start_server(ctx, store, row, token=token, extra=extra, name="serve-hostile")
    if p is None:
        return row
    codes = collections.Counter()
    try:
        for name, data in hostile_requests(token):
            row.injected += 1
            try:
                kind, st, head = raw_request(addr, data, timeout=wait)
            except OSError as e:
                kind, st, head = "closed", None, str(e).encode()
            codes[st if st else kind] += 1
            with open(ctx.path("hostile.jsonl"), "a") as f:
                f.write(json.dumps({"request": name, "result": kind, "status": st,
                                    "answer": head[:300].decode("utf-8", "replace")}) + "\n")
            if name in ("lone surrogate in JSONL",) and st:
                body = head.split(b"\r\n\r\n", 1)[-1].decode("utf-8", "replace")
                row.note(f"{name}: {st} {body[:160]}")
            if kind == "hang":
                row.hangs += 1
                row.note(f"{name}: no answer within {wait:.0f} s")
            elif st is not None and st >= 500:
                row.e5xx += 1
                row.note(f"{name}: {st}")
            if p.poll() is not None:
                row.fail(f"the server died after \"{name}\" (exit {p.returncode})")
                break
        # Still serving?
        st, secs, e = timed_get(addr, timeout=10)
        if st != 200:
            row.fail(f"GET /api/health after the hostile requests: {st or e!r}")
    finally:
        stop_server(ctx, p, row)
    integrity(store, row)
    row.note("answers: " + ", ".join(f"{k}x{v}" for k, v in sorted(codes.items(), key=str)))
    return row


# ----------------------------------------------------------------------------------------


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
        ctx.log(f"corpus: " + ", ".join(f"{k} {len(v)} articles" for k, v in corpus.items()))
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
