"""Department names as written in different places of a disclosure: the cover may give the
short form (江苏省委办公厅), the tables the full one (中国共产党江苏省委员会办公厅)."""

from __future__ import annotations

import re

from .text import normalize_label

_PARTY = re.compile(r"^(?:中国共产党|中共)")
_SHORT_FORMS = (("委员会", "委"),)


def department_key(name: str | None) -> str:
    """A department name with its usual abbreviations resolved: 中国共产党江苏省委员会办公厅 and
    中共江苏省委办公厅 and 江苏省委办公厅 have one key."""
    key = normalize_label(name or "")
    for full, short in _SHORT_FORMS:
        key = key.replace(full, short)
    return _PARTY.sub("", key)


def same_department(a: str | None, b: str | None) -> bool:
    """The same department, or one name contained in the other (the 本级 unit of a department)."""
    ka, kb = department_key(a), department_key(b)
    if not ka or not kb:
        return False
    short, long = sorted((ka, kb), key=len)
    return ka == kb or (len(short) >= 4 and short in long)
