#!/usr/bin/env python3
"""Slow consumers under a flood, side by side: peak server memory and an unrelated pair's delay.

    bench/slow-flood.py [--subs 1000] [--seconds 10] [--size 1024] [--] [SERVER_CMD ...]
    bench/slow-flood.py --vs 'nats-server -a 127.0.0.1 -p {port}'        (Dialtone's distribution vs nats-server)

N subscribers on "flood" connect, subscribe, confirm with PING/PONG and then never read again (small receive
buffers, so they stall at once); one publisher floods "flood" with SIZE-byte messages for SECONDS; meanwhile an
unrelated pair (its own publisher and subscriber on "probe") sends a timestamped message every 10 ms and measures
how late each arrives. Reported per server: peak RSS (VmHWM), the probe's p50/p99/max delay, how many flood
subscribers the server closed (slow consumers), and the flood rate the server took in. Both servers see the same
client; only ratios between them mean much on a shared machine.
"""
import argparse
import os
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from startup import free_port  # noqa: E402  (one free-port probe for the bench scripts)

DIALTONE = [os.path.join(HERE, "..", "distribution", "target", "dialtone", "bin", "dialtone"), "-a", "127.0.0.1",
            "-p", "{port}"]


def connect(port, rcvbuf=None):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect(("127.0.0.1", port))
    s.settimeout(10)
    info = b""
    while not info.endswith(b"\r\n"):
        info += s.recv(4096)
    s.sendall(b'CONNECT {"verbose":false,"pedantic":false}\r\n')
    return s


def roundtrip(s):
    s.sendall(b"PING\r\n")
    buf = b""
    while b"PONG\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            raise IOError("closed before PONG")
        buf += chunk


def vmhwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def await_port(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.02)
    raise SystemExit("server did not accept on port %d" % port)


def one(cmd, subs, seconds, size):
    port = free_port()
    proc = subprocess.Popen([a.replace("{port}", str(port)) for a in cmd], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        await_port(port)
        slow = [connect(port, rcvbuf=4096) for _ in range(subs)]
        for s in slow:
            s.sendall(b"SUB flood 1\r\n")
        for s in slow:
            roundtrip(s)
        probe_sub = connect(port)
        probe_sub.sendall(b"SUB probe 1\r\n")
        roundtrip(probe_sub)
        probe_pub = connect(port)
        flood = connect(port)
        stop = threading.Event()
        delays = []
        sent = [0]

        def flood_loop():
            msg = b"PUB flood %d\r\n" % size + b"x" * size + b"\r\n"
            batch = msg * max(1, 65536 // len(msg))
            per = batch.count(b"PUB ")
            while not stop.is_set():
                try:
                    flood.sendall(batch)
                    sent[0] += per
                except OSError:
                    return

        def probe_loop():
            while not stop.is_set():
                body = b"%.6f" % time.time()
                probe_pub.sendall(b"PUB probe %d\r\n%s\r\n" % (len(body), body))
                time.sleep(0.01)

        def probe_read():
            buf = b""
            probe_sub.settimeout(0.5)
            while not stop.is_set():
                try:
                    chunk = probe_sub.recv(65536)
                except socket.timeout:
                    continue
                if not chunk:
                    return
                buf += chunk
                while True:
                    i = buf.find(b"\r\n")
                    if i < 0:
                        break
                    line = buf[:i]
                    if not line.startswith(b"MSG "):
                        buf = buf[i + 2:]
                        continue
                    n = int(line.split()[-1])
                    if len(buf) < i + 2 + n + 2:
                        break
                    delays.append(time.time() - float(buf[i + 2:i + 2 + n]))
                    buf = buf[i + 2 + n + 2:]

        threads = [threading.Thread(target=t, daemon=True) for t in (flood_loop, probe_loop, probe_read)]
        t0 = time.time()
        for t in threads:
            t.start()
        time.sleep(seconds)
        stop.set()
        elapsed = time.time() - t0
        peak = vmhwm(proc.pid)
        closed = 0
        for s in slow:
            s.setblocking(False)
            try:
                while True:
                    chunk = s.recv(1 << 20)
                    if not chunk:
                        closed += 1
                        break
            except (BlockingIOError, OSError):
                pass
            s.close()
        ds = sorted(delays) or [float("nan")]
        return {"rss_mib": peak, "p50_ms": 1000 * ds[len(ds) // 2], "p99_ms": 1000 * ds[int(len(ds) * 0.99)],
                "max_ms": 1000 * ds[-1], "probes": len(delays), "closed": closed, "in_msgs_s": sent[0] / elapsed}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def show(name, r):
    print("%-12s peak RSS %7.1f MiB  probe delay p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d probes)  "
          "slow consumers closed %d  flood in %.0f msgs/s" % (name, r["rss_mib"], r["p50_ms"], r["p99_ms"],
                                                               r["max_ms"], r["probes"], r["closed"], r["in_msgs_s"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--subs", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--vs", help="the other server's command, with {port}")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = [c for c in a.cmd if c != "--"] or DIALTONE
    results = [("server", one(cmd, a.subs, a.seconds, a.size))]
    if a.vs:
        results.insert(0, ("reference", one(shlex.split(a.vs), a.subs, a.seconds, a.size)))
    for name, r in results:
        show(name, r)
    if a.vs:
        ref, srv = results[0][1], results[1][1]
        print("ratios server/reference: peak RSS %.2fx, probe max delay %.2fx, p99 %.2fx" % (
            srv["rss_mib"] / ref["rss_mib"], srv["max_ms"] / ref["max_ms"], srv["p99_ms"] / ref["p99_ms"]))


if __name__ == "__main__":
    sys.exit(main())
