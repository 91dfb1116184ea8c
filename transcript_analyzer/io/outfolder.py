"""Output folders the user can trust: replaced as a whole, under a lock, never over their own files.

``replace_folder(target, render, kind)`` writes a complete set of files as the new content of
``target``:

1. it takes an advisory lock on ``.<name>.lock`` beside the target (not inside it: the folder is
   swapped); a second run on the same folder waits up to ``wait`` seconds, then fails with
   :class:`OutputError`;
2. it refuses a target that holds files this tool did not write (see ``check_replaceable``);
3. it renders the files (under the lock), writes them and a marker file ``.transcript-analyzer.json``
   (what kind of folder, which files) into a fresh private folder beside the target (``mkdtemp``:
   mode 0700), and flushes them to disk;
4. it swaps the new folder into place: one atomic exchange where the OS offers it (Linux
   ``renameat2(RENAME_EXCHANGE)``), else the old folder is renamed aside and the new one renamed in;
   then the old set is removed, so no file of an earlier run survives beside the new ones.

A crash at any point leaves the old complete set or the new complete set at the target (after a
crash between the two renames of the fallback, the old set waits beside it and the next run on the
target puts it back before doing anything else); leftovers are removed by the next run.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from .. import __version__
from ..errors import OutputError

MARKER = ".transcript-analyzer.json"
LOCK_WAIT = 60.0  # seconds a second run waits for the first to finish writing the same folder
Adopt = Callable[[Path, set[str]], bool]  # (folder, its entries) -> written by an earlier version of the tool?


@contextmanager
def folder_lock(target: str | Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the advisory lock of an output folder (``.<name>.lock`` beside it; the file stays,
    as removing a lock file races with a run about to take it). ``wait=0``: fail at once."""
    from filelock import FileLock, Timeout

    target = Path(target).absolute()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(target.parent / f".{target.name}.lock", timeout=wait, mode=0o600)
        lock.acquire()
    except Timeout:
        raise OutputError(f"{target}: another run is writing to this folder"
                          + (f" (waited {wait:.0f} s)" if wait else "") + "; try again when it has finished") from None
    except OSError as e:
        raise OutputError(f"{target}: cannot lock the folder ({e.strerror or e}); its parent folder must be "
                          "writable") from e
    try:
        yield
    finally:
        lock.release()


