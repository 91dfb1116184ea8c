"""Helpers for the reader tests: every input is written into pytest's tmp_path by the test."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from transcript_analyzer.config import ReadOptions
from transcript_analyzer.errors import InputError
from transcript_analyzer.io.readers import read_transcript
from transcript_analyzer.model import Session


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, content) -> path; str content is written as UTF-8, bytes as they are."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def read(write: Callable[..., Path]) -> Callable[..., Session]:
    """read(name, content, **read_options) -> Session, parsed by the readers only."""

    def _read(name: str, content: str | bytes, **options) -> Session:
        return read_transcript(write(name, content), ReadOptions(**options))

    return _read


@pytest.fixture
def read_fails(write: Callable[..., Path]) -> Callable[..., InputError]:
    """read_fails(name, content, match, **read_options) -> the InputError, checked to name the file."""

    def _fails(name: str, content: str | bytes, match: str, **options) -> InputError:
        path = write(name, content)
        with pytest.raises(InputError, match=match) as info:
            read_transcript(path, ReadOptions(**options))
        assert info.value.path == str(path)
        assert str(path) in str(info.value)
        return info.value

    return _fails
