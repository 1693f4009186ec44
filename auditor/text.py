"""Text normalisation shared by the readers, the table layer and the prose layer."""

from __future__ import annotations

import re
from functools import lru_cache

# Full-width ASCII variants (U+FF01..U+FF5E) that carry numbers or Latin text. Chinese
# punctuation such as ，：（） is left alone: it is part of the language, not of a number.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update({"％": "%", "．": ".", "＋": "+", "－": "-", "\u3000": " ", "\xa0": " ", "\u2212": "-"})
_TRANSLATE = str.maketrans(_FULLWIDTH)
_DIGIT_COMMA = re.compile(r"(?<=\d)，(?=\d{3})")


def normalize_chars(text: str) -> str:
    """Full-width digits, letters and number punctuation to ASCII; a full-width comma between digits too."""
    text = text.translate(_TRANSLATE)
    if "，" in text:
        text = _DIGIT_COMMA.sub(",", text)
    return text


# Quotes go: `“三公”经费合计` is addressed as 三公经费合计.
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "“": "", "”": "", '"': "", "‘": "", "’": ""})
_SPACES = re.compile(r"\s+")


_QUALIFIER = re.compile(r"\([^()]*\)$")


def bare_header(text: str) -> str:
    """A header without its qualifier in brackets: `项目(按功能分类)` names a 项目 column."""
    norm = normalize_label(text)
    return _QUALIFIER.sub("", norm) or norm


@lru_cache(maxsize=1 << 16)  # the same headers and labels are normalised again and again
def normalize_label(text: str) -> str:
    """A row label or header cell as a key: brackets unified, all white space removed.

    Spaces inside Chinese labels are layout (`行 政 事 业 单 位`, a header wrapped as
    `一般公共预 算`), so they are dropped; `*` marks of required fields and quotes go too.
    """
    text = text.translate(_BRACKETS).replace("*", "").replace("**", "")
    return _SPACES.sub("", text)


# Ordinals that open a summary-table line or a heading: 一、 （一） (一) 1. 1、 ① …
ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．](?!\d)|[①-⑳])\s*"
)


def strip_ordinal(label: str) -> str:
    return ORDINAL.sub("", label, count=1)


# The two levels of a summary table's lines: `一、…` and `（一）…`.
CN_ORDINAL = re.compile(r"^[一二三四五六七八九十百]+[、.．]")
CN_PAREN_ORDINAL = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def ordinal_level(label: str) -> int | None:
    """1 for 一、… lines, 2 for （一）… lines of a summary table, None otherwise."""
    text = normalize_label(label)
    if CN_ORDINAL.match(text):
        return 1
    if CN_PAREN_ORDINAL.match(text):
        return 2
    return None
