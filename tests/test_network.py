"""Nothing is sent anywhere: a text analysis, a recording analysis and a batch make no DNS lookup,
no connection beyond loopback and bind no socket beyond it (Dask talks to its workers over
loopback; that is allowed).

Three independent checks:
- the socket guard (tests/netguard/sitecustomize.py) in this process and in the batch's Dask
  workers: catches Python code that resolves a name, connects out or listens beyond loopback;
- a network namespace with a fake resolver and strace (tests/netns_probe.py): catches anything,
  native code included, in every process of the run; needs root, unshare, ip and strace (CI has them);
- onnxruntime's telemetry client is switched off before the library loads, and leaves no trace.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.netguard import sitecustomize as guard
from tests.netns_probe import TRAP, is_loopback, parse_strace, violations

from .conftest import ROOT, SAMPLES

GUARD_DIR = Path(guard.__file__).parent
PROBE = Path(__file__).with_name("netns_probe.py")
TEXT = SAMPLES / "strong_alliance.txt"
RECORDING = SAMPLES / "audio" / "sample_session.ogg"
# the three runs of the README's examples, as the CLI does them (tiny.en and no evidence, for time; the text one
# redacted, so that the redaction tagger runs too)
# (the recording: the first 30 s of the sample, six turns of two voices, to keep the test short)
RUNS = (
    ["analyze", str(TEXT), "--out", "{out}/text", "--no-evidence", "--redact", "-q"],  # --redact: the learned tagger too
    ["analyze", "{out}/clip.wav", "--asr-model", "tiny.en", "--out", "{out}/recording", "--no-evidence", "-q"],
    ["batch", str(TEXT), "--out", "{out}/batch", "--workers", "1", "--no-evidence"],
)
# The namespace run: the three CLI runs in one process, which then stays a few seconds, because a
# telemetry client uploads on a timer (onnxruntime's first try came ~8 s after its first model loaded).
DRIVER = """
import sys, time
from transcript_analyzer.cli import main
out, runs, linger = sys.argv[1], __import__("json").loads(sys.argv[2]), float(sys.argv[3])
started = time.perf_counter()
for args in runs:
    try:
        main.main([a.replace("{out}", out) for a in args], prog_name="transcript-analyzer", standalone_mode=False)
    except SystemExit as e:
        if e.code:
            raise
    print(f"{time.perf_counter() - started:.1f} s: {args[0]} {args[1]}", flush=True)
