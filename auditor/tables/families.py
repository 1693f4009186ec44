"""Template families (rules/families.yaml): which template a disclosure follows, told by the
titles of its tables, and which tables that family requires for each kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..yamlio import load_yaml
from .kinds import normalize_title

UNKNOWN_FAMILY = "unknown"
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")

Requirement = tuple[str, ...]  # table types, any one of which will do


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    name: str
    signature: tuple[re.Pattern[str], ...] = ()
    min: int = 2
    required: dict[str, tuple[Requirement, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Families:
    known: tuple[Family, ...]
    unknown: Family

    def get(self, family_id: str | None) -> Family:
        return next((f for f in self.known if f.id == family_id), self.unknown)

    def detect(self, titles: list[str], department: str | None = None) -> Family:
        """The family with the most signature patterns found among the titles (at least its `min`)."""
        # each title as printed and without the department's name (`西南大学收入预算表` shows the
        # university by its name; `XX局部门收支总表` is the national 部门收支总表)
        keys = {k for t in titles for k in (title_key(t), title_key(t, department))}
        best, best_score = self.unknown, 0
        for family in self.known:
            score = sum(1 for pattern in family.signature if any(pattern.search(k) for k in keys))
            if score >= family.min and score > best_score:
                best, best_score = family, score
        return best


def title_key(title: str, department: str | None = None) -> str:
    """A title as the signatures see it: numbering, quotes, year and department name removed."""
    key = normalize_title(title)
    key = _YEAR.sub("", key)
    if department:
        key = key.replace(department.replace(" ", ""), "")
    return key


def _requirements(value: object) -> tuple[Requirement, ...]:
    items = value if isinstance(value, list) else []
    return tuple((item,) if isinstance(item, str) else tuple(item) for item in items)


def _family(entry: dict, family_id: str) -> Family:
    return Family(
        id=family_id,
        name=entry.get("name", family_id),
        signature=tuple(re.compile(p) for p in entry.get("signature") or ()),
        min=int(entry.get("min", 2)),
        required={kind: _requirements(v) for kind, v in (entry.get("required") or {}).items()},
    )


def load_families(path: Path | None = None) -> Families:
    return _load(str(path or paths.RULES_DIR / "families.yaml"))


@lru_cache(maxsize=4)
def _load(path: str) -> Families:
    with open(path, encoding="utf-8") as fh:
        data = load_yaml(fh) or {}
    known = tuple(_family(e, e["id"]) for e in data.get("families") or ())
    return Families(known, _family(data.get("unknown") or {}, UNKNOWN_FAMILY))
