"""Document checks of the prose's wording (D rules): the years it refers to and the comparison
words it uses, against the document's own year and figures.

- `year_references`: a year the prose compares with (`比2026年预算`), a date it states a stock at
  (`截至2023年12月31日`) or the end of an implementation period, set against the document's year
  by the offsets the rule allows for each kind of document.
- `comparison_words`: `决算数大于/小于/等于（全年）预算数` against the two figures the item states.
- `functional_names`: a 类/款/项 the prose names that the table calls otherwise (same amount, a
  name in another order: 一般行政事务管理 for 一般行政管理事务).

Both locate their finding at the line of the words in question. Importing this module registers
the checks in `checks.CHECKS` (auditor.engine imports it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from auditor.prose.grammar import family

from .address import SkipInstance, View, label_key
from .checks import CheckSpec, Output, Param, ParamError, no_tables, register_checks
from .document_checks import _matches, _paragraphs, prose_spots
from .evaluate import FAIL, Problem, Skip, Value, judge
from .narrative.facts import claim_fact, claim_value, is_money, said
from .narrative.lookup import role_of
from .narrative.params import functional_param

# -- years the prose refers to ------------------------------------------------------------------


def _references(name: str, value: Any) -> list[dict[str, Any]]:
    """[{pattern, what, offsets: {budget: [min, max], final: [...]}}]: offsets from the document's year;
    the year is the pattern's group `year` (or `year2`, `year3` … of its other alternatives)."""
    if not isinstance(value, list) or not value:
        raise ParamError(f"参数 {name} 应为 {{pattern, what, offsets}} 的列表")
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict) or not {"pattern", "what", "offsets"} <= set(item) or set(item) - {
            "pattern",
            "what",
            "offsets",
        }:
            raise ParamError(f"参数 {name} 第 {i} 项应为 {{pattern, what, offsets}}")
        try:
            pattern = re.compile(str(item["pattern"]))
        except re.error as exc:
            raise ParamError(f"参数 {name} 第 {i} 项的 pattern 不是有效的正则表达式：{exc}") from None
        if "year" not in pattern.groupindex:
            raise ParamError(f"参数 {name} 第 {i} 项的 pattern 需要一个名为 year 的分组（另一种写法可用 year2…）")
        offsets = item["offsets"]
        if not isinstance(offsets, dict) or not all(
            k in ("budget", "final") and isinstance(v, list) and len(v) == 2 for k, v in offsets.items()
        ):
            raise ParamError(f"参数 {name} 第 {i} 项的 offsets 应为 {{budget: [最小, 最大], final: [最小, 最大]}}")
        out.append({"pattern": pattern, "what": str(item["what"]), "offsets": offsets})
    return out


YEAR_REFERENCES = {"references": Param(_references, required=True)}


