"""Patterns in the syntax of `.gitignore`, for file discovery, `exclude` and `per-file-ignores`.

The subset implemented (no git needed):
- blank lines and lines starting with `#` are ignored (`\\#` and `\\!` start a literal `#`, `!`);
  trailing spaces are dropped;
- `!pattern` re-includes what an earlier pattern excluded (the last matching pattern wins; a file
  inside an excluded folder stays excluded, since the folder is never entered);
- `pattern/` matches folders only;
- a pattern with a `/` at the start or in the middle is anchored to the folder of its file (or the
  base it was given for); without one it matches a name at any depth;
- `*` (anything but `/`), `?`, `[abc]`, `[!abc]`, and `**` in `**/x`, `x/**`, `a/**/b`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Pattern:
    text: str  # as written, for messages
    base: str  # absolute folder the pattern is relative to
    regex: re.Pattern[str]
    negate: bool = False
    dir_only: bool = False

    def matches(self, path: str, is_dir: bool) -> bool:
        """Whether the absolute `path` matches (its part relative to `base`)."""
        if self.dir_only and not is_dir:
            return False
        return bool(self.regex.match(relative_posix(path, self.base)))


def relative_posix(path: str, base: str) -> str:
    try:
        rel = os.path.relpath(path, base)
    except ValueError:  # another drive
        return Path(path).as_posix()
    return Path(rel).as_posix()


def parse_line(line: str, base: str) -> Pattern | None:
    """One line of a .gitignore (or one exclude glob); None for a blank line or a comment."""
    text = line.rstrip("\n").rstrip("\r")
    if text.endswith("\\ "):
        text = text[:-2].rstrip(" ") + "\\ "
    else:
        text = text.rstrip(" ")
    if not text or text.startswith("#"):
        return None
    negate = text.startswith("!")
    if negate:
        text = text[1:]
    elif text.startswith(("\\#", "\\!")):
        text = text[1:]
    dir_only = text.endswith("/")
    body = text.rstrip("/")
    if not body:
        return None
    anchored = "/" in body
    body = body.lstrip("/")
    prefix = "" if anchored or body.startswith("**/") else "(?:.*/)?"
    try:
        regex = re.compile(prefix + _translate(body) + r"\Z", re.DOTALL)
    except re.error:  # a broken character class: the pattern as plain text
        regex = re.compile(prefix + re.escape(body) + r"\Z", re.DOTALL)
    return Pattern(line.strip(), os.path.abspath(base), regex, negate, dir_only)


@lru_cache(maxsize=1024)
def _translate(glob: str) -> str:
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        if glob.startswith("**/", i) and (i == 0 or glob[i - 1] == "/"):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i) and i + 2 == n and (i == 0 or glob[i - 1] == "/"):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[":
            end = glob.find("]", i + 3 if glob.startswith(("[!", "[^"), i) else i + 2)
            if end < 0:
                out.append(re.escape("["))
                i += 1
                continue
            inner = glob[i + 1:end]
            if inner[:1] in "!^":
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = end + 1
        elif glob[i] == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def parse_lines(lines: list[str] | tuple[str, ...], base: str) -> list[Pattern]:
    return [p for p in (parse_line(line, base) for line in lines) if p is not None]


def read_ignore_file(path: Path) -> list[Pattern]:
    """The patterns of one .gitignore file (relative to its folder); none when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return parse_lines(text.splitlines(), str(path.parent))


def ignored(patterns: list[Pattern], path: str, is_dir: bool) -> bool:
    """The verdict of the last pattern that matches `path` (absolute); False when none does."""
    for pattern in reversed(patterns):
        if pattern.matches(path, is_dir):
            return not pattern.negate
    return False
