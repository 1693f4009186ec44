"""Figures in a sentence: a number with its unit (`1,254.29万元`, `5.39%`, `18个`).

Only a number followed by a unit is a figure, which is what keeps years (`2023年`), dates
(`12月31日`), subject codes (`2080505`), ordinals (`1.`, `（一）`), document numbers
(`财库〔2020〕46号`) and scores (`得分100分`) out: none of them carries a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import too_long

MONEY_UNITS = ("万元", "亿元", "千元", "元")
# How many 万元 one unit is worth, and by how many places that shifts the decimals.
MONEY_SCALE = {"万元": 0, "亿元": 4, "千元": -1, "元": -4}

_NUMBER = re.compile(r"(?<![\d.,A-Za-z_/\-])(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
# Longest units first. 项 before 目 is 项目 (`4项目支出`), 个 before 百分点 is a change in points.
_UNIT = re.compile(
    r"万元|亿元|千元|元|%|个(?!百分点)|辆|台\(套\)|台（套）|台|套|平方米|人次|人|名|项(?!目)|家|户|件|所|批"
)
# `单价100万元（含）以上设备`: a threshold, not an amount.
_THRESHOLD_AFTER = re.compile(r"^(?:[（(]含[）)])?(?:及)?(?:以上|以下|以内|及以上|及以下)|^[（(]含[）)]")
_THRESHOLD_BEFORE = re.compile(r"(?:单价|单位价值|限额|标准|起点|达到)[^，。；]{0,3}$")


@dataclass(frozen=True, slots=True)
class Figure:
    start: int  # span in the sentence, unit included
    end: int
    value: Decimal
    decimals: int  # decimals shown: the figure stands for value ± ½·10^-decimals
    unit: str  # 万元, 元, 亿元, %, 个, 辆 …
    text: str  # as written, e.g. "1,254.29万元"

    @property
    def kind(self) -> str:
        if self.unit in MONEY_UNITS:
            return "money"
        return "percent" if self.unit == "%" else "count"


def scan(text: str) -> list[Figure]:
    """Every figure of `text`, in order."""
    found: list[Figure] = []
    for m in _NUMBER.finditer(text):
        u = _UNIT.match(text, m.end())
        if not u:
            continue
        before = text[: m.start()]
        if before.endswith(("第", "〔", "[", "【")):
            continue
        if before.endswith(("（", "(")) and text[u.end() : u.end() + 1] in "）)":
            continue  # `行政运行（01项）`: the code of a 项, not a count
        unit = u.group().replace("(", "（").replace(")", "）")
        if unit in MONEY_UNITS and (
            _THRESHOLD_AFTER.match(text[u.end() :]) or _THRESHOLD_BEFORE.search(before)
        ):
            continue
        sign, whole, frac = m.groups()
        if too_long(whole, frac):
            continue  # not a figure (the reader has warned about it)
        value = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
        found.append(
            Figure(
                m.start(),
                u.end(),
                -value if sign else value,
                len(frac) if frac else 0,
                unit,
                text[m.start() : u.end()],
            )
        )
    return found