def year_references(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Each year the prose refers to lies where the rule allows it for this kind of document."""
    info = view.ledger.info
    if info.year is None or info.kind not in ("budget", "final"):
        yield Skip("文件年度或类型未知，无法核对正文中的年度")
        return
    paragraphs = _paragraphs(prose_spots(view))
    seen: set[tuple[int | None, int | None, str]] = set()
    for ref in p["references"]:
        bounds = ref["offsets"].get(info.kind)
        if bounds is None:
            continue
        low, high = bounds
        for paragraph in paragraphs:
            for spot, found, context in _matches(paragraph, [ref["pattern"]]):
                m = ref["pattern"].search(found)
                named = [v for k, v in (m.groupdict() if m else {}).items() if k.startswith("year") and v]
                if not named:
                    continue
                year = int(named[0])
                offset = year - info.year
                if (low is None or offset >= low) and (high is None or offset <= high):
                    continue
                key = (spot.line, spot.page, found)
                if key in seen:
                    continue
                seen.add(key)
                kind = {"budget": "预算", "final": "决算"}[info.kind]
                yield Problem(
                    f"“{found}”（原文：{context}）：{ref['what']} {year} 与 {info.year} 年度{kind}不符"
                    f"（应{_expected(info.year, low, high)}）",
                    (),
                    places=(spot.location(),),
                )


def _expected(year: int, low: int | None, high: int | None) -> str:
    if low is not None and low == high:
        return f"为 {year + low}"
    if low is None and high is not None:
        return f"不晚于 {year + high}"
    if high is None and low is not None:
        return f"不早于 {year + low}"
    return f"在 {year + low}–{year + high} 之间"


# -- comparison words ---------------------------------------------------------------------------


def comparison_words(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """`决算数小于全年预算数`: the word agrees with the item's two figures; with a plain 预算数 any of
    the item's budget figures will do (年初预算, 全年预算, 调整预算)."""
    claims = list(getattr(view.ledger, "claims", None) or [])
    for claim in claims:
        if claim.kind != "compare" or claim.ref is None or claim.repeats is not None:
            continue
        this = claims[claim.ref]
        bases = _bases(claims, claim)
        if not is_money(this) or not bases:
            continue
        verdicts = [(_agrees(claim.direction, claim_value(this), claim_value(b)), b) for b in bases]
        if any(v is not False for v, _ in verdicts):
            continue
        base = verdicts[-1][1]
        actual = "大于" if this.value > base.value else "小于" if this.value < base.value else "等于"
        yield Problem(
            f"{said(claim)}：{said(this)}{actual}{said(base)}，文中却说“{claim.measure}{claim.direction}{claim.basis}”",
            (claim_fact(claim, value=this.value, decimals=this.decimals, unit=this.unit), claim_fact(this),
             claim_fact(base)),
            None,
            this.value,
        )


def _bases(claims: list[Any], claim: Any) -> list[Any]:
    base = claims[claim.base_ref] if claim.base_ref is not None else None
    if base is None or not is_money(base):
        return []
    if claim.basis.removesuffix("数") not in ("预算", "决算"):
        return [base]  # 年初预算数, 全年预算数 …: the one named
    this = claims[claim.ref]
    same = [
        c
        for c in claims
        if c.kind == "amount"
        and c.id != this.id
        and c.section == claim.section
        and c.subject == this.subject
        and family(c.measure) == family(claim.basis)
        and is_money(c)
    ]
    return same or [base]


def _agrees(word: str, a: Any, b: Any) -> bool | None:
    """True: the word fits the figures; False: it cannot; None: rounding leaves it open."""
    if word == "等于":
        if a.interval.meets(b.interval):
            return True if a.shown == b.shown else None
        return False
    if a.shown == b.shown:
        return False
    bigger = a.interval.lo > b.interval.hi
    smaller = a.interval.hi < b.interval.lo
    if not (bigger or smaller):
        return None
    return bigger if word == "大于" else smaller


# -- names of functional subjects -----------------------------------------------------------------


FUNCTIONAL_NAMES = {"functional": Param(functional_param, required=True)}


def functional_names(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """`法院（款）一般行政事务管理（项）支出6432.89万元` where the table's 2040502 is 一般行政管理事务 with
    that amount: the prose names an item the table calls otherwise. Only a name that no row bears,
    under a parent the rest of the path finds, with a single row of the same amount whose name
    is close to it (the same characters in another order, or most of them), is reported."""
    claims = list(getattr(view.ledger, "claims", None) or [])
    done: set[str] = set()
    for claim in claims:
        names = (claim.canonical or "").split("/")
        if claim.kind != "amount" or claim.repeats is not None or len(names) < 2 or not is_money(claim):
            continue
        if claim.canonical in done or "?" in names[-1:]:
            continue
        role = role_of(claim, view)
        tables = (p["functional"].get("scoped", {}).get(claim.scope or "", {}) or p["functional"]).get(role or "")
        for table, column in tables or []:
            found = misnamed(view, table, column, names, claim_value(claim))
            if found is not None:
                done.add(claim.canonical)
                row, label = found
                yield Problem(
                    f"{said(claim)}：所写科目“{names[-1]}”在{table}中没有；同一上级科目下金额相同的是 {row}“{label}”，"
                    f"名称不一致",
                    (claim_fact(claim),),
                    None,
                    claim.value,
                )
                break


def misnamed(view: View, table: str, column: str, names: list[str], value: Any) -> tuple[str, str] | None:
    """(code, label) of the one row under the path's parent that shows `value` under a name close to
    the path's last name, when no row bears that name; else None."""
    from .narrative.lookup import code_rows, descend

    if not view.tables(table):
        return None
    by_width = code_rows(view, table)
    if descend(by_width, names):
        return None  # the name is the table's
    parents = descend(by_width, names[:-1])
    if len(parents) != 1:
        return None
    prefix = parents[0].row.code
    width = len(prefix) + 2
    want = label_key(names[-1])
    close = []
    for pl in by_width.get(width, []):
        if not pl.row.code.startswith(prefix) or not pl.row.label:
            continue
        try:
            fact = view.cell(pl, view.column(pl, column))
        except SkipInstance:
            continue
        label = label_key(pl.row.label)
        similar = sorted(label) == sorted(want) or SequenceMatcher(None, label, want).ratio() >= 0.75
        if similar and judge("==", value, Value.of_fact(fact)) != FAIL:
            close.append((pl.row.code, pl.row.label))
    return close[0] if len(close) == 1 else None


# -- registration -------------------------------------------------------------------------------



WORDING_CHECKS: dict[str, CheckSpec] = {
    "year_references": CheckSpec(YEAR_REFERENCES, year_references, no_tables),
    "comparison_words": CheckSpec({}, comparison_words, no_tables),
    "functional_names": CheckSpec(FUNCTIONAL_NAMES, functional_names, no_tables),
}


def register() -> None:
    register_checks(WORDING_CHECKS)


register()

__all__ = ["WORDING_CHECKS", "register"]
