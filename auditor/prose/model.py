"""The Claim: one checkable statement of the prose, with where it is and what it refers to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .figures import MONEY_SCALE, MONEY_UNITS

ClaimKind = Literal["amount", "change", "share", "completion", "count", "none", "compare"]

_KIND_NAMES = {
    "amount": "金额",
    "change": "增减",
    "share": "占比",
    "completion": "完成率",
    "count": "数量",
    "none": "称无",
    "compare": "比较",
}


@dataclass(frozen=True, slots=True)
class PartOf:
    parent: int  # id of the claim whose parts these are
    group: int  # the parts listed together under one 其中/如下 share a group
    complete: bool  # True when the group is meant to make up the whole parent (≥ 2 parts)


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    kind: ClaimKind
    sentence: str  # the sentence, shortened around the figure
    line: int  # where the figure (or the word 持平) starts
    page: int | None
    subject: str  # subject phrase as written ("" when the prose names none)
    canonical: str | None  # canonical subject through rules/vocabulary.yaml
    value: Decimal | None  # amount, change amount, percentage or count
    decimals: int
    unit: str  # 万元, 元, 亿元, %, 个, 辆 … ("" when there is no figure)
    text: str  # the figure as written, e.g. "1,254.29万元"
    measure: str | None = None  # which figure an amount is: 预算, 全年预算, 执行数, 2022年度决算 …
    period: str | None = None  # year named before the figure: 2023年度
    direction: str | None = None  # change: 增加 / 减少 / 持平
    rate: Decimal | None = None  # change: the rate in %
    rate_decimals: int = 0
    rate_word: str | None = None  # change: the word before the rate (增长, 下降 …)
    basis: str | None = None  # change: compared with (上年预算数 …); completion: 年初预算 …
    of: str | None = None  # share: the denominator as written ("" when implicit)
    of_canonical: str | None = None
    ref: int | None = None  # the amount claim this one is about (this year's / part / final)
    base_ref: int | None = None  # the amount claim it is measured against (total / budget)
    part_of: PartOf | None = None
    section: str = ""  # the heading the claim sits under
    repeats: int | None = None  # the claim it restates word for word (the same sentence again): checked once
    reason: bool = False  # stated in a reason clause (主要原因是…): a change of the item it names
    aside: bool = False  # stated in brackets (`490,808.40万元（本年预算收入390,140.45万元）`)
    scope: str | None = None  # the money its headings restrict it to: 财政拨款, 一般公共预算 (vocabulary `scopes`)
    paragraph: int = 0
    sentence_id: int = 0
    offset: int = 0  # where the figure (or 持平) starts in `sentence`

    def to_dict(self) -> dict[str, object]:
        """Plain data for `audit extract --format json` (decimals as strings, None fields left out)."""
        out: dict[str, object] = {}
        for name in self.__slots__:  # type: ignore[attr-defined]
            value = getattr(self, name)
            if value is None or (value == "" and name not in ("subject", "unit")):
                continue
            if isinstance(value, Decimal):
                value = format(value, "f")
            elif isinstance(value, PartOf):
                value = {"parent": value.parent, "group": value.group, "complete": value.complete}
            out[name] = value
        return out

    def __str__(self) -> str:
        where = f"第{self.page}页第{self.line}行" if self.page else f"第{self.line}行"
        kind = _KIND_NAMES.get(self.kind, self.kind)
        subject = self.subject or "（未指明）"
        if self.canonical and self.canonical != self.subject:
            subject += f"［{self.canonical}］"
        if self.kind == "change":
            parts = [self.direction or ""]
            if self.value is not None:
                parts.append(f"{format(self.value, 'f')}{self.unit}")
            if self.rate is not None:
                parts.append(f"{self.rate_word or ''}{format(self.rate, 'f')}%")
            figure = " ".join(p for p in parts if p)
            basis = f"（比{self.basis}）" if self.basis else ""
            return f"#{self.id} {where} {kind} {subject} {figure}{basis}"
        if self.kind == "none":
            return f"#{self.id} {where} {kind} {subject}"
        if self.kind == "compare":
            refs = f"（#{self.ref} {self.direction} #{self.base_ref}）" if self.ref is not None else ""
            return f"#{self.id} {where} {kind} {subject} {self.measure}{self.direction}{self.basis}{refs}"
        figure = f"{format(self.value, 'f')}{self.unit}" if self.value is not None else ""
        extra = []
        if self.measure:
            extra.append(self.measure)
        if self.kind == "share" and self.of is not None:
            extra.append(f"占{self.of_canonical or self.of or '（上文总额）'}")
        if self.kind == "completion" and self.basis:
            extra.append(f"完成{self.basis}")
        if self.part_of is not None:
            extra.append(f"#{self.part_of.parent} 的分项")
        tail = f"（{'，'.join(extra)}）" if extra else ""
        return f"#{self.id} {where} {kind} {subject} {figure}{tail}"

    def money(self, unit: str = "万元") -> tuple[Decimal, int] | None:
        """Value and decimals expressed in another money unit (元 → 万元 adds four decimals)."""
        if self.value is None or self.unit not in MONEY_UNITS or unit not in MONEY_UNITS:
            return None
        shift = MONEY_SCALE[self.unit] - MONEY_SCALE[unit]
        return self.value.scaleb(shift), self.decimals - shift