def read_marker(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("written_by") == "transcript-analyzer" else None


def write_marker(folder: Path, kind: str, files: Iterable[str] = (), **extra: object) -> None:
    """The marker of a folder this tool writes into without replacing it (a batch run folder)."""
    marker = {"written_by": "transcript-analyzer", "version": __version__, "kind": kind, "files": sorted(files),
              **extra}
    tmp = folder / f".{MARKER}.tmp"
    try:
        tmp.write_text(json.dumps(marker, indent=1), encoding="utf-8")
        os.replace(tmp, folder / MARKER)
    except OSError as e:
        raise OutputError(f"{folder}: cannot write results ({e.strerror or e})") from e


def check_replaceable(target: str | Path, kind: str, adopt: Adopt | None = None) -> None:
    """Refuse (OutputError) a target that exists and is not a folder, or a folder that is not
    empty and not written by this tool as this ``kind`` of folder (its marker lists every file it
    holds; ``adopt`` recognises folders written before markers existed)."""
    target = Path(target)
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    entries = {p.name for p in target.iterdir()}
    if not entries:
        return
    marker = read_marker(target)
    if marker is None:
        if adopt is not None and adopt(target, entries):
            return
        raise OutputError(f"{target}: holds files this tool did not write ({_few(entries)}); outputs replace "
                          "the folder as a whole, so choose a new or empty folder")
    if marker.get("kind") != kind:
        raise OutputError(f"{target}: holds the outputs of a '{marker.get('kind')}' run, not '{kind}'; "
                          "choose another folder")
    extra = entries - set(marker.get("files") or ()) - {MARKER}
    if extra and kind != "batch":
        raise OutputError(f"{target}: holds files this tool did not write ({_few(extra)}); outputs replace the "
                          "folder as a whole: move them out, or choose another folder")


def _few(names: Iterable[str], n: int = 3) -> str:
    names = sorted(names)
    return ", ".join(names[:n]) + (f" and {len(names) - n} more" if len(names) > n else "")


def check_not_over_inputs(target: str | Path, inputs: Iterable[str | Path]) -> None:
    """An output folder is replaced as a whole, so it may not be (or contain) an input's folder,
    nor the current folder (or one above it). It may be inside an input's folder: only it is written."""
    out = Path(target).resolve()
    for item in inputs:
        path = Path(item).resolve()
        folder = path if path.is_dir() else path.parent
        if out == folder or out in folder.parents:
            raise OutputError(f"{target}: is the input's folder or holds it; outputs replace the folder as a whole, "
                              "so choose a folder of their own (e.g. a new subfolder)")
    cwd = Path.cwd().resolve()
    if out == cwd or out in cwd.parents:
        raise OutputError(f"{target}: is the current folder or holds it; outputs replace the folder as a whole, "
                          "so choose a folder of their own (e.g. a new subfolder)")


def replace_folder(target: str | Path, render: Mapping[str, bytes] | Callable[[], Mapping[str, bytes]],
                   kind: str, adopt: Adopt | None = None, wait: float = LOCK_WAIT, lock: bool = True) -> list[Path]:
    """Make ``target`` hold exactly the rendered files (see the module docstring); returns their
    paths. ``render`` may be a function, called under the lock. ``lock=False`` when the caller
    already holds a lock that covers the target (a batch run's folder)."""
    target = Path(target).absolute()
    if target.is_symlink():  # replace the folder it points to, not the link
        target = target.resolve()
    with folder_lock(target, wait) if lock else _no_lock():
        check_replaceable(target, kind, adopt)  # before touching leftovers beside a folder that is not ours
        recover(target)
        check_replaceable(target, kind, adopt)  # the folder recovered may be an earlier run's
        files = render() if callable(render) else render
        new = _stage(target, files, kind)
        try:
            _swap(new, target)
        except OSError as e:
            shutil.rmtree(new, ignore_errors=True)
            recover(target)  # the old set back in place if it was moved aside
            raise OutputError(f"{target}: cannot replace the folder ({e.strerror or e})") from e
    return [target / name for name in files]


@contextmanager
def _no_lock() -> Iterator[None]:
    yield


def _stage(target: Path, files: Mapping[str, bytes], kind: str) -> Path:
    """The files and the marker in a new private folder beside the target, flushed to disk."""
    if MARKER in files or any(Path(name).name != name or name in ("", ".", "..") for name in files):
        raise OutputError(f"{target}: bad output file name(s) {', '.join(files)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    except OSError as e:
        raise OutputError(f"{target}: cannot create a folder beside it ({e.strerror or e}); its parent folder "
                          "must be writable") from e
    marker = {"written_by": "transcript-analyzer", "version": __version__, "kind": kind, "files": sorted(files)}
    try:
        for name, content in [*files.items(), (MARKER, json.dumps(marker, indent=1).encode("utf-8"))]:
            fd = os.open(new / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
        _fsync_dir(new)
        return new
    except OSError as e:
        shutil.rmtree(new, ignore_errors=True)
        raise OutputError(f"{target}: cannot write results ({e.strerror or e})") from e


def _swap(new: Path, target: Path) -> None:
    if not target.exists():
        os.rename(new, target)
        _fsync_dir(target.parent)
    elif _exchange(new, target):  # target now holds the new set, ``new`` the old one
        _fsync_dir(target.parent)
        shutil.rmtree(new)
    else:
        aside = target.parent / f".{target.name}.old-{secrets.token_hex(6)}"  # a name only: Windows cannot
        os.rename(target, aside)  # rename a folder onto an existing one
        os.rename(new, target)
        _fsync_dir(target.parent)
        shutil.rmtree(aside)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    func = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if os.name == "posix" else None
    if func is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False  # the kernel or the file system cannot exchange: rename aside instead
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


def recover(target: str | Path) -> None:
    """Leftovers of a run killed while replacing ``target``: new sets never swapped in are removed;
    an old set renamed aside is put back if the new one never arrived, else removed."""
    target = Path(target).absolute()
    if not target.parent.is_dir():
        return
    for tmp in target.parent.glob(f".{_glob_escape(target.name)}.tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    olds = sorted(target.parent.glob(f".{_glob_escape(target.name)}.old-*"), key=lambda p: -p.stat().st_mtime)
    for old in olds:  # the newest first
        if not target.exists() and any(old.iterdir()):
            os.rename(old, target)
        else:
            shutil.rmtree(old, ignore_errors=True)


def recover_all(parent: Path) -> None:
    """``recover`` for every target in ``parent`` that left something behind."""
    names = {p.name[1:].rsplit(".tmp-", 1)[0] for p in parent.glob(".*.tmp-*")}
    names |= {p.name[1:].rsplit(".old-", 1)[0] for p in parent.glob(".*.old-*")}
    for name in names:
        recover(parent / name)


def _glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)
