"""Where local state lives and how private files are written safely.

The data directory is `EXPOSURE_AUDIT_HOME` when set, else the platform's user data directory
(platformdirs). Write-safety rules, for every report, export, handout and the database:

- folders the tool creates are mode 0700; folders that already exist keep their mode (a
  shared 1777 folder keeps its sticky bit);
- files are created mode 0600 (never briefly world-readable);
- a file is written to a temporary file in its own folder, then renamed over the target, so a
  full disk or a crash never leaves a truncated report: the old file stays whole;
- a symbolic link at the final path is refused, never followed: its target is not touched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from audit.errors import HistoryError

APP_NAME = "exposure-audit"


class UnsafePathError(HistoryError):
    """An output path the tool refuses to write through (a symbolic link, a folder)."""


def data_dir() -> Path:
    """The app's data directory (created 0700 when missing; an existing one keeps its mode)."""
    env = os.environ.get("EXPOSURE_AUDIT_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs  # imported on first use: keeps start-up light

        path = Path(platformdirs.user_data_dir(APP_NAME))
    return private_dir(path)


def private_dir(path: Path) -> Path:
    """Create a directory, and each missing parent, readable by the owner only; return it.

    Only the folders created here get mode 0700: folders that already exist keep theirs.
    """
    missing = []
    parent = path
    while not parent.exists():
        if parent.is_symlink():  # a dangling link: never create through it
            raise UnsafePathError(f"{parent} is a symbolic link: refusing to write through it")
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # another process made it at the same moment
            continue
        os.chmod(folder, 0o700)  # the umask may have taken bits off
    if not path.is_dir():
        raise UnsafePathError(f"{path} is not a folder")
    return path


def refuse_symlink(path: Path) -> None:
    """Raise `UnsafePathError` when `path` is a symbolic link or not a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(f"{path} is a symbolic link: refusing to write through it")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(f"{path} exists and is not a regular file: refusing to replace it")


_SLICE = 1 << 20


def write_private(path: Path, data: str | bytes | Iterable[str]) -> Path:
    """Write a file mode 0600 atomically (temporary file + rename); refuse a symlink at `path`.
    `data` may come in pieces of text (written as they come: never joined in memory).

    On any error (disk full...) the temporary file is removed and an existing `path` is
    left as it was.
    """
    path = Path(path)
    private_dir(path.parent)
    refuse_symlink(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)
            if isinstance(data, bytes):
                fh.write(data)
            else:  # encoded a slice at a time: a 25 MB report is not held twice
                for piece in (data,) if isinstance(data, str) else data:
                    for start in range(0, len(piece), _SLICE):
                        fh.write(piece[start : start + _SLICE].encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        refuse_symlink(path)  # made a link while we wrote: still refused
        os.replace(tmp, path)  # replaces a link itself, never its target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
