"""N: parts that cannot exceed their whole — 授予小微企业 ≤ 授予中小企业 ≤ 政府采购总额, 机关运行经费 ≤ 公用经费.

Each relation of the rule's `relations` names canonical subjects: the prose's amounts of the
parts (one per subject, the first stated, for the same year and measure) added together must
not exceed the whole, the prose's amount of it or else its table figure. An amount the tables
contradict is left to N101 (one wrong figure, one finding).

`error_when` (a regular expression over the prose) raises a violation to an error when the
document itself says the part is included in the whole, e.g. a glossary that defines
机关运行经费 as 基本支出中的日常公用经费: the rule's own severity holds otherwise. `unless` (a
regular expression over the paragraph of a part) skips a violation the document explains
there (`…口径发生调整`, `项目支出中部分…统计在…中`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import View
from ..checks import Param
from ..evaluate import FAIL, Instance, Problem, Skip, judge
from .facts import Output, claims_of, fmt, in_unit, is_money, said, value_sum
from .lookup import Probe, contradicted, role_of, table_values
from .params import SUBJECT_PARAMS, pattern_param, relations_param

CLAIM_BOUND = {
    **SUBJECT_PARAMS,
    "relations": Param(relations_param, required=True),
    "error_when": Param(pattern_param, default=None),
    "unless": Param(pattern_param, default=None),
}


def claim_bound(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Σ parts ≤ whole for each relation, per kind of figure (决算, 预算 …) of the document's year."""
    claims = claims_of(view)
    wrong = contradicted(view, claims, p)
    first: dict[tuple[str, str], Any] = {}  # (canonical, role) → the first amount stated
    for c in claims:
        if c.kind != "amount" or not is_money(c) or not c.canonical or c.id in wrong:
            continue
        role = role_of(c, view)
        if role is not None:
            first.setdefault((c.canonical, role), c)
    strict = _defined(view, p["error_when"])
    for parts, whole in p["relations"]:
        for role in dict.fromkeys(r for (s, r) in first if s in parts):
            members = [first[(s, role)] for s in parts if (s, role) in first]
            yield from _bound(view, p, members, whole, first.get((whole, role)), role, strict)


def _explained(view: View, pattern: Any, members: list[Any]) -> str | None:
    """The words that explain why a part may exceed the whole, in its paragraph or the two after
    it before the next heading (`…增长184.81%。` / `主要原因是…项目支出中部分…统计在…中。`), if any."""
    if pattern is None:
        return None
    from auditor.prose.stream import heading_level, paragraphs

    places = {(m.line, m.page) for m in members}
    found = paragraphs(list(getattr(view.ledger, "prose_lines", None) or []))
    for i, (_, where) in enumerate(found):
        if not places & set(where):
            continue
        for text, _ in found[i : i + 3]:
            if text is not found[i][0] and heading_level(text) is not None:
                break
            m = pattern.search(text)
            if m:
                return m.group()
    return None


def _bound(
    view: View, p: dict[str, Any], members: list[Any], whole: str, stated: Any, role: str, strict: bool
) -> Iterator[Output]:
    unit = members[0].unit
    if stated is not None:
        total, desc = in_unit(stated, unit), said(stated)
    else:
        found = table_values(view, Probe(whole, unit, members[0].period, members[0].measure), p, role)
        if not found:
            return
        desc, total = found[0]
    parts = value_sum(in_unit(m, unit) for m in members)
    names = "与".join(f"{said(m)}（{m.canonical}）" for m in members)
    subject = names + ("之和" if len(members) > 1 else "")
    instance = Instance(parts, total, "<=", subject, f"{desc}（{whole}）", {})
    if judge("<=", parts, total) == FAIL and (why := _explained(view, p.get("unless"), members)):
        yield Skip(f"{subject}超过{whole}，文中已说明口径（“{why}”）")
        return
    if strict and judge("<=", parts, total) == FAIL:
        yield Problem(
            f"{subject}：{fmt(parts.shown)}{unit} > {desc}（{whole}） {fmt(total.shown)}{unit}，"
            f"超出 {fmt(parts.shown - total.shown)}{unit}；而文中的名词解释把前者定义为{whole}的一部分",
            parts.facts + total.facts,
            "error",
            parts.shown,
        )
        return
    yield instance


def _defined(view: View, pattern: Any) -> bool:
    if pattern is None:
        return False
    text = "".join(line.text for line in getattr(view.ledger, "prose_lines", None) or [])
    return bool(pattern.search("".join(text.split())))
