"""Fan-out receivers and sender for bench/chat_fanout_marker.ts, in one process.

Independent of the server under test and of Deno: N receiving sockets that
only count bytes and look at the tail of each read for an end marker (native
recv_into and bytes comparison, no per-line work), plus one sender, all in one
epoll loop, so the harness costs the same whichever server is measured.

    python3 bench/_fanout_receiver.py PORT N M WINDOW GREETED [SERVER_PID]

Connects N receivers (GREETED=1: the server greets each newcomer, and at most
WINDOW wait for their greeting at once: 1 for ncat, which loses connections
beyond its backlog of 10; those already in keep reading the join announcements
meanwhile: ncat --chat blocks on a client that does not read, so a receiver
that only waits stalls it), then the sender; sends a ready marker until every receiver has seen it; waits for quiet; then
times two transfers of M lines of 40 bytes, from the sender's first byte to
the moment every receiver's stream ends with the last line. Prints one JSON
line: {"first_ms":…, "second_ms":…} or {"error":…}; given SERVER_PID, also
the CPU time the server's threads spent during each transfer (first_cpu_ms,
second_cpu_ms, from /proc/PID/task/*/schedstat, in nanoseconds): less noisy
than the wall time on a shared machine, since another process's turn on the
CPU is not counted.
"""

import json
import os
import select
import socket
import sys
import time

LINE_BYTES = 40
READY = b"ready-marker"
TIMEOUT_S = 180.0


def cpu_ns(pid):
    """CPU time of every thread of process `pid` so far, in ns (None without a pid)."""
    if pid is None:
        return None
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended meanwhile
    return total


def payload(lines):
    parts = []
    for i in range(lines):
        parts.append((f"line {i:07d} ".ljust(LINE_BYTES - 1, "x") + "\n").encode())
    return b"".join(parts)


class Receivers:
    """N sockets, each with a byte count and the last bytes it received."""

    def __init__(self, socks):
        self.socks = socks
        self.by_fd = {s.fileno(): i for i, s in enumerate(socks)}
        self.count = [0] * len(socks)
        self.tail = [b""] * len(socks)
        self.last_at = time.monotonic()
        self.buf = bytearray(256 * 1024)
        self.view = memoryview(self.buf)


def main():
    port, n, m, window, greeted = (int(arg) for arg in sys.argv[1:6])
    server_pid = int(sys.argv[6]) if len(sys.argv) > 6 else None
    ep = select.epoll()
    socks = []
    drain = bytearray(65536)
    # At most `window` receivers are connecting at once (with GREETED, until they are greeted).
    waiting = set()
    deadline = time.monotonic() + 10 + n * 0.1
    while len(socks) < n or waiting:
        while len(socks) < n and len(waiting) < window:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 256 * 1024)
            s.setblocking(False)
            socks.append(s)
            ep.register(s.fileno(), select.EPOLLIN)
            if greeted:
                waiting.add(s.fileno())
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(waiting)} receivers were not greeted in time")
        # Those already in read what the room says (joins), so the server never waits on them.
        for fd, _ in ep.poll(0.05 if waiting else 0):
            try:
                if os.readv(fd, [drain]) > 0:
                    waiting.discard(fd)
            except BlockingIOError:
                pass
    sender = socket.create_connection(("127.0.0.1", port))
    sender.setblocking(False)
    rx = Receivers(socks)
    ep.register(sender.fileno(), select.EPOLLIN)
    sender_fd = sender.fileno()
    scrap = bytearray(65536)

    def pump(timeout, marker, want_out=None):
        """One epoll wait: reads what arrived; returns receivers that now end with / hold marker."""
        hit = []
        for fd, ev in ep.poll(timeout):
            if fd == sender_fd:
                if ev & select.EPOLLIN:
                    try:
                        sender.recv_into(scrap)
                    except BlockingIOError:
                        pass
                if ev & select.EPOLLOUT and want_out is not None:
                    want_out()
                continue
            i = rx.by_fd[fd]
            try:
                k = socks[i].recv_into(rx.buf)
            except BlockingIOError:
                continue
            if k == 0:
                raise RuntimeError(f"receiver {i} was disconnected")
            rx.count[i] += k
            rx.last_at = time.monotonic()
            if marker is not None:
                keep = len(marker)
                if k >= keep:
                    tail = bytes(rx.view[k - keep:k]) if marker is not READY else bytes(rx.view[:k])
                else:
                    tail = (rx.tail[i] + bytes(rx.view[:k]))
                hit.append((i, tail))
        return hit

    # Ready: every receiver hears the sender.
    seen = [False] * n
    remaining = n
    last_ready = 0.0
    deadline = time.monotonic() + 60
    while remaining > 0:
        now = time.monotonic()
        if now > deadline:
            raise RuntimeError(f"{remaining} receivers never heard the sender")
        if now - last_ready > 0.2:
            sender.send(READY + b"\n")
            last_ready = now
        for i, text in pump(0.05, READY):
            joined = rx.tail[i] + text
            if not seen[i] and READY in joined:
                seen[i] = True
                remaining -= 1
            rx.tail[i] = joined[-len(READY):]

    def quiet(ms):
        while True:
            idle = time.monotonic() - rx.last_at
            if idle >= ms / 1000:
                return
            pump(max(0.001, ms / 1000 - idle), None)

    data = payload(m)
    marker = data[-LINE_BYTES:]
    results = []
    cpu = []
    for _ in range(2):
        quiet(300)
        rx.count = [0] * n
        rx.tail = [b""] * n
        done = [False] * n
        remaining = n
        sent = [0]
        view = memoryview(data)

        def send_more():
            try:
                while sent[0] < len(data):
                    sent[0] += sender.send(view[sent[0]:])
            except BlockingIOError:
                return
            ep.modify(sender_fd, select.EPOLLIN)

        ep.modify(sender_fd, select.EPOLLIN | select.EPOLLOUT)
        cpu_before = cpu_ns(server_pid)
        started = time.monotonic()
        send_more()
        while remaining > 0:
            if time.monotonic() - started > TIMEOUT_S:
                raise RuntimeError(f"{remaining} receivers lack the last line after {TIMEOUT_S} s")
            for i, tail in pump(1.0, marker, send_more):
                tail = tail[-len(marker):]
                rx.tail[i] = tail
                if not done[i] and tail == marker:
                    done[i] = True
                    remaining -= 1
        elapsed = (time.monotonic() - started) * 1000
        if server_pid is not None:
            cpu.append((cpu_ns(server_pid) - cpu_before) / 1e6)
        short = sum(1 for c in rx.count if c < m * LINE_BYTES)
        if short:
            raise RuntimeError(f"{short} receivers got fewer than {m * LINE_BYTES} bytes")
        results.append(elapsed)
    report = {"first_ms": results[0], "second_ms": results[1]}
    if cpu:
        report.update(first_cpu_ms=cpu[0], second_cpu_ms=cpu[1])
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # reported to the Deno side, which prints it
        print(json.dumps({"error": str(error)}), flush=True)
