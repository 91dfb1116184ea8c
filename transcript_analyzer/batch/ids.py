"""Opaque session ids for redacted batch runs: keyed hashes of the input names.

The key is a per-user secret kept outside any run folder, so that anyone holding a run folder cannot
confirm a guessed file name ('john_smith_s1') by hashing it, while the ids stay the same on every run
of this user (a rerun resumes)."""

from __future__ import annotations

import hmac
import os
from pathlib import Path

ID_KEY_ENV = "TA_ID_KEY"


def id_key() -> bytes:
    """The secret that turns input names into a redacted batch's opaque session ids: $TA_ID_KEY (a
    file), else $XDG_DATA_HOME/transcript-analyzer/id.key, else ~/.local/share/transcript-analyzer/id.key;
    made (32 random bytes, readable by you only) the first time. Without it, anyone holding a run folder
    could confirm a guessed file name ('john_smith_s1') by hashing it; with it, the ids stay the same on
    every run of this user, and mean nothing elsewhere (copy the key to resume a redacted run on another
    machine)."""
    import secrets

    from ..resources import user_data_dir

    env = os.environ.get(ID_KEY_ENV)
    path = Path(env).expanduser() if env else user_data_dir() / "id.key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except (ValueError, UnicodeDecodeError) as e:
        from ..errors import ConfigError

        raise ConfigError(f"{path}: not a key written by transcript-analyzer (64 hex digits); remove it to make "
                          "a new one (redacted runs made with it then get other session ids)") from e
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
    try:
        os.link(tmp, path)  # atomic, and never over a key another run made a moment ago
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    finally:
        tmp.unlink()
    return key


def opaque_id(name: str) -> str:
    """'s-' and 12 hex digits of HMAC-SHA-256 of ``name`` under the user's id key."""
    return "s-" + hmac.new(id_key(), name.encode(), "sha256").hexdigest()[:12]
