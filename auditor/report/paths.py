"""File paths as CI tools want them: relative to the working directory, with `/`."""

from __future__ import annotations

import os
from pathlib import Path


def relative_path(path: str, base: Path) -> str | None:
    """`path` relative to `base` with `/`, or None when it lies outside `base` (or on another drive)."""
    absolute = Path(os.path.abspath(base / path))
    try:
        relative = Path(os.path.relpath(absolute, base))
    except ValueError:  # another drive
        return None
    if relative.parts[:1] == ("..",):
        return None
    return relative.as_posix()


def ci_path(path: str, base: Path) -> str:
    """Relative to `base` when inside it, else absolute (both with `/`)."""
    return relative_path(path, base) or Path(os.path.abspath(base / path)).as_posix()
