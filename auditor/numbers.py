"""Parsing the figures of a table cell: `1,376.70`, `-5.00`, `(5.00)`, `98%`, `-`, `—`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

_NUMBER = re.compile(r"^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
# A figure of more digits than this is not read as a figure (a read warning says so): no amount in
# a disclosure comes near it, and exact sums of such figures stay within the decimal precision
# every audit runs at (auditor.audit.PRECISION).
MAX_DIGITS = 30
_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PAREN_NEGATIVE = re.compile(r"^\((.+)\)$")
NIL_MARKS = frozenset({"-", "—", "--", "——", "－", "―"})


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    decimals: int
    percent: bool = False
    nil: bool = False  # a dash standing for zero


@lru_cache(maxsize=1 << 16)
def parse_number(cell: str) -> Number | None:
    """The figure in a cell whose whole content is a number, else None (cached: the layers ask
    about the same cells many times, and `0.00` fills half of every table)."""
    text = cell.strip().replace(" ", "")
    if not text:
        return None
    if text in NIL_MARKS:
        return Number(Decimal(0), 0, nil=True)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    negative = False
    m = _PAREN_NEGATIVE.match(text)
    if m:
        negative, text = True, m.group(1)
    m = _NUMBER.match(text)
    if not m:
        return None
    sign, whole, frac = m.groups()
    if len(text) > MAX_DIGITS and too_long(whole, frac):
        return None
    digits = whole.replace(",", "") + ("." + frac if frac else "")
    value = Decimal(digits)
    if sign == "-" or negative:
        value = -value
    return Number(value, len(frac) if frac else 0, percent)


def too_long(whole: str, frac: str | None) -> bool:
    """More digits than a figure may have (thousands separators not counted)."""
    return len(whole) - whole.count(",") + len(frac or "") > MAX_DIGITS


def overlong_numbers(text: str) -> list[str]:
    """The runs of digits in `text` too long to be figures, for the read warning."""
    found = []
    for m in _DIGIT_RUN.finditer(text):
        whole, _, frac = m.group().partition(".")
        if too_long(whole, frac):
            found.append(m.group())
    return found


def is_number(cell: str) -> bool:
    return parse_number(cell) is not None


_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{6,9}$")


def is_code(cell: str) -> bool:
    """A subject code (3, 5 or 7 digits) or a department/unit code (6+ digits)."""
    return bool(_CODE.match(cell.strip()))
