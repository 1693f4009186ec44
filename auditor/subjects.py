"""The functional classification's classes by name (rules/subjects.yaml): a summary table names
its classes without codes, and templates of different years word some of them differently."""

from __future__ import annotations

from functools import lru_cache

from . import paths
from .text import normalize_label, strip_ordinal
from .yamlio import load_yaml


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    with open(paths.RULES_DIR / "subjects.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh) or {}
    return {_key(name): str(code) for code, names in (data.get("functional_classes") or {}).items()
            for name in names}


def _key(label: str) -> str:
    key = strip_ordinal(normalize_label(label))
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


def functional_class(label: str) -> str | None:
    """The class code a row label names (`三、医疗卫生与计划生育支出` → 210), or None."""
    return _names().get(_key(label)) if label else None
