"""Limits on the work one input may cause, so that a hostile or broken file ends quickly with its
own E code instead of a hang or gigabytes of memory.

The defaults sit far above any real disclosure (the largest PDF in the corpus has 45 pages, 3.5 MB
of fonts and under 1 MB of page content); `[tool.auditor.limits]` in the config changes them.
Readers and loaders ask `active()` for the limits in force, which `using()` sets for the audit of
one file (so the layers below need no extra parameter). Past a limit, `exceeded()` is the input
error to raise: E007 and one line naming the limit and its config key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields

from .errors import InputError

LIMIT_EXCEEDED = "E007"
TIMED_OUT = "E008"
MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    file_mb: float = 100  # size of an input file (or of standard input)
    pages: int = 2000  # pages of a PDF
    glyphs_per_page: int = 200_000  # characters on one page, and drawn shapes on it (counted apart)
    stream_mb: float = 16  # one PDF content stream, inflated
    decompressed_mb: float = 256  # every PDF stream but images (never decoded), inflated, in all
    cells_per_line: int = 1000  # cells of one line of a text file
    rule_file_kb: float = 1024  # a rule file (YAML)
    yaml_nodes: int = 100_000  # nodes of a YAML file once its aliases are expanded
    memory_mb: float = 1024  # memory of the process auditing one file (batch workers)

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * MB)


# The config key of each limit (kebab-case, as in the TOML) and what it counts, for messages and docs.
KEYS = {f.name.replace("_", "-"): f.name for f in fields(Limits)}
WHAT = {
    "file_mb": "文件大小（MB）", "pages": "PDF 页数", "glyphs_per_page": "一页上的字符或图形数",
    "stream_mb": "PDF 单个内容流解压后的大小（MB）", "decompressed_mb": "PDF 各数据流解压后的总大小（MB）",
    "cells_per_line": "一行的单元格数", "rule_file_kb": "规则文件大小（KB）",
    "yaml_nodes": "YAML 展开别名后的节点数", "memory_mb": "审核一个文件所用的内存（MB）",
}

_ACTIVE: ContextVar[Limits] = ContextVar("limits", default=Limits())  # noqa: B039 - Limits is frozen


def active() -> Limits:
    return _ACTIVE.get()


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


def describe(name: str, found: object | None = None) -> str:
    """`PDF 页数 20000 超过上限 2000（[tool.auditor.limits] pages）`."""
    limit = getattr(active(), name)
    amount = f" {_number(found)}" if found is not None else ""
    return f"{WHAT[name]}{amount} 超过上限 {_number(limit)}（可在配置 [tool.auditor.limits] {name.replace('_', '-')} 中调整）"


def exceeded(where: str, name: str, found: object | None = None) -> InputError:
    """The input error (E007) of a file past the limit `name` (a field of Limits)."""
    return InputError(f"{where}: 超过限制：{describe(name, found)}", LIMIT_EXCEEDED)


def from_config(name: str, value: object) -> Limits:
    """The limits of a `[tool.auditor.limits]` table; ValueError names a wrong key or value."""
    if not isinstance(value, dict):
        raise ValueError(f"{name} 应为表，如 [tool.auditor.{name}] 下 pages = 5000")
    given = {}
    for key, amount in value.items():
        if key not in KEYS:
            raise ValueError(f"{name} 中未知的限制 {key}（可用：{'、'.join(KEYS)}）")
        if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
            raise ValueError(f"{name}.{key} 应为正数")
        given[KEYS[key]] = amount
    return Limits(**given)


def as_config(limits: Limits) -> dict[str, float]:
    """The limits as a `[tool.auditor.limits]` table (for --show-settings and the resume key)."""
    return {key: getattr(limits, attr) for key, attr in KEYS.items()}


def _number(value: object) -> str:
    """16, 0.5, 1.07: four significant digits at most, no trailing zeros."""
    return f"{value:.4g}" if isinstance(value, float) else str(value)
