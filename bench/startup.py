#!/usr/bin/env python3
"""Start-up time of a NATS server, measured from exec.

    bench/startup.py [--runs 10] [--] [SERVER_CMD ...]      (default: the distribution's bin/dialtone)

For each run: pick a free loopback port, exec the server with {port} replaced, then poll with short connect
attempts. Reports per run and as medians: when the port first accepted a TCP connection, and when the INFO greeting
arrived on that connection. The server is stopped with SIGTERM and the time until the process exits and the port can
be bound again is reported too. Compare with nats-server:  bench/startup.py -- nats-server -a 127.0.0.1 -p {port}
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = [os.path.join(HERE, "..", "distribution", "target", "dialtone", "bin", "dialtone"), "-a", "127.0.0.1",
           "-p", "{port}"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def one_run(cmd, timeout=30.0):
    port = free_port()
    argv = [a.replace("{port}", str(port)) for a in cmd]
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    accept_at = info_at = None
    sock = None
    try:
        while time.monotonic() - t0 < timeout:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=0.05)
                accept_at = time.monotonic() - t0
                break
            except OSError:
                time.sleep(0.002)
        if sock is None:
            raise RuntimeError("port %d never accepted" % port)
        sock.settimeout(timeout)
        data = b""
        while not data.endswith(b"\r\n"):
            chunk = sock.recv(4096)
            if not chunk:
                raise RuntimeError("connection closed before INFO")
            data += chunk
        info_at = time.monotonic() - t0
        if not data.startswith(b"INFO {"):
            raise RuntimeError("unexpected greeting %r" % data[:60])
        sock.close()
        t1 = time.monotonic()
        os.killpg(proc.pid, signal.SIGTERM)
        code = proc.wait(timeout=30)
        exit_after = time.monotonic() - t1
        rebind = socket.socket()
        rebind.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        rebind.bind(("127.0.0.1", port))  # raises if the port is still held
        rebind.close()
        return accept_at, info_at, exit_after, code
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("cmd", nargs="*")
    args = ap.parse_args()
    cmd = args.cmd or DEFAULT
    rows = []
    for i in range(args.runs):
        accept_at, info_at, exit_after, code = one_run(cmd)
        rows.append((accept_at, info_at, exit_after))
        print("run %2d  accept %.3f s  INFO %.3f s  SIGTERM->exit %.3f s (code %d)" % (i + 1, accept_at, info_at,
                                                                                      exit_after, code))
    med = [statistics.median(c) for c in zip(*rows)]
    print("median  accept %.3f s  INFO %.3f s  SIGTERM->exit %.3f s   (%d runs: %s)" % (med[0], med[1], med[2],
                                                                                   len(rows), " ".join(cmd)))


if __name__ == "__main__":
    sys.exit(main())
