"""The batch cluster is private: TLS with this run's credentials on 127.0.0.1, no HTTP server, an
unauthenticated client refused; a tls:// scheduler started elsewhere is reached with credential
files; and a machine without loopback gets one line at once instead of a traceback."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcript_analyzer.batch import BatchOptions, TLSFiles, run_batch
from transcript_analyzer.batch.cluster import HOST, connect
from transcript_analyzer.cli import main
from transcript_analyzer.config import AnalyzeConfig, MarkerOptions
from transcript_analyzer.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_transcripts" / "strong_alliance.txt"


def listening_ports() -> list[tuple[str, int]]:
    """The TCP sockets this process and its children (scheduler, nannies, workers) listen on."""
    import psutil

    me = psutil.Process()
    found = []
    for proc in [me, *me.children(recursive=True)]:
        try:
            found += [c.laddr for c in proc.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN]
        except psutil.Error:
            pass
    return [(a.ip, a.port) for a in found]


def http_answer(port: int) -> bytes:
    """What the port says to a plain HTTP request (b'' when it closes or says nothing)."""
    with socket.create_connection((HOST, port), timeout=3) as s:
        s.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        try:
            return s.recv(64)
        except (socket.timeout, ConnectionError):
            return b""


def identity_without_certificate(port: int) -> dict | Exception:
    """Dask's "identity" request over TLS from a client that trusts any server but has no
    certificate of its own: the reply, or why there was none."""
    import asyncio

    from distributed.comm import connect as dask_connect

    async def ask() -> dict:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        comm = await dask_connect(f"tls://{HOST}:{port}", timeout="2s", ssl_context=context)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    try:
        return asyncio.run(ask())
    except Exception as e:  # refused: the handshake or the first read fails
        return e


@pytest.mark.slow
def test_the_embedded_cluster_refuses_unauthenticated_clients_and_serves_no_http():
    from distributed import Client, Security

    client, cluster, _ = connect(None, 1)
    try:
        assert client.submit(sum, [1, 2], key="ours").result() == 3  # this run's own client works
        address = cluster.scheduler_address
        assert address.startswith(f"tls://{HOST}:")
        ports = listening_ports()
        assert len(ports) >= 3  # scheduler, nanny, worker
        assert {ip for ip, _ in ports} == {HOST}
        assert all(not http_answer(port).startswith(b"HTTP/") for _, port in ports)
        assert cluster.scheduler_info["services"] == {} and cluster.dashboard_link == ""

        port = int(address.rsplit(":", 1)[1])
        clients_before = set(cluster.scheduler.clients)
        stranger = Security.temporary()
        trusting = Security(require_encryption=True, tls_ca_file=cluster.security.tls_ca_file,  # its public cert
                            tls_client_cert=stranger.tls_client_cert, tls_client_key=stranger.tls_client_key)
        for attempt, security in ((f"tcp://{HOST}:{port}", None), (address, stranger), (address, trusting)):
            with pytest.raises((OSError, TimeoutError)):
                Client(attempt, security=security, timeout="3s")
        for _, any_port in ports:  # the scheduler, the nannies and the workers (which run what they are sent)
            answer = identity_without_certificate(any_port)
            assert isinstance(answer, Exception), answer
        assert set(cluster.scheduler.clients) == clients_before
        assert set(cluster.scheduler.tasks) <= {"ours"}  # nothing of theirs was submitted
    finally:
        client.close()
        cluster.close()


def pem_files(folder: Path) -> TLSFiles:
    """A self-signed certificate (its own CA) and its key, written to 0600 files in ``folder``."""
    from distributed import Security

    folder.mkdir(exist_ok=True)
    made = Security.temporary()
    files = {"ca.pem": made.tls_ca_file, "cert.pem": made.tls_client_cert, "key.pem": made.tls_client_key}
    for name, text in files.items():
        path = folder / name
        path.touch(mode=0o600)
        path.write_text(text)
    return TLSFiles(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")


def file_security(tls: TLSFiles):
    from distributed import Security

    paths = {role: (str(tls.cert), str(tls.key)) for role in ("client", "scheduler", "worker")}
    return Security(require_encryption=True, tls_ca_file=str(tls.ca_file),
                    **{f"tls_{role}_{part}": value for role, (cert, key) in paths.items()
                       for part, value in (("cert", cert), ("key", key))})


@pytest.mark.slow
def test_a_tls_scheduler_started_elsewhere_with_credential_files(tmp_path):
    from distributed import LocalCluster

    tls, stranger = pem_files(tmp_path / "ours"), pem_files(tmp_path / "other")
    inputs, out = tmp_path / "in", tmp_path / "run"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs)
    config = AnalyzeConfig(markers=MarkerOptions(evidence=False, markers=("empathy",)))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, protocol="tls://", host=HOST,
                      security=file_security(tls), dashboard_address=f"{HOST}:0") as cluster:
        address = cluster.scheduler_address
        with pytest.raises(ConfigError, match="uses TLS: pass --tls-ca-file"):
            run_batch([inputs], out, config, BatchOptions(scheduler=address))
        with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):  # a certificate it does not trust
            run_batch([inputs], out, config, BatchOptions(scheduler=address, tls=stranger, connect_timeout=3))
        with pytest.raises(ConfigError, match="is not tls://"):
            run_batch([inputs], out, config, BatchOptions(scheduler=address.replace("tls://", "tcp://"), tls=tls))
        result = run_batch([inputs], out, config, BatchOptions(scheduler=address, tls=tls))
        assert (result.analysed, result.failed) == (1, 0)
        assert len(cluster.scheduler.workers) == 1  # the run used this cluster and left it running
    assert (out / "sessions" / "strong_alliance" / "done.json").is_file()


def test_a_tcp_scheduler_is_used_with_a_warning(caplog):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, protocol="tcp://", host=HOST,
                      dashboard_address=f"{HOST}:0") as cluster:
        with caplog.at_level(logging.WARNING, logger="transcript_analyzer.batch.cluster"):
            client, own, threads = connect(cluster.scheduler_address, None)
        try:
            assert own is None and threads is None
            assert client.submit(sum, [2, 3]).result() == 5
        finally:
            client.close()
    assert any("not encrypted" in r.getMessage() and cluster.scheduler_address in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("options, problem", [
    (["--tls-cert", "c.pem"], "--tls-ca-file and --tls-cert go together"),
    (["--tls-ca-file", "ca.pem", "--tls-cert", "c.pem"], "are for --scheduler"),
    (["--scheduler", "tls://127.0.0.1:9", "--tls-ca-file", "ca.pem", "--tls-cert", "c.pem"], "no such TLS file"),
])
def test_tls_options_that_cannot_work_are_one_line_errors(tmp_path, options, problem):
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLE, tmp_path / "in")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "run"), *options])
    assert result.exit_code == 2, result.output
    assert problem in result.output and len(result.output.strip().splitlines()) == 1


def _can_unshare() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not _can_unshare(), reason="needs root and unshare -n (a network namespace; CI runs as root)")
def test_without_loopback_batch_ends_at_once_with_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLE, tmp_path / "in")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    result = subprocess.run(["unshare", "-n", sys.executable, "-m", "transcript_analyzer.cli", "batch",
                             str(tmp_path / "in"), "--out", str(tmp_path / "run"), "--workers", "1"],
                            capture_output=True, text=True, env=env, timeout=120)
    seconds = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("error: the local Dask cluster cannot start: 127.0.0.1 is unreachable")
    assert seconds < 30  # was 61 s of Dask's retries
    assert not (tmp_path / "run" / "sessions").exists()
