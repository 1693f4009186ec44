"""The subject vocabulary of the prose (rules/vocabulary.yaml): phrases as written → canonical subjects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..yamlio import load_yaml

# Brackets and quotes do not change a subject: （境） = (境), “三公” = 三公.
_KEY_TRANSLATE = str.maketrans({"（": "(", "）": ")"})
_DROP = frozenset(" \t\u3000“”\"'‘’「」『』《》")


def match_key(text: str) -> tuple[str, list[int]]:
    """`text` as a matching key, and for each key character its index in `text`."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text.translate(_KEY_TRANSLATE)):
        if ch in _DROP:
            continue
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def key(text: str) -> str:
    return match_key(text)[0]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One occurrence of a vocabulary phrase in a piece of text."""

    start: int  # indices into the searched text (not the key)
    end: int
    canonical: str
    variant: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    # (variant key, canonical), longest first so that a longer phrase shadows its substrings
    phrases: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (heading word, phrases)
    # (canonical, words that must all appear in this order): subjects read from a whole clause
    qualified: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (phrase key, canonicals): what `无…`/`没有…` followed by a phrase denies, besides the subjects
    denials: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # words before a subject that do not change what it is (the unit's name, a year, `…的`)
    generic: tuple[re.Pattern[str], ...] = ()
    classes: frozenset[str] = frozenset()  # canonical names of the functional classes (类)
    scopes: tuple[str, ...] = ()  # heading words that restrict the money a section is about
    sides: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (收入/支出, pattern of the canonical subjects)
    wholes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical, its components)

    def _active(self, headings: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        words = tuple(word for word, _ in self.sections if any(word in h for h in headings))
        return _active_phrases(self, words)

    def occurrences(
        self, text: str, headings: tuple[str, ...] = (), overlapping: bool = False
    ) -> list[Phrase]:
        """Every vocabulary phrase found in `text`, not counting those inside a longer found one
        (unless `overlapping`: then every occurrence of every phrase)."""
        k, index = match_key(text)
        found: list[Phrase] = []
        taken = [False] * len(k)
        for variant, canonical in self._active(headings):
            start = k.find(variant)
            while start >= 0:
                s, e = start, start + len(variant)
                start = k.find(variant, s + 1)
                if not overlapping:
                    if any(taken[s:e]):
                        continue
                    for i in range(s, e):
                        taken[i] = True
                found.append(Phrase(index[s], index[e - 1] + 1, canonical, variant))
        return sorted(found, key=lambda p: p.start)

    def is_generic(self, qualifier: str) -> bool:
        """True when the words before a subject do not change what it is: nothing, the unit's own
        name, a year, a relative clause ending in 的 (`generic` in rules/vocabulary.yaml)."""
        k = key(qualifier).strip("，,：:、（(")
        before = None
        while k and k != before:
            before = k
            for pattern in self.generic:
                k = pattern.sub("", k)
        return not k

    def canonical(self, phrase: str, headings: tuple[str, ...] = ()) -> str | None:
        """The canonical subject of a whole phrase, or of the phrase it ends with."""
        k = key(phrase)
        if not k:
            return None
        for variant, canonical in self._active(headings):
            if k == variant:
                return canonical
        # `政府采购支出总额` written as `本单位政府采购支出总额`: the longest variant it ends with, when
        # the words before it do not qualify it (`其他资金收入预算` is not the 收入预算).
        for variant, canonical in self._active(headings):
            if k.endswith(variant):
                return canonical if self.is_generic(k[: -len(variant)]) else None
        return None

    def components(self, canonical: str | None) -> tuple[str, ...]:
        """The parts a subject is made of (`三公经费` → 因公出国(境)费, 公务用车…, 公务接待费), if fixed."""
        return next((parts for whole, parts in self.wholes if whole == canonical), ())

    def siblings(self, a: str | None, b: str | None) -> bool:
        """Two components of one whole (`公务用车购置费`, `公务用车运行维护费`): neither is a part of the other."""
        return bool(a and b and a != b) and any(a in parts and b in parts for _, parts in self.wholes)

    def side_of(self, canonical: str | None) -> str | None:
        """收入 or 支出: which side of a summary table a subject stands on (None: neither, or not known)."""
        if canonical:
            for side, pattern in self.sides:
                if pattern.search(canonical):
                    return side
        return None

    def scope_of(self, headings: tuple[str, ...]) -> str | None:
        """The money the headings restrict their section to (`五、财政拨款支出预算表情况说明` → 财政拨款)."""
        return next((w for w in self.scopes if any(w in h for h in headings)), None)

    def class_named(self, text: str) -> str | None:
        """The functional class (类) a heading or a line consists of: `一般公共服务`, `（一）一般公共服务（类）`."""
        name = re.sub(r"[（(]\s*\d{0,3}\s*类\s*[）)]$", "", text.strip("。：: "))
        for phrase in (name, name + "支出"):  # `公共安全（类）` is 公共安全支出
            canonical = self.canonical(phrase)
            if canonical in self.classes:
                return canonical
        return None

    def qualified_subject(self, text: str) -> str | None:
        """The canonical subject whose words all appear, in order, in `text` (most words first)."""
        k = key(text)
        for canonical, words in self.qualified:
            at = 0
            for w in words:
                at = k.find(w, at)
                if at < 0:
                    break
                at += len(w)
            else:
                return canonical
        return None

    def denied(self, phrase: str, headings: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The canonical subjects a phrase after 无/没有 names: a subject it opens with, else a denial stem."""
        k, index = match_key(phrase)
        if not k:
            return ()
        found = [p for p in self.occurrences(phrase, headings) if p.start == index[0]]
        if found:
            return (found[0].canonical,)
        for stem, canonicals in self.denials:
            if k.startswith(stem):
                return canonicals
        return ()


