"""The Dask cluster of a batch run, private by default.

The embedded cluster listens on 127.0.0.1 only, speaks TLS with credentials made for this run
(``Security.temporary()``: a key and self-signed certificate that exist in this process's
memory and are handed to the worker processes through the spawn pipe), requires a client
certificate from every peer, and serves no HTTP at all: Dask starts an HTTP server on every
scheduler (port 8787, even with ``dashboard_address=None``) and worker whatever the options, so
the scheduler and worker classes below build its routes but listen nowhere.

An existing scheduler is reached by its address: ``tls://`` with the CA, certificate and key
given as files (the names of ``dask scheduler --tls-ca-file --tls-cert --tls-key``) or set in the
Dask config (``distributed.comm.tls.*``); ``tcp://`` still works, with a warning that session
text then travels unencrypted and that anyone who reaches the scheduler can run code on it.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import Scheduler, Worker

from ..errors import ClusterError, ConfigError

log = logging.getLogger(__name__)
HOST = "127.0.0.1"  # literally: no name lookup, and never another interface


@dataclass(frozen=True)
class TLSFiles:
    """Credentials for a ``tls://`` scheduler started elsewhere (PEM files)."""

    ca_file: Path  # the CA that signed the scheduler's and workers' certificates
    cert: Path  # this client's certificate (may also hold the key)
    key: Path | None = None  # this client's private key, when not in ``cert``


def tls_files(ca_file: Path | None, cert: Path | None, key: Path | None) -> TLSFiles | None:
    """The options --tls-ca-file/--tls-cert/--tls-key as one value (None when none is given)."""
    if ca_file is None and cert is None and key is None:
        return None
    if ca_file is None or cert is None:
        raise ConfigError("--tls-ca-file and --tls-cert go together (and --tls-key, unless the key is in the "
                          "certificate file)")
    return TLSFiles(Path(ca_file), Path(cert), Path(key) if key else None)


class _NoHTTP:
    """Dask's HTTP routes are built (other code looks for ``http_application``) but never served:
    ``distributed`` has no switch that stops its HTTP server from listening."""

    def start_http_server(self, routes: Any, dashboard_address: Any, default_port: int = 0,
                          ssl_options: Any = None) -> None:
        from distributed.http.routing import RoutingApplication

        self.http_application = RoutingApplication(routes)


class PrivateScheduler(_NoHTTP, Scheduler):
    """A Dask scheduler without the HTTP server (dashboard, /info, /json, /metrics, /health)."""


class PrivateWorker(_NoHTTP, Worker):
    """A Dask worker without the HTTP server (/metrics, /health)."""


