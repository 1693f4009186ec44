"""Glyphs to text: physical lines, word spaces, wrapped cell text."""

from __future__ import annotations

from ...text import normalize_chars
from .raw import Glyph


def is_cjk(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no space is ever put next to them."""
    return ch >= "\u2e80"


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Physical text lines, top to bottom, each sorted left to right."""
    lines: list[list[Glyph]] = []
    centers: list[float] = []
    # By baseline and font size, not the box: a tight box (a `一` or `、` in a font without
    # metrics) sits off the middle of its line and is too small to measure a line by.
    for g in sorted(glyphs, key=lambda g: (g.mid, g.x0)):
        if lines and abs(g.mid - centers[-1]) <= 0.4 * g.font_size:
            lines[-1].append(g)
        else:
            lines.append([g])
            centers.append(g.mid)
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def join_glyphs(line: list[Glyph]) -> str:
    """Text of one physical line; a space only where the gap shows one.

    Between Latin letters or digits a gap of a fifth of an em is a word space; next to Chinese
    only a gap over 1.5 em counts (a full-width space inside `目 录` is layout, not a word
    break). The thresholds sit away from typical gaps because the backends' boxes differ a little.
    Text squeezed to fit a cell (horizontal scaling) has narrow glyphs and narrow spaces: there
    the em is measured no wider than two of the glyphs either side.
    """
    parts: list[str] = []
    prev: Glyph | None = None
    for g in line:
        if prev is not None:
            gap = g.x0 - prev.x1
            em = max(g.size, prev.size)
            latin = not is_cjk(prev.text[-1]) and not is_cjk(g.text[0])
            squeezed = min(em, 2 * max(g.x1 - g.x0, prev.x1 - prev.x0))
            wide = gap > 1.5 * em or (latin and gap > 0.18 * squeezed)
            if wide:
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts).strip()


def join_wrapped(texts: list[str]) -> str:
    """Lines of one cell as one text: Chinese joins directly, Latin words with a space."""
    out = ""
    for t in texts:
        if out and not is_cjk(out[-1]) and not is_cjk(t[0]):
            out += " "
        out += t
    return out


def line_text(line: list[Glyph]) -> str:
    """Normalised text of glyphs on one line, sorted left to right."""
    return normalize_chars(join_glyphs(line))


def cell_text(glyphs: list[Glyph]) -> str:
    return normalize_chars(join_wrapped([t for t in map(join_glyphs, group_lines(glyphs)) if t]))
