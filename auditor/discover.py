"""Which files a run audits: files named on the command line, and the disclosures inside folders.

Inside a folder (walked in sorted order) these are passed over: hidden files and folders (a name
starting with `.`), `node_modules`, `__pycache__`, virtual environments (a folder holding
`pyvenv.cfg`), what the `.gitignore` files of the repository and of the walked folders ignore,
and what `exclude` patterns (same syntax) name. `.txt` and `.pdf` files are audited; documents
of a kind that cannot be read yet (Word, Excel, WPS, OFD, …) are counted so that the run can say
it skipped them. A file named directly is always audited, whatever its name.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .ignorefile import Pattern, ignored, read_ignore_file

INPUT_SUFFIXES = (".txt", ".pdf")
# Documents a disclosure is published in that the readers cannot read yet: reported as skipped.
UNSUPPORTED_SUFFIXES = (".doc", ".docx", ".xls", ".xlsx", ".et", ".wps", ".ofd", ".odt", ".ods", ".rtf")
SKIPPED_FOLDERS = ("node_modules", "__pycache__")


@dataclass(slots=True)
class Discovery:
    files: list[Path] = field(default_factory=list)
    unsupported: Counter[str] = field(default_factory=Counter)  # suffix → files passed over

    def skipped_line(self) -> str | None:
        """`跳过 4 个不支持的文件：.xlsx 3，.docx 1` (most first), or None when none was skipped."""
        if not self.unsupported:
            return None
        counts = sorted(self.unsupported.items(), key=lambda kv: (-kv[1], kv[0]))
        parts = "，".join(f"{suffix} {n}" for suffix, n in counts)
        return f"跳过 {sum(self.unsupported.values())} 个不支持的文件：{parts}"


def discover(paths: Iterable[Path], exclude: Iterable[Pattern] = ()) -> Discovery:
    """The files to audit, in the order given (each folder's files sorted), each once."""
    found = Discovery()
    exclude = list(exclude)
    for path in paths:
        if path.is_dir():
            _walk(path, [*_repository_patterns(path), *exclude], found)
        else:
            found.files.append(path)
    found.files = list(dict.fromkeys(found.files))
    return found


def _walk(folder: Path, patterns: list[Pattern], found: Discovery) -> None:
    patterns = [*patterns, *read_ignore_file(folder / ".gitignore")]
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        is_dir = entry.is_dir()
        if ignored(patterns, os.path.abspath(path), is_dir):
            continue
        if is_dir:
            if entry.name not in SKIPPED_FOLDERS and not (path / "pyvenv.cfg").exists():
                _walk(path, patterns, found)
            continue
        suffix = Path(entry.name).suffix.lower()
        if suffix in INPUT_SUFFIXES:
            found.files.append(path)
        elif suffix in UNSUPPORTED_SUFFIXES:
            found.unsupported[suffix] += 1


def _repository_patterns(folder: Path) -> list[Pattern]:
    """The .gitignore patterns of the folders above `folder`, up to its repository's top (the
    folder holding `.git`); none when `folder` is not inside a repository."""
    here = Path(os.path.abspath(folder))
    above = list(here.parents)
    top = next((p for p in [here, *above] if (p / ".git").exists()), None)
    if top is None or top == here:
        return []
    chain = [p for p in reversed(above) if p == top or top in p.parents]
    return [pattern for p in chain for pattern in read_ignore_file(p / ".gitignore")]