def connect(scheduler: str | None, workers: int | None, tls: TLSFiles | None = None,
            timeout: float = 30.0) -> tuple[Any, Any, int | None]:
    """A client, the embedded cluster (None for a scheduler started elsewhere) and each worker's
    share of the cores (None: a remote worker uses its own thread count)."""
    from distributed import Client

    quiet = logging.getLogger("distributed")  # Dask's INFO chatter, unless the user asked for it (-v)
    quiet.setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    # at shutdown a worker holding loaded models may take over 4 s to exit and is killed: harmless
    logging.getLogger("distributed.nanny").setLevel(max(logging.ERROR, logging.getLogger().getEffectiveLevel()))
    if scheduler:
        return remote_client(scheduler, tls, timeout), None, None
    if tls is not None:
        raise ConfigError("--tls-ca-file/--tls-cert/--tls-key are for --scheduler: the local cluster makes its "
                          "own credentials")
    cores = os.cpu_count() or 1
    workers = workers or cores
    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    threads = max(1, cores // workers)
    cluster = local_cluster(workers, threads)
    try:
        return Client(cluster, timeout=f"{timeout}s"), cluster, threads
    except (OSError, TimeoutError) as e:
        cluster.close()
        raise ClusterError(f"cannot connect to the local Dask cluster ({e})") from e


def local_cluster(workers: int, threads: int) -> Any:
    """``workers`` worker processes (one thread each, ``threads`` for their libraries) and a
    scheduler, on 127.0.0.1 over TLS with this run's credentials, without HTTP servers."""
    from distributed import Nanny, Security, SpecCluster
    from distributed.worker_memory import parse_memory_limit

    check_loopback()
    security = Security.temporary()  # require_encryption=True; mutual TLS with one in-memory key
    common = {"host": HOST, "protocol": "tls://", "security": security}
    scheduler = {"cls": PrivateScheduler, "options": {**common, "port": 0, "dashboard": False,
                                                      "dashboard_address": None}}
    worker = {"cls": Nanny, "options": {
        **common, "nthreads": 1, "worker_class": PrivateWorker, "dashboard": False, "silence_logs": logging.ERROR,
        "memory_limit": parse_memory_limit("auto", 1, workers, logger=log),  # as LocalCluster shares memory
        "env": {"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "TOKENIZERS_PARALLELISM": "false"}}}
    try:
        return SpecCluster(scheduler=scheduler, workers={i: worker for i in range(workers)}, worker=worker,
                           security=security, silence_logs=logging.ERROR)
    except (OSError, RuntimeError, TimeoutError) as e:
        raise ClusterError(f"the local Dask cluster did not start ({_last_cause(e)})") from e


def check_loopback() -> None:
    """Fail at once, in one line, when this machine cannot talk to itself on 127.0.0.1 (e.g. a
    network namespace with the loopback interface down), instead of Dask's retries and traceback."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind((HOST, 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=5):
                pass
    except OSError as e:
        raise ClusterError(f"the local Dask cluster cannot start: {HOST} is unreachable ({e.strerror or e}); bring "
                           "the loopback interface up (ip link set lo up) or pass --scheduler") from e


def remote_client(address: str, tls: TLSFiles | None, timeout: float) -> Any:
    """A client of a scheduler started elsewhere, over TLS when its address says ``tls://``."""
    from distributed import Client

    if "://" not in address:
        address = ("tls://" if tls else "tcp://") + address
    protocol = address.split("://", 1)[0]
    if protocol == "tls":
        security = _security(address, tls)
    elif tls is not None:
        raise ConfigError(f"--tls-* options were given but the scheduler address {address} is not tls://")
    else:
        security = None
        if protocol == "tcp":
            log.warning("the Dask scheduler %s is not encrypted: session text travels in the clear, and anyone who "
                        "can reach it can run code in its workers (use a tls:// scheduler with --tls-ca-file, "
                        "--tls-cert and --tls-key)", address)
    try:
        return Client(address, security=security, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as e:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({_last_cause(e)})") from e


def _security(address: str, tls: TLSFiles | None) -> Any:
    """The client's credentials from the files given, or from the Dask config."""
    import ssl

    from distributed import Security

    if tls is None:
        security = Security(require_encryption=True)  # distributed.comm.tls.* from the Dask config
        if not (security.tls_ca_file and security.tls_client_cert):
            raise ConfigError(f"the scheduler {address} uses TLS: pass --tls-ca-file, --tls-cert and --tls-key "
                              "(or set distributed.comm.tls.ca-file and .client.cert/.key in the Dask config)")
    else:
        for path in (tls.ca_file, tls.cert, tls.key):
            if path is not None and not Path(path).is_file():
                raise ConfigError(f"{path}: no such TLS file")
        security = Security(require_encryption=True, tls_ca_file=str(tls.ca_file), tls_client_cert=str(tls.cert),
                            tls_client_key=str(tls.key) if tls.key else None)
    try:
        security.get_connection_args("client")  # loads the files now, for a clear error
    except (OSError, ssl.SSLError) as e:
        raise ConfigError(f"cannot use the TLS files for {address} ({e})") from e
    return security


def _last_cause(error: BaseException) -> str:
    """The innermost reason of a chain of Dask exceptions, on one line."""
    while error.__cause__ is not None:
        error = error.__cause__
    return " ".join(f"{type(error).__name__}: {error}".split())
