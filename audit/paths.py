"""Where local state lives and how private files are created.

The data directory is `EXPOSURE_AUDIT_HOME` when set, else the platform's user data directory
(platformdirs). Directories are created mode 0700 and files 0600: reports and the database
describe a person and must be readable by their owner only.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "exposure-audit"


def data_dir() -> Path:
    """The app's data directory (created, mode 0700)."""
    env = os.environ.get("EXPOSURE_AUDIT_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs  # imported on first use: keeps start-up light

        path = Path(platformdirs.user_data_dir(APP_NAME))
    return private_dir(path)


def private_dir(path: Path) -> Path:
    """Create a directory, and each missing parent, readable by the owner only; return it.

    Folders that already exist keep their mode, except `path` itself, which is made 0700.
    """
    missing = []
    parent = path
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: str | bytes) -> Path:
    """Write a file created with mode 0600 (never briefly world-readable)."""
    if not path.parent.exists():
        private_dir(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, payload)
    finally:
        os.close(fd)
    return path