time.sleep(linger)
"""


def _clip(out: Path, seconds: float = 30.0) -> None:
    """out/clip.wav: the start of the sample recording (16 kHz mono, 16-bit)."""
    import wave

    import numpy as np

    from transcript_analyzer.audio.decode import SAMPLE_RATE, decode

    samples = decode(RECORDING).mono[: int(seconds * SAMPLE_RATE)]
    out.mkdir(parents=True, exist_ok=True)
    with wave.open(str(out / "clip.wav"), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        f.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


def _outputs_written(out: Path) -> None:
    assert (out / "text" / "session.json").is_file()
    assert (out / "recording" / "session.json").is_file()
    assert len(list((out / "batch" / "sessions").glob("*/session.json"))) == 1


def _environment(**extra: str) -> dict[str, str]:
    """This environment as a user's shell would have it: without the variable that importing the
    package set in this test process (each child must set it itself)."""
    env = {k: v for k, v in os.environ.items() if k not in ("ORT_DISABLE_TELEMETRY", guard.LOG_ENV)}
    return {**env, **extra}


def _pythonpath(*folders: Path) -> str:
    return os.pathsep.join([*map(str, folders), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])


def _telemetry_files(cache: Path) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file()) if cache.is_dir() else []


# --- the socket guard ---------------------------------------------------------------------------------

@pytest.fixture
def socket_guard(tmp_path, monkeypatch):
    """The guard in this process, and (through PYTHONPATH) in every Python process started from it."""
    log = tmp_path / "refused.jsonl"
    monkeypatch.setenv(guard.LOG_ENV, str(log))
    monkeypatch.setenv("PYTHONPATH", _pythonpath(GUARD_DIR, ROOT))
    originals = guard.install(log)
    yield log
    guard.uninstall(originals)


def _refused(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.is_file() else []


def test_the_guard_refuses_and_records_lookups_and_outside_connections(socket_guard):
    with pytest.raises(guard.NetworkBlocked):
        socket.getaddrinfo("mobile.events.data.microsoft.com", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s, pytest.raises(guard.NetworkBlocked):
        s.sendto(b"x", ("192.0.2.1", 9))  # TEST-NET-1: refused before any packet exists
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s, pytest.raises(guard.NetworkBlocked):
        s.connect_ex(("2001:db8::1", 443))
    with socket.socket() as s, pytest.raises(guard.NetworkBlocked):
        s.bind(("0.0.0.0", 0))  # listening on every interface
    socket.getaddrinfo("localhost", 80)  # loopback stays allowed
    with socket.socket() as s:
        s.connect_ex(("127.0.0.1", 9))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
    child = subprocess.run([sys.executable, "-c", "import socket; socket.gethostbyname('example.org')"],
                           capture_output=True, text=True)
    assert child.returncode != 0 and "NetworkBlocked" in child.stderr  # guarded through sitecustomize
    assert [r["what"] for r in _refused(socket_guard)] == ["getaddrinfo", "sendto", "connect_ex", "bind", "gethostbyname"]


@pytest.mark.slow
def test_text_recording_and_batch_runs_look_up_and_connect_to_nothing(socket_guard, tmp_path):
    from transcript_analyzer.cli import main

    _clip(tmp_path)
    for args in RUNS:
        try:
            main.main([a.replace("{out}", str(tmp_path)) for a in args], prog_name="transcript-analyzer",
                      standalone_mode=False)
        except SystemExit as e:
            assert not e.code, f"{args[:2]} exited with {e.code}"
    _outputs_written(tmp_path)
    refused = _refused(socket_guard)
    assert not refused, "network use:\n" + "\n".join(f"{r['what']} {r['target']} (pid {r['pid']})\n{r['stack']}"
                                                       for r in refused)


# --- the network namespace ----------------------------------------------------------------------------

def _namespace_unavailable() -> str | None:
    if os.geteuid() != 0:
        return "the network-namespace test needs root (CI runs as root)"
    missing = [tool for tool in ("unshare", "ip", "strace", "mount") if not shutil.which(tool)]
    if missing:
        return f"the network-namespace test needs {', '.join(missing)}"
    try:
        subprocess.run(["unshare", "--net", "--mount", "true"], check=True, capture_output=True, timeout=30)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        return f"cannot create network namespaces here ({e})"
    return None


@pytest.fixture(scope="module")
def namespace() -> None:
    """Skips where network namespaces cannot be made (not root, a tool missing), saying why; in CI
    (CI set, as .ci/run has it) that is a failure instead, so the proof cannot silently not run."""
    reason = _namespace_unavailable()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI must run the network-namespace test, but {reason}")
    if reason:
        pytest.skip(reason)


def probe(command: list[str], tmp_path: Path, env: dict[str, str] | None = None, timeout: float = 300) -> dict:
    """Run `command` in its own network namespace (see tests/netns_probe.py); its report."""
    report = tmp_path / "probe.json"
    subprocess.run(["unshare", "--net", "--mount", "--", sys.executable, str(PROBE), str(report),
                    "--timeout", str(timeout), "--", *command],
                   check=True, env=_environment(**(env or {})), timeout=timeout + 60)
    return json.loads(report.read_text())


def test_strace_lines_are_parsed_into_addresses():
    lines = (
        '12 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("13.69.1.2")}, 16) = 0\n'
        '[pid 13] sendto(7, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 1\n'
        '14 connect(5, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0\n'
        '15 sendto(4, "abc", 3, MSG_NOSIGNAL, NULL, 0) = 3\n'
        '16 bind(6, {sa_family=AF_INET, sin_port=htons(8787), sin_addr=inet_addr("0.0.0.0")}, 16) = 0\n')
    found = parse_strace(lines)
    assert [(c["pid"], c["call"], c["address"], c["port"]) for c in found] == [
        (12, "connect", "13.69.1.2", 443), (13, "sendto", "::1", 53), (16, "bind", "0.0.0.0", 8787)]
    problems = violations({"queries": [], "trapped": [], "calls": found})
    assert len(problems) == 3 and "13.69.1.2" in problems[0] and "port 53" in problems[1] and "0.0.0.0" in problems[2]
    assert is_loopback("::ffff:127.0.0.1") and is_loopback("127.77.77.77") and not is_loopback("10.0.0.1")


def test_the_namespace_probe_sees_a_lookup_and_the_connection_after_it(namespace, tmp_path):
    code = ("import socket; s = socket.create_connection(('telemetry.example.org', 443), timeout=5); "
            "s.sendall(b'\\x16\\x03\\x01hello'); s.close(); socket.socket().bind(('0.0.0.0', 0))")
    report = probe([sys.executable, "-c", code], tmp_path, timeout=60)
    assert report["returncode"] == 0, report["stderr"]
    assert {q["name"] for q in report["queries"]} == {"telemetry.example.org"}
    assert [t["port"] for t in report["trapped"]] == [443]
    assert any(c["address"] == TRAP and c["port"] == 443 for c in report["calls"])
    problems = violations(report)
    assert any("DNS query for telemetry.example.org" in p for p in problems)
    assert any("bind to 0.0.0.0" in p for p in problems)


@pytest.mark.slow
def test_text_recording_and_batch_runs_make_no_lookup_and_no_connection_in_a_namespace(namespace, tmp_path):
    """In a network namespace with only loopback and a resolver that records every query: no query,
    no attempt to reach any address outside loopback, in the CLI process and the batch's workers;
    and onnxruntime's telemetry client left nothing in the (fresh) cache folder it writes to."""
    cache = tmp_path / "xdg-cache"
    cache.mkdir()
    out = tmp_path / "out"
    _clip(out)
    env = {"XDG_CACHE_HOME": str(cache), "PYTHONPATH": _pythonpath(ROOT)}
    report = probe([sys.executable, "-c", DRIVER, str(out), json.dumps(RUNS), "5"], tmp_path, env=env)
    assert report["returncode"] == 0, f"the runs failed:\n{report['stdout']}\n{report['stderr']}"
    _outputs_written(out)
    problems = violations(report)
    assert not problems, "network use:\n" + "\n".join(problems)
    assert not _telemetry_files(cache), f"telemetry files written: {_telemetry_files(cache)}"
    print(report["stdout"])
    assert any(c["call"] == "connect" and c["port"] != 53 and is_loopback(c["address"]) for c in report["calls"]), \
        "strace saw no loopback connection at all (the batch's Dask traffic): is the probe blind?"


