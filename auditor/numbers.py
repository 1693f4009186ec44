"""Parsing the figures of a table cell: `1,376.70`, `-5.00`, `(5.00)`, `98%`, `-`, `—`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(r"^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_PAREN_NEGATIVE = re.compile(r"^\((.+)\)$")
NIL_MARKS = frozenset({"-", "—", "--", "——", "－", "―"})


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    decimals: int
    percent: bool = False
    nil: bool = False  # a dash standing for zero


def parse_number(cell: str) -> Number | None:
    """The figure in a cell whose whole content is a number, else None."""
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
    digits = whole.replace(",", "") + ("." + frac if frac else "")
    value = Decimal(digits)
    if sign == "-" or negative:
        value = -value
    return Number(value, len(frac) if frac else 0, percent)


def is_number(cell: str) -> bool:
    return parse_number(cell) is not None


_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{6,9}$")


def is_code(cell: str) -> bool:
    """A subject code (3, 5 or 7 digits) or a department/unit code (6+ digits)."""
    return bool(_CODE.match(cell.strip()))