@lru_cache(maxsize=64)
def _active_phrases(vocab: Vocabulary, words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The phrases in force under headings naming `words`, longest first.

    A section's own phrases come first, so that they win over a global phrase of equal length.
    """
    pairs: list[tuple[str, str]] = []
    for word, extra in vocab.sections:
        if word in words:
            pairs.extend(extra)
    pairs.extend(vocab.phrases)
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _pairs(mapping: dict) -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for canonical, variants in (mapping or {}).items():
        canonical = str(canonical)
        for v in [canonical, *(variants or [])]:
            pairs.setdefault(key(str(v)), canonical)
    return tuple(sorted(pairs.items(), key=lambda p: -len(p[0])))


def parse_vocabulary(data: dict) -> Vocabulary:
    sections = tuple((str(word), _pairs(m)) for word, m in (data.get("sections") or {}).items())
    qualified = sorted(
        (
            (str(canonical), tuple(key(str(w)) for w in words))
            for canonical, groups in (data.get("qualified") or {}).items()
            for words in groups or []
        ),
        key=lambda q: -len(q[1]),
    )
    denials = sorted(
        ((key(str(stem)), tuple(str(c) for c in cs)) for stem, cs in (data.get("denials") or {}).items()),
        key=lambda d: -len(d[0]),
    )
    generic = tuple(re.compile(str(p)) for p in data.get("generic") or [])
    classes = data.get("classes") or {}
    phrases = _pairs({**classes, **(data.get("subjects") or {})})
    scopes = tuple(str(w) for w in data.get("scopes") or [])
    sides = tuple((str(side), re.compile(str(p))) for side, p in (data.get("sides") or {}).items())
    wholes = tuple((str(w), tuple(str(x) for x in parts)) for w, parts in (data.get("wholes") or {}).items())
    return Vocabulary(
        phrases,
        sections,
        tuple(qualified),
        tuple(denials),
        generic,
        frozenset(str(c) for c in classes),
        scopes,
        sides,
        wholes,
    )


@lru_cache(maxsize=8)
def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The vocabulary from `path` (default: rules/vocabulary.yaml), read once per path."""
    file = Path(path) if path is not None else paths.RULES_DIR / "vocabulary.yaml"
    with open(file, encoding="utf-8") as fh:
        return parse_vocabulary(load_yaml(fh) or {})
