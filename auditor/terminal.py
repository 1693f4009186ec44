"""What reaches a terminal: consoles for `--color auto|always|never` and `NO_COLOR`, and text made
inert. Every string from a document, a path or an option is data, never control: `clean` shows
control characters as visible symbols, `safe` also escapes rich markup, and `json_text` writes
JSON whose strings keep their text but cannot move a cursor or reorder a line."""

from __future__ import annotations

import json
import os
import re
from typing import IO, Any

from rich.console import Console
from rich.markup import escape

COLOR_MODES = ("auto", "always", "never")

# C0 (but tab and line feed) and DEL: shown as their Control Pictures symbols (ESC → ␛).
_C0 = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# C1, the bidi embeddings, overrides and isolates (they reorder what follows on the line), and lone
# surrogates (a file name that is not UTF-8): none of them can be printed, each becomes U+FFFD.
_HIDDEN = re.compile("[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# In JSON only what a terminal would act on or could not encode is escaped (C0 is json's own job).
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: object) -> str:
    """The text with every control character made visible and harmless (tab and newline stay)."""
    value = str(text)
    if value.isprintable():  # the common case: nothing to replace
        return value
    value = _C0.sub(lambda m: chr(0x2421 if m.group() == "\x7f" else 0x2400 + ord(m.group())), value)
    return _HIDDEN.sub("\ufffd", value)


def safe(text: object) -> str:
    """Text to put inside rich markup: cleaned, and its `[` escaped so it is never read as a tag."""
    return escape(clean(text))


def json_text(data: Any, **options: Any) -> str:
    """`json.dumps` (UTF-8 text kept) with C1, DEL, bidi controls and lone surrogates as \\u escapes:
    the JSON reads back to the same strings, and printing it cannot act on a terminal."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
