"""A socket guard for tests: every lookup of a name, and every connection, datagram or bind to an
address that is not loopback (the wildcard included), is recorded and refused (AF_UNIX and loopback,
which Dask uses between its processes, are allowed).

In the test process, `install(log)` is called by the test (tests/test_network.py). In child
processes (the batch's Dask workers) this file is imported at start-up as `sitecustomize`, because
the test puts its folder first on PYTHONPATH and sets TA_NET_GUARD_LOG: every process then appends
what it refused to that file, one JSON object a line.

It sees what Python code does through the `socket` module. It cannot see a native library that calls
the C library itself (onnxruntime's telemetry did): the network-namespace test covers that.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import traceback

LOG_ENV = "TA_NET_GUARD_LOG"
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


class NetworkBlocked(PermissionError):
    """Raised instead of a lookup or connection the guard refused."""


def is_local_host(host: object) -> bool:
    """None (the local wildcard), 'localhost' or a loopback address."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    text = str(host).strip("[]").split("%")[0].lower()
    if text in LOCAL_NAMES:
        return True
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def _allowed(sock: socket.socket, address: object) -> bool:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return True  # AF_UNIX, netlink: local by nature
    return isinstance(address, tuple) and is_local_host(address[0])


def install(log: str | os.PathLike | None = None) -> dict:
    """Patch the socket module; returns the originals (for a test to restore)."""
    log = log or os.environ.get(LOG_ENV)
    originals = {name: getattr(socket, name) for name in
                 ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo")}
    originals.update({f"socket.{name}": getattr(socket.socket, name)
                      for name in ("connect", "connect_ex", "sendto", "sendmsg", "bind")})

    def refuse(what: str, target: object) -> None:
        entry = {"pid": os.getpid(), "what": what, "target": repr(target)[:200],
                 "stack": "".join(traceback.format_stack(limit=12)[:-2])[-3000:]}
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")
        raise NetworkBlocked(f"network access refused by the test's socket guard: {what} {target!r}")

    def lookup(name: str, host_of=lambda args: args[0]):
        original = originals[name]

        def guarded(*args, **kwargs):
            host = host_of(args) if args else kwargs.get("host")
            if not is_local_host(host):
                refuse(name, host)
            return original(*args, **kwargs)
        return guarded

    def sending(name: str, address_of):
        original = originals[f"socket.{name}"]

        def guarded(self, *args):
            address = address_of(args)
            if address is not None and not _allowed(self, address):
                refuse(name, address)
            return original(self, *args)
        return guarded

    socket.getaddrinfo = lookup("getaddrinfo")
    socket.gethostbyname = lookup("gethostbyname")
    socket.gethostbyname_ex = lookup("gethostbyname_ex")
    socket.gethostbyaddr = lookup("gethostbyaddr")
    socket.getnameinfo = lookup("getnameinfo", lambda args: args[0][0] if args and args[0] else None)
    socket.socket.connect = sending("connect", lambda args: args[0])
    socket.socket.connect_ex = sending("connect_ex", lambda args: args[0])
    socket.socket.sendto = sending("sendto", lambda args: args[-1] if len(args) >= 2 else None)
    socket.socket.sendmsg = sending("sendmsg", lambda args: args[3] if len(args) >= 4 else None)
    socket.socket.bind = sending("bind", lambda args: args[0])
    return originals


def uninstall(originals: dict) -> None:
    for name, value in originals.items():
        if name.startswith("socket."):
            setattr(socket.socket, name[len("socket."):], value)
        else:
            setattr(socket, name, value)


if os.environ.get(LOG_ENV) and __name__ == "sitecustomize":
    install()
