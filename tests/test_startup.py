"""What a run imports: analysing a transcript or a recording never imports PyTorch or
scikit-learn (1-1.6 s each of every run: benchmarks/e2e_ratio.py), and torch still imports
normally afterwards for whatever needs it."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_analysing_a_transcript_imports_neither_torch_nor_sklearn():
    out = run("""
        import sys
        from transcript_analyzer.api import analyze
        session = analyze("sample_transcripts/strong_alliance.txt")
        assert session.utterances
        print(sorted(m for m in ("torch", "sklearn") if m in sys.modules))
        import torch  # still importable afterwards
        print(torch.tensor([1.0, 2.0]).sum().item())
    """)
    assert out.splitlines() == ["[]", "3.0"]


def test_spacy_keeps_its_torch_support_when_torch_is_already_loaded():
    out = run("""
        import torch
        import thinc.compat
        from transcript_analyzer.resources import load_spacy
        nlp = load_spacy("en_core_web_sm")
        print(thinc.compat.has_torch, len(list(nlp("One. Two.").sents)))
    """)
    assert out == "True 2"
