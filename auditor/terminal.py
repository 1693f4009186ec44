"""Consoles for the reports: colour as `--color auto|always|never` asks, and `NO_COLOR`."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console

COLOR_MODES = ("auto", "always", "never")


def color_mode(color: str | None, no_color: bool = False) -> str:
    """`--no-color` is `--color never`; without either, `auto`."""
    return "never" if no_color else (color or "auto")


def make_console(color: str = "auto", *, stderr: bool = False, file: IO[str] | None = None, **options) -> Console:
    """`auto`: colour on a terminal unless `NO_COLOR` is set (and not empty); `always`: colour even
    into a pipe or file, whatever `NO_COLOR` says; `never`: none."""
    if color == "always":
        return Console(stderr=stderr, file=file, force_terminal=True, no_color=False, highlight=False, **options)
    no_color = color == "never" or bool(os.environ.get("NO_COLOR"))
    return Console(stderr=stderr, file=file, no_color=no_color, highlight=False, **options)
