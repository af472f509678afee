"""Fault 8: hostile requests."""
import collections
import json
import os
import random
import subprocess

from .procs import Row
from .stores import integrity
from .net import raw_request, start_server, stop_server, timed_get


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
