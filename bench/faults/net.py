"""HTTP helpers: a server started and stopped, requests, uploads and raw bytes on a socket."""
import http.client
import re
import signal
import socket
import subprocess
import time

from .procs import err_line


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


def timed_get(addr, path="/api/health", timeout=30):
    t0 = time.monotonic()
    try:
        st, _, _ = http_request(addr, "GET", path, timeout=timeout)
    except (OSError, http.client.HTTPException) as e:
        return None, time.monotonic() - t0, e
    return st, time.monotonic() - t0, None