# --- onnxruntime's telemetry --------------------------------------------------------------------------

def test_onnxruntime_telemetry_is_off_before_onnxruntime_loads(tmp_path):
    """The package sets ORT_DISABLE_TELEMETRY=1 when imported (onnxruntime reads it only when it
    loads): then a model loaded in that process starts no telemetry client, which would write a
    device id and an event queue into $XDG_CACHE_HOME/Microsoft/ at once."""
    code = ("import transcript_analyzer, os\n"
            "from transcript_analyzer.markers.encoder import Encoder\n"
            "Encoder().load()\n"
            "print(os.environ.get('ORT_DISABLE_TELEMETRY'))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=_environment(XDG_CACHE_HOME=str(tmp_path)))
    assert run.returncode == 0, run.stderr
    assert not _telemetry_files(tmp_path), f"telemetry files written: {_telemetry_files(tmp_path)}"
    assert run.stdout.strip() == "1"


def test_onnxruntime_imported_first_is_a_warning():
    run = subprocess.run([sys.executable, "-c", "import onnxruntime, transcript_analyzer"], capture_output=True,
                         text=True, timeout=120, env=_environment())
    assert run.returncode == 0, run.stderr
    assert "RuntimeWarning" in run.stderr and "ORT_DISABLE_TELEMETRY=1" in run.stderr
