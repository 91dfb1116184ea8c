"""All-or-nothing output: every file of a result appears, or none does.

Files are written into a hidden temporary folder beside the target, flushed to disk, then
renamed into place (a rename within one file system is atomic). If anything fails before the
renames, the temporary folder is removed and the target folder is left as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from ..errors import OutputError


def write_files(out_dir: str | Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write {file name: content} into out_dir atomically; returns the final paths."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=out_dir))
    except OSError as e:
        raise OutputError(f"{out_dir}: cannot create the output folder ({e.strerror})") from e
    try:
        for name, content in files.items():
            with open(tmp / name, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
        final = []
        for name in files:
            os.replace(tmp / name, out_dir / name)
            final.append(out_dir / name)
        return final
    except OSError as e:
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise OutputError(f"{out_dir}: cannot write results ({e.strerror})") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
