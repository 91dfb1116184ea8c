"""Run a command where any use of the network shows: a fresh network namespace holding only
loopback, a fake DNS resolver on 127.0.0.1:53 that records every query (and answers every name
with a trap address, so that a connection attempt after the lookup is seen too), and strace
recording every connect, send and bind that carries an address, in the command and all its children.

Run as root, inside new network and mount namespaces (the host's /etc/resolv.conf is untouched:
ours is bind-mounted over it in the private mount namespace):

    unshare --net --mount -- python tests/netns_probe.py REPORT.json [--timeout S] -- COMMAND...

REPORT.json gets the command's exit code and output, the DNS queries, the trap's connections and
every inet/inet6 address the command tried to reach or bind to (loopback included: the test decides
what is allowed). Used by tests/test_network.py; the parsing helpers are plain functions tested there.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

TRAP = "127.77.77.77"  # every name resolves here: loopback, yet never used by the tool itself
TRAP_PORTS = (80, 443)
SYSCALLS = "connect,sendto,sendmsg,sendmmsg,bind"


def question(packet: bytes) -> tuple[str, int, int]:
    """(name, qtype, end offset of the question) of a DNS query."""
    labels, i = [], 12
    while packet[i]:
        n = packet[i]
        labels.append(packet[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += n + 1
    qtype = struct.unpack(">H", packet[i + 1:i + 3])[0]
    return ".".join(labels), qtype, i + 5


def answer(packet: bytes) -> tuple[str, int, bytes]:
    """The query's name and type, and a reply: type A -> TRAP, anything else -> no records."""
    name, qtype, end = question(packet)
    records = 1 if qtype == 1 else 0
    reply = packet[:2] + b"\x81\x80" + packet[4:6] + struct.pack(">HHH", records, 0, 0) + packet[12:end]
    if records:
        reply += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton(TRAP)
    return name, qtype, reply


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.queries: list[dict] = []
        self.trapped: list[dict] = []

    def add(self, kind: str, item: dict) -> None:
        with self.lock:
            getattr(self, kind).append(item)


def serve(recorder: Recorder) -> list[socketserver.BaseServer]:
    """The fake resolver (UDP and TCP on 127.0.0.1:53) and the trap's listeners, in threads."""

    class Udp(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            data, sock = self.request
            name, qtype, reply = answer(data)
            recorder.add("queries", {"name": name, "type": qtype, "via": "udp"})
            sock.sendto(reply, self.client_address)

    class Tcp(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            size = struct.unpack(">H", self.request.recv(2))[0]
            name, qtype, reply = answer(self.request.recv(size))
            recorder.add("queries", {"name": name, "type": qtype, "via": "tcp"})
            self.request.sendall(struct.pack(">H", len(reply)) + reply)

    class Trap(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            self.request.settimeout(2)
            try:
                first = self.request.recv(64)
            except OSError:
                first = b""
            recorder.add("trapped", {"port": self.server.server_address[1], "first_bytes": first[:16].hex()})

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    servers = [socketserver.ThreadingUDPServer(("127.0.0.1", 53), Udp),
               socketserver.ThreadingTCPServer(("127.0.0.1", 53), Tcp)]
    servers += [socketserver.ThreadingTCPServer((TRAP, port), Trap) for port in TRAP_PORTS]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers


_ADDRESS = re.compile(r'sa_family=(AF_INET6?),\s*sin6?_port=htons\((\d+)\),.*?'
                      r'(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6,\s*"([^"]+)")')
_CALL = re.compile(r"^(?:\[pid\s+)?(\d+)\]?\s+(?:[\d:.]+\s+)?(\w+)\(")


def parse_strace(text: str) -> list[dict]:
    """Every inet/inet6 address in a connect/send/bind line of `strace -f` output."""
    found = []
    for line in text.splitlines():
        match = _ADDRESS.search(line)
        if not match:
            continue
        call = _CALL.match(line)
        family, port, v4, v6 = match.groups()
        found.append({"pid": int(call.group(1)) if call else None, "call": call.group(2) if call else "?",
                      "family": family, "address": v4 or v6, "port": int(port), "line": line.strip()[:300]})
    return found


def is_loopback(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def violations(report: dict) -> list[str]:
    """What counts as using the network: any DNS query; any attempt to reach a non-loopback
    address, the resolver's port or the trap (where only a looked-up name leads); any socket bound
    to an address beyond loopback (the wildcard included), which the network could reach."""
    problems = [f"DNS query for {q['name']} (type {q['type']})" for q in report["queries"]]
    problems += [f"connection to the trap address on port {t['port']} (first bytes {t['first_bytes']})"
                 for t in report["trapped"]]
    for c in report["calls"]:
        local = is_loopback(c["address"])
        if c["call"] == "bind" and not local:
            problems.append(f"bind to {c['address']} port {c['port']}, reachable from the network (pid {c['pid']})")
        elif c["call"] != "bind" and (not local or c["address"] == TRAP or c["port"] == 53):
            problems.append(f"{c['call']} to {c['address']} port {c['port']} (pid {c['pid']}): {c['line']}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--timeout", type=float, default=600)
    argv = sys.argv[1:]
    if "--" not in argv:
        parser.error("give the command after --")
    split = argv.index("--")
    args, command = parser.parse_args(argv[:split]), argv[split + 1:]
    work = Path(tempfile.mkdtemp(prefix="netns-probe-"))
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    (work / "resolv.conf").write_text("nameserver 127.0.0.1\noptions attempts:1 timeout:1\n")
    subprocess.run(["mount", "--bind", str(work / "resolv.conf"), "/etc/resolv.conf"], check=True)
    recorder = Recorder()
    servers = serve(recorder)
    trace = work / "strace.log"
    try:
        run = subprocess.run(["strace", "--seccomp-bpf", "-f", "-qq", "-e", "signal=none", "-e",
                              f"trace={SYSCALLS}", "-o", str(trace), "--", *command],
                             capture_output=True, text=True, timeout=args.timeout)
        returncode, stdout, stderr = run.returncode, run.stdout, run.stderr
    except subprocess.TimeoutExpired as e:
        returncode, stdout, stderr = "timeout", str(e.stdout or ""), str(e.stderr or "")
    for server in servers:
        server.shutdown()
    report = {"returncode": returncode, "stdout": stdout[-4000:], "stderr": stderr[-4000:],
              "queries": recorder.queries, "trapped": recorder.trapped,
              "calls": parse_strace(trace.read_text(errors="replace") if trace.is_file() else "")}
    args.report.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
