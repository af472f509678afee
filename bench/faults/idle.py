"""Fault 7: idle, half-sent and oversized connections."""
import errno
import re
import resource
import select
import socket
import time

from .procs import Row, err_line
from .net import raw_request, start_server, stop_server, timed_get


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
