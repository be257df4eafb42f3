"""Line round trips through a client and a server, for bench/echo_latency.ts.

    python3 bench/_echo_latency.py MODE COUNT SERVER_ARGV_JSON CLIENT_ARGV_JSON [SHOWN_AS]

MODE "piped": both programs run with pipes. A line is written to the client's
stdin; once it comes out of the server's stdout it is written back into the
server's stdin; the round trip ends when it comes out of the client's stdout.

MODE "pty": both programs on a pseudo-terminal (what a person at a terminal
feels). The line is typed at the client and, once its echo is on the screen,
Enter is pressed: the clock runs from Enter until the server's screen shows
the line; then the same typed at the server, timed from Enter until the
client's screen shows SHOWN_AS + LINE (tp1: "from server: "). Typing is not
timed: a person types over seconds, then waits for the line to arrive.

Prints one JSON line: {"rtts_us": [...], "there_us": [...] (the client → server
half), "cpu_us": [CLIENT, SERVER]} or {"error": ...}. cpu_us is the CPU time each
program used per round trip after the warm-up (all its threads, from
/proc/PID/task/*/schedstat; null where that cannot be read): on a pty it includes
echoing the typed line, which is not timed. Unlike a latency it hardly depends on
how the scheduler places the programs, so it tells small changes apart. Blocking os.read
on the pipe or pty master: the driver does nothing else, so its cost is a few
microseconds per hop, the same for every program measured.
"""

import json
import os
import pty
import select
import subprocess
import sys
import time

WARMUP = 20
TIMEOUT_S = 20.0


def spawn(argv, mode):
    if mode == "piped":
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, bufsize=0)
        return proc, proc.stdin.fileno(), proc.stdout.fileno()
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True, close_fds=True,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "200", "LINES": "50"})
    os.close(slave)
    return proc, master, master


class Reader:
    """Reads an fd until some bytes appear, keeping what follows them."""

    def __init__(self, fd):
        self.fd = fd
        self.buf = b""

    def until(self, needle, deadline):
        while True:
            at = self.buf.find(needle)
            if at != -1:
                self.buf = self.buf[at + len(needle):]
                return
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise RuntimeError(f"timed out waiting for {needle!r}; last output {self.buf[-200:]!r}")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise RuntimeError(f"end of output while waiting for {needle!r}")
            self.buf = (self.buf + chunk)[-65536:]


def cpu_ns(pid):
    """The CPU time `pid` has used so far, all threads, in ns; None where unknown."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total


def cpu_us_per_trip(proc, since, count):
    now = cpu_ns(proc.pid)
    return None if now is None or since is None else (now - since) / 1000 / count


def wait_listening(port, deadline):
    """Waits until a socket listens on `port` (the servers' last argument), per /proc/net/tcp."""
    wanted = f":{port:04X}"
    while time.monotonic() < deadline:
        with open("/proc/net/tcp") as table:
            for row in table.readlines()[1:]:
                fields = row.split()
                if fields[1].endswith(wanted) and fields[3] == "0A":
                    return
        time.sleep(0.01)
    raise RuntimeError(f"nothing listens on port {port}")


def main():
    mode, count = sys.argv[1], int(sys.argv[2])
    server_argv, client_argv = json.loads(sys.argv[3]), json.loads(sys.argv[4])
    # What the client's screen shows before a line from the server ("" for nc).
    shown_as = sys.argv[5].encode() if len(sys.argv) > 5 else b""
    server, s_in, s_out = spawn(server_argv, mode)
    srv = Reader(s_out)
    # On a loaded machine a fixed pause may be too short for the server to start,
    # and the client would find nobody listening: wait until the port listens.
    wait_listening(int(server_argv[-1]), time.monotonic() + TIMEOUT_S)
    client, c_in, c_out = spawn(client_argv, mode)
    cli = Reader(c_out)
    enter = b"\n" if mode == "piped" else b"\r"
    rtts = []
    # The first half of each round trip: client in, server out.
    theres = []
    try:
        deadline = time.monotonic() + TIMEOUT_S
        if mode == "pty" and shown_as and "serve" in server_argv:
            srv.until(b"127.0.0.1", deadline)  # the server saw the client connect
        for i in range(WARMUP + count):
            text = f"ping {i:06d}".encode()
            deadline = time.monotonic() + TIMEOUT_S
            if mode == "pty":
                # Typed first, timed from Enter: a person types over seconds, then waits.
                os.write(c_in, text)
                cli.until(text, deadline)
            started = time.perf_counter_ns()
            os.write(c_in, enter if mode == "pty" else text + enter)
            srv.until(text, deadline)
            there = time.perf_counter_ns() - started
            if mode == "pty":
                os.write(s_in, text)
                srv.until(text, deadline)
            back_started = time.perf_counter_ns()
            os.write(s_in, enter if mode == "pty" else text + enter)
            cli.until(shown_as + text if mode == "pty" else text + b"\n", deadline)
            if i == WARMUP - 1:
                cpu_since = (cpu_ns(client.pid), cpu_ns(server.pid))
            if i >= WARMUP:
                rtts.append((there + time.perf_counter_ns() - back_started) / 1000)
                theres.append(there / 1000)
        cpu = [cpu_us_per_trip(p, t, count) for p, t in zip((client, server), cpu_since)]
        print(json.dumps({"rtts_us": rtts, "there_us": theres, "cpu_us": cpu}), flush=True)
    finally:
        for proc in (client, server):
            try:
                proc.kill()
                proc.wait(5)
            except Exception:
                pass


if __name__ == "__main__":
    try:
        main()
    except Exception as error:
        print(json.dumps({"error": str(error)}), flush=True)
