"""Table types and column roles, both kept as data in rules/aliases.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..ledger import UNKNOWN_TYPE  # noqa: F401 - re-exported: the tables layer names it too
from ..text import ORDINAL, bare_header, normalize_label
from ..yamlio import load_yaml


@dataclass(frozen=True, slots=True)
class TableKind:
    type: str
    kind: str  # budget | final | any
    aliases: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    money: bool = True
    unit: str | None = None
    layout: str = "grid"  # grid: a header over columns of figures; form: label/value pairs in rows


@dataclass(slots=True)
class Catalogue:
    kinds: list[TableKind]
    column_roles: list[tuple[str, str, bool]] = field(default_factory=list)  # (role, word, exact)
    total_keys: dict[str, str] = field(default_factory=dict)  # label of a detail table's total -> key
    line_keys: dict[str, str] = field(default_factory=dict)  # label of a summary table's line -> key
    _by_alias: list[tuple[str, TableKind]] = field(default_factory=list)

    def __post_init__(self) -> None:
        pairs = [(normalize_title(a), k) for k in self.kinds for a in k.aliases]
        self._by_alias = sorted(pairs, key=lambda p: -len(p[0]))

    def by_type(self, type_name: str) -> TableKind | None:
        return next((k for k in self.kinds if k.type == type_name), None)

    def match_title(self, title: str, doc_kind: str | None = None) -> TableKind | None:
        """The kind whose longest alias occurs in the title (preferring the document's family)."""
        hit = self.title_match(title, doc_kind)
        return hit[1] if hit else None

    def title_match(self, title: str, doc_kind: str | None = None) -> tuple[str, TableKind] | None:
        """The alias found in the title and its kind; see `match_title`."""
        norm = normalize_title(title)
        if not norm or len(norm) > 60:
            return None
        hits = [(alias, k) for alias, k in self._by_alias if alias in norm]
        if not hits:
            return None
        if doc_kind:
            same = [h for h in hits if h[1].kind in (doc_kind, "any")]
            if same:
                return same[0]
        return hits[0]

    def match_header(self, header_words: list[str]) -> TableKind | None:
        text = "|".join(normalize_label(w) for w in header_words)
        for k in self.kinds:
            if k.header and all(w in text for w in k.header) and not any(w in text for w in k.exclude):
                return k
        return None

    def column_role(self, header: str) -> str | None:
        norm = normalize_label(header)
        # `项目(按功能分类)` is a 项目 column: a qualifier in brackets does not change what it holds
        bare = bare_header(norm)
        for role, word, exact in self.column_roles:
            if (word in (norm, bare)) if exact else (word in norm):
                return role
        return None


# numbering and furniture around a title: 公开01表：, 公开 01 表, 表一, 表1-1, 附表3, 第二部分, quotes
_TITLE_NOISE = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分\s*)?(?:(?:附?表\s*[\d一二三四五六七八九十]+(?:\s*[-—－]\s*\d+)?)"
    r"|公开\s*\d+\s*表)[:：、.\s]*|[“”\"'‘’「」『』]")
_TITLE_TAIL = re.compile(r"[（(]\s*(?:续|续表|(?:单位[:：]\s*)?(?:万元|元))\s*[)）]$|续表$")


def normalize_title(title: str) -> str:
    t = title.replace("*", "").strip()
    t = ORDINAL.sub("", t, count=1)
    t = _TITLE_NOISE.sub("", t)
    t = _TITLE_NOISE.sub("", t)
    t = _TITLE_TAIL.sub("", t)
    return normalize_label(t)


def load_catalogue(path: Path | None = None) -> Catalogue:
    return _load(str(path or paths.RULES_DIR / "aliases.yaml"))


@lru_cache(maxsize=4)
def _load(path: str) -> Catalogue:
    with open(path, encoding="utf-8") as fh:
        data = load_yaml(fh)
    kinds = [
        TableKind(
            type=t["type"],
            kind=t.get("kind", "any"),
            aliases=tuple(t.get("aliases", ())),
            header=tuple(normalize_label(w) for w in t.get("header", ())),
            exclude=tuple(normalize_label(w) for w in t.get("exclude", ())),
            money=t.get("money", True),
            unit=t.get("unit"),
            layout=t.get("layout", "grid"),
        )
        for t in data["tables"]
    ]
    roles = []
    for role, words in data.get("columns", {}).items():
        for w in words:
            exact = w.startswith("=")
            roles.append((role, normalize_label(w.lstrip("=")), exact))
    total_keys = {normalize_label(w): key for key, words in data.get("row_keys", {}).items() for w in words}
    line_keys = {normalize_label(w): key for key, words in (data.get("line_keys") or {}).items() for w in words}
    return Catalogue(kinds=kinds, column_roles=roles, total_keys=total_keys, line_keys=line_keys)
