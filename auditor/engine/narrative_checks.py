"""Checks of the numbers in the prose (情况说明): the narrative (N) pack's generic checks.

The prose layer (auditor.prose) turns the sentences into Claims; these checks compare them
with the tables and with each other, with the same interval semantics as every other rule.
A claim enters the engine as a pseudo-Fact of the table `情况说明` (row: the canonical
subject, label: a short quote, column: the claim kind), so that a finding points at the
sentence's line and page. The checks register themselves in `CHECKS` when this module is
imported (auditor/engine/__init__.py does so).

Which table figure a canonical subject names is data, given in rules/narrative.yaml:

    subjects:
      本年收入合计:
        final: 收入支出决算总表[本年收入合计, 收入/*]
        budget: 部门收支总表[本年收入合计, 收入/*]
      三公经费:
        final: 财政拨款三公经费支出决算表[合计, 决算数/合计]
        final_budget: 财政拨款三公经费支出决算表[合计, 预算数/合计]   # a 预算 figure in a 决算 document

Each address is an expression side (a cell, or `sum(表[*, 列])` over a list); a list of
addresses gives alternatives: the claim is consistent with any of them that resolves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from auditor.ledger import Fact
from auditor.prose.figures import MONEY_SCALE
from auditor.prose.grammar import family

from .address import SkipInstance, View, describe_fact, label_key
from .checks import CHECKS, CheckSpec, Param, ParamError
from .evaluate import FAIL, OK, ROUNDING, Env, Instance, Problem, Skip, Value, evaluate, judge
from .expr import ExprSyntaxError, Node, parse
from .interval import DivisionByZero, Interval, interval_sum

Output = Instance | Problem | Skip
PROSE_TABLE = "情况说明"
KIND_COLUMN = {"amount": "金额", "change": "增减额", "share": "占比", "completion": "完成率", "count": "数量"}
ADDRESS_KEYS = ("final", "budget", "final_budget", "budget_final")
HUNDRED = Interval.exact(100)


# -- claims as facts ------------------------------------------------------------------------


def _claims(view: View) -> list[Any]:
    return list(getattr(view.ledger, "claims", None) or [])


_CLAUSE = re.compile(r"[，,；;。！？!?：:]")


def short_quote(claim: Any, width: int = 36) -> str:
    """The clause of the sentence that holds the figure (or 持平), shortened to `width`."""
    text = claim.sentence
    at = getattr(claim, "offset", None)
    if at is None or not 0 <= at < len(text) or (claim.text and not text.startswith(claim.text, at)):
        at = text.find(claim.text) if claim.text else text.find("持平")
    if at < 0:
        return text[:width] + ("…" if len(text) > width else "")
    end = at + max(len(claim.text), 2)
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    m = _CLAUSE.search(text, end)
    stop = m.start() if m else len(text)
    clause = text[start:stop].strip("…")
    at -= start
    if len(clause) > width:
        a = max(0, min(end - start - width, len(clause) - width))
        clause = ("…" if a else "") + clause[a : a + width] + ("…" if a + width < len(clause) else "")
    return clause


def where(claim: Any) -> str:
    return f"第{claim.page}页第{claim.line}行" if claim.page else f"第{claim.line}行"


def claim_fact(
    claim: Any,
    column: str | None = None,
    value: Decimal | None = None,
    decimals: int | None = None,
    unit: str | None = None,
) -> Fact:
    """A claim as a Fact of the pseudo-table 情况说明, so that findings point at its sentence."""
    return Fact(
        table=PROSE_TABLE,
        table_id=-1,
        row=claim.canonical or claim.subject or "（未指明科目）",
        label=short_quote(claim),
        column=column or KIND_COLUMN.get(claim.kind, claim.kind),
        value=claim.value if value is None and claim.value is not None else (value or Decimal(0)),
        decimals=claim.decimals if decimals is None else decimals,
        unit=claim.unit if unit is None else unit,
        line=claim.line,
        page=claim.page,
    )


def claim_value(claim: Any) -> Value:
    fact = claim_fact(claim)
    return Value(Interval.of(fact.value, fact.decimals), fact.value, (fact,))


def rate_value(claim: Any) -> Value:
    """A change claim's rate (增长5.39%) as a value of its own."""
    fact = claim_fact(claim, column="增减率", value=claim.rate, decimals=claim.rate_decimals, unit="%")
    return Value(Interval.of(fact.value, fact.decimals), fact.value, (fact,))


def said(claim: Any) -> str:
    """`第398行“比上年决算数减少280.34万元”` — where and what, for messages."""
    return f"{where(claim)}“{short_quote(claim)}”"


def fmt(value: Decimal) -> str:
    if value == 0:
        value = abs(value)
    return format(value, "f")


def _money(claim: Any) -> bool:
    return claim.value is not None and claim.unit in MONEY_SCALE


def scale(value: Value, from_unit: str, to_unit: str) -> Value:
    """A money value expressed in another unit (元 → 万元 divides by 10,000)."""
    if from_unit == to_unit or from_unit not in MONEY_SCALE or to_unit not in MONEY_SCALE:
        return value
    shift = MONEY_SCALE[from_unit] - MONEY_SCALE[to_unit]
    factor = Decimal(1).scaleb(shift)
    return Value(value.interval * Interval.exact(factor), value.shown.scaleb(shift), value.facts)


def in_unit(claim: Any, unit: str) -> Value:
    return scale(claim_value(claim), claim.unit, unit)


def round_to(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent_value(part: Value, whole: Value, decimals: int) -> Value:
    """part / whole × 100 as a Value; shown rounded like the stated percentage (raises DivisionByZero)."""
    interval = (part.interval / whole.interval) * HUNDRED
    shown = round_to(part.shown / whole.shown * 100, decimals) if whole.shown else Decimal(0)
    return Value(interval, shown, part.facts + whole.facts)


def truncated(stated: Decimal, decimals: int, exact: Interval) -> bool:
    """The stated percentage is the exact rate cut off (not rounded) at `decimals`."""
    step = Decimal(1).scaleb(-decimals)
    if stated >= 0:
        return Interval(stated, stated + step).meets(exact)
    return Interval(stated - step, stated).meets(exact)


# -- addresses (data) ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Address:
    text: str
    node: Node


def _address(name: str, text: Any) -> Address:
    if not isinstance(text, str) or not text.strip():
        raise ParamError(f"参数 {name} 应为表格地址，如 支出决算表[合计, 基本支出]")
    try:
        node = parse(f"{text} == 0").left
    except ExprSyntaxError as exc:
        raise ParamError(f"参数 {name}：{exc}") from None
    return Address(" ".join(text.split()), node)


def _subjects(name: str, value: Any) -> dict[str, dict[str, list[Address]]]:
    """canonical subject → {final/budget/final_budget/budget_final: [addresses]}."""
    if not isinstance(value, dict):
        raise ParamError(f"参数 {name} 应为“规范科目: {{final: 地址, budget: 地址}}”的映射")
    out: dict[str, dict[str, list[Address]]] = {}
    for subject, per_kind in value.items():
        if not isinstance(per_kind, dict):
            raise ParamError(f"参数 {name}.{subject} 应为 final/budget 到地址的映射")
        entry: dict[str, list[Address]] = {}
        for k, addrs in per_kind.items():
            if k not in ADDRESS_KEYS:
                raise ParamError(f"参数 {name}.{subject} 的键应为 {' / '.join(ADDRESS_KEYS)} 之一，却是 {k}")
            items = addrs if isinstance(addrs, list) else [addrs]
            entry[k] = [_address(f"{name}.{subject}.{k}", a) for a in items]
        out[str(subject)] = entry
    return out


def _functional(name: str, value: Any) -> dict[str, list[tuple[str, str]]]:
    """kind → [(table, column)]: where a functional class (类/款/项) is looked up by name."""
    if not isinstance(value, dict):
        raise ParamError(f"参数 {name} 应为 final/budget 到 {{table, column}} 列表的映射")
    out: dict[str, list[tuple[str, str]]] = {}
    for k, items in value.items():
        if k not in ADDRESS_KEYS:
            raise ParamError(f"参数 {name} 的键应为 {' / '.join(ADDRESS_KEYS)} 之一，却是 {k}")
        items = items if isinstance(items, list) else [items]
        pairs = []
        for item in items:
            if not isinstance(item, dict) or set(item) != {"table", "column"}:
                raise ParamError(f"参数 {name}.{k} 的每一项应为 {{table: 表名, column: 列}}")
            pairs.append((str(item["table"]), str(item["column"])))
        out[k] = pairs
    return out


def _strs(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ParamError(f"参数 {name} 应为字符串列表")
    return [v.strip() for v in value]


def _role(claim: Any, view: View) -> str | None:
    """Which figure of the tables an amount names: final / budget / final_budget …; None: another year."""
    kind = view.ledger.info.kind
    if kind not in ("final", "budget"):
        return None
    year = view.ledger.info.year
    if claim.period and claim.period[:4].isdigit() and year and int(claim.period[:4]) != year:
        return None
    measure = claim.measure or ""
    if any(w in measure for w in ("上年", "上一年", "去年")):
        return None
    if measure[:4].isdigit() and year and int(measure[:4]) != year:
        return None
    fam = family(claim.measure)
    return kind if fam in (None, kind) else f"{kind}_{fam}"


def _unit_of(value: Value, fallback: str | None) -> str | None:
    units = {f.unit for f in value.facts if f.unit}
    if len(units) > 1:
        return None
    return next(iter(units)) if units else fallback


def table_values(
    view: View, claim: Any, p: dict[str, Any], role: str | None = None
) -> list[tuple[str, Value]]:
    """The table figures a claim's subject names (each as (description, value in the claim's unit))."""
    role = role or _role(claim, view)
    if role is None or not claim.canonical:
        return []
    addresses = p["subjects"].get(claim.canonical, {}).get(role)
    out: list[tuple[str, Value]] = []
    if addresses:
        for addr in addresses:
            try:
                value = evaluate(addr.node, view, Env())
            except SkipInstance:
                continue
            tables = view.tables(_first_table(addr.node))
            unit = _unit_of(value, tables[0].unit if tables else None)
            if unit is None or unit not in MONEY_SCALE:
                continue
            desc = _describe_value(value, unit, addr.text)
            out.append((desc, scale(value, unit, claim.unit)))
        return out
    functional = (p.get("functional") or {}).get(role)
    if functional:
        for table, column in functional:
            fact = _functional_fact(view, table, column, claim.canonical)
            if fact is not None and fact.unit in MONEY_SCALE:
                out.append((describe_fact(fact), scale(Value.of_fact(fact), fact.unit, claim.unit)))
    return out


def _describe_value(value: Value, unit: str, text: str) -> str:
    """One cell by its place; a list by its table, column and count, with its total in its own unit."""
    if len(value.facts) == 1:
        return describe_fact(value.facts[0])
    places = {(f.table, f.column) for f in value.facts}
    if len(places) == 1:
        table, column = next(iter(places))
        return f"{table} 列 {column} 共 {len(value.facts)} 项合计 {fmt(value.shown)}{unit}，折合"
    return f"{text} ="


def _first_table(node: Node) -> str:
    from .expr import cells

    found = cells(node)
    return found[0].table if found else ""


def _functional_fact(view: View, table: str, column: str, canonical: str) -> Fact | None:
    """The row of a functional class (类/款/项) named by `一般公共服务支出/…/事业运行`, by code descent."""
    if not view.tables(table):
        return None
    places = view.places(table)
    parent = ""
    found = None
    for depth, name in enumerate(canonical.split("/")):
        width = 3 + 2 * depth
        want = label_key(name)
        found = next(
            (
                pl
                for pl in places
                if pl.row.code
                and len(pl.row.code) == width
                and pl.row.code.startswith(parent)
                and label_key(pl.row.label) == want
            ),
            None,
        )
        if found is None:
            return None
        parent = found.row.code or ""
    assert found is not None
    try:
        return view.cell(found, view.column(found, column))
    except SkipInstance:
        return None


# -- N: amounts against the tables ----------------------------------------------------------

CLAIM_TABLE = {
    "subjects": Param(_subjects, required=True),
    "functional": Param(_functional, default=None),
}


def claim_table(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Each amount equals the table figure its subject names (any of the listed alternatives)."""
    for claim in _claims(view):
        if claim.kind != "amount" or not _money(claim):
            continue
        found = table_values(view, claim, p)
        if not found:
            continue
        mine = claim_value(claim)
        outcomes = [(judge("==", mine, value), desc, value) for desc, value in found]
        if any(o == OK for o, _, _ in outcomes):
            continue
        outcome, desc, value = next((x for x in outcomes if x[0] == ROUNDING), outcomes[0])
        yield Instance(
            mine,
            value,
            "==",
            f"{said(claim)}中的{claim.subject or claim.canonical}（{claim.unit}）",
            desc,
            _context(claim),
        )


def contradicted(view: View, claims: list[Any], p: dict[str, Any]) -> set[int]:
    """Amounts their table figure contradicts: N101 reports them, and the checks that build on
    them stay silent, so that one wrong figure gives one finding."""
    wrong: set[int] = set()
    if not p.get("subjects") and not p.get("functional"):
        return wrong
    for claim in claims:
        if claim.kind != "amount" or not _money(claim):
            continue
        found = table_values(view, claim, p)
        mine = claim_value(claim)
        if found and all(judge("==", mine, value) == FAIL for _, value in found):
            wrong.add(claim.id)
    return wrong


def _context(claim: Any) -> dict[str, str]:
    return {
        "table": PROSE_TABLE,
        "row": claim.canonical or claim.subject,
        "label": short_quote(claim),
        "code": "",
        "col": KIND_COLUMN.get(claim.kind, claim.kind),
    }


# -- N: changes -----------------------------------------------------------------------------

CLAIM_CHANGE = {"subjects": Param(_subjects, default={}), "functional": Param(_functional, default=None)}


def _is_zero(v: Decimal | None) -> bool:
    return v is not None and v == 0


def claim_change(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """增减额、增减率与增减方向: last year = this year ∓ change; rate = change / last year."""
    claims = _claims(view)
    flats = {c.ref: c for c in claims if c.kind == "change" and c.direction == "持平" and c.ref is not None}
    wrong = contradicted(view, claims, p)
    for claim in claims:
        if claim.kind != "change" or claim.ref in wrong or claim.base_ref in wrong:
            continue
        if claim.direction == "持平":
            yield from _flat_with_base(claims, claim)
            continue
        this = claims[claim.ref] if claim.ref is not None else None
        if this is not None and (this.kind != "amount" or not _money(this)):
            this = None
        yield from _one_change(claim, this, flats.get(claim.ref))


def _flat_with_base(claims: list[Any], flat: Any) -> Iterator[Output]:
    """`决算数与全年预算数持平`: the two figures it names are equal."""
    if flat.ref is None or flat.base_ref is None:
        return
    a, b = claims[flat.ref], claims[flat.base_ref]
    if not (_money(a) and _money(b)):
        return
    here = Value(Interval.exact(0), Decimal(0), (claim_fact(flat, value=Decimal(0), decimals=0),))
    yield Instance(
        here + claim_value(a),
        in_unit(b, a.unit),
        "==",
        f"{said(flat)}：{said(a)}",
        f"{said(b)}",
        _context(flat),
    )


def _one_change(claim: Any, this: Any, flat: Any) -> Iterator[Output]:
    amount = claim.value
    rate = claim.rate
    # 增加0.00万元 with any direction word, and a rate of nothing, are not findings.
    if flat is not None and amount is not None and amount != 0:
        yield Problem(
            f"{said(flat)}称与上年持平，但{said(claim)}的增减额为 {fmt(amount)}{claim.unit}，并非零",
            (claim_fact(claim), claim_fact(flat, value=Decimal(0), decimals=0)),
            None,
            amount,
        )
        return
    if flat is not None and amount is None and rate is not None and rate != 0:
        yield Problem(
            f"{said(flat)}称与上年持平，但增减率为 {fmt(rate)}%，并非零",
            (rate_value(claim).facts[0], claim_fact(flat, value=Decimal(0), decimals=0)),
            None,
            rate,
        )
        return
    if (
        claim.rate_word
        and claim.direction
        and amount is not None
        and amount != 0
        and rate is not None
        and rate != 0
        and _direction(claim.rate_word) != claim.direction
    ):
        yield Problem(
            f"{said(claim)}：增减额说“{claim.direction}”，增减率却说“{claim.rate_word}{fmt(rate)}%”，方向自相矛盾",
            (claim_fact(claim),),
            None,
            rate,
        )
        return
    if amount is None or this is None:
        return
    change = claim_value(claim)
    if amount < 0:
        return  # `减少-5万元`: a signed change, left to the reader
    now = claim_value(this)
    last = now - change if claim.direction == "增加" else now + change
    if last.interval.hi < 0:
        yield Problem(
            f"{said(claim)}：本年 {fmt(this.value)}{this.unit}{claim.direction} {fmt(amount)}{claim.unit}，"
            f"推算上年为 {fmt(last.shown)}{this.unit}，不可能为负数",
            (claim_fact(claim), claim_fact(this)),
            None,
            last.shown,
        )
        return
    if rate is None:
        return
    stated = rate_value(claim)
    if amount == 0:
        if rate != 0:  # no change, yet a rate
            yield Problem(
                f"{said(claim)}：增减额为 0，增减率却为 {fmt(rate)}%，应为 0",
                (stated.facts[0], claim_fact(claim)),
                None,
                rate,
            )
        return
    if last.shown == 0 or last.interval.lo <= 0 <= last.interval.hi:
        return  # a change from 0: the rate is not computed (conventions: zero bases)
    try:
        exact = percent_value(change, last, claim.rate_decimals)
    except DivisionByZero:
        return
    computed = Value(
        exact.interval,
        exact.shown,
        (claim_fact(claim), claim_fact(this)),
    )
    yield from _percent(
        stated,
        computed,
        claim.rate,
        claim.rate_decimals,
        f"{said(claim)}中的增减率",
        f"{fmt(amount)} ÷ 上年 {fmt(last.shown)}（本年 {fmt(this.value)} {'−' if claim.direction == '增加' else '+'} "
        f"{fmt(amount)}）×100% =",
        _context(claim),
    )


def _direction(word: str) -> str:
    from auditor.prose.grammar import direction_of

    return direction_of(word)


def _percent(
    stated: Value,
    computed: Value,
    value: Decimal,
    decimals: int,
    subject: str,
    obj: str,
    context: dict[str, str],
) -> Iterator[Output]:
    """A stated percentage against the computed one: a truncated one is a warning of its own."""
    outcome = judge("==", stated, computed)
    if outcome == FAIL and truncated(value, decimals, computed.interval):
        cut = computed.interval.lo.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
        yield Problem(
            f"{subject}：{fmt(value)}% 是截断而非四舍五入的结果（{obj} {fmt(computed.shown)}%，"
            f"截断为 {fmt(cut)}%）",
            stated.facts + computed.facts,
            "warning",
            value,
        )
        return
    if outcome != OK:
        yield Instance(stated, computed, "==", subject, obj, context)


# -- N: shares ----------------------------------------------------------------------------------

CLAIM_SHARE = {"subjects": Param(_subjects, default={}), "functional": Param(_functional, default=None)}


def claim_share(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """占…% = part / total, as rounded; a part's share never exceeds 100 %; partitions add to 100 %."""
    claims = _claims(view)
    wrong = contradicted(view, claims, p)
    for claim in claims:
        if claim.kind != "share" or claim.value is None or {claim.ref, claim.base_ref} & wrong:
            continue
        stated = claim_value(claim)
        part = claims[claim.ref] if claim.ref is not None else None
        base, base_desc = _share_base(view, claims, claim, p)
        if base is not None and part is not None and _money(part):
            part_value = in_unit(part, base[1])
            whole = base[0]
            if whole.shown == 0 and whole.interval.lo <= 0 <= whole.interval.hi:
                yield from _zero_base_share(claim, stated)
                continue
            try:
                computed = percent_value(part_value, whole, claim.decimals)
            except DivisionByZero:
                continue
            yield from _percent(
                stated,
                computed,
                claim.value,
                claim.decimals,
                f"{said(claim)}中的占比",
                f"{said(part)} ÷ {base_desc} {fmt(whole.shown)}{base[1]} ×100% =",
                _context(claim),
            )
            continue
        if base is not None and base[0].shown == 0 and base[0].interval.hi < 1:
            yield from _zero_base_share(claim, stated)
            continue
        if stated.interval.lo > 100:
            yield Problem(
                f"{said(claim)}：部分占整体的比例 {fmt(claim.value)}% 超过 100%",
                stated.facts,
                None,
                claim.value,
            )
    yield from _partitions(claims)


def _zero_base_share(claim: Any, stated: Value) -> Iterator[Output]:
    """A share of a zero whole is not computed; only 0 % or 100 % can be said of it."""
    if claim.value not in (Decimal(0), Decimal(100)):
        yield Problem(
            f"{said(claim)}：所占的总额为 0，占比只能写 0% 或 100%，却为 {fmt(claim.value)}%",
            stated.facts,
            None,
            claim.value,
        )


def _share_base(
    view: View, claims: list[Any], claim: Any, p: dict[str, Any]
) -> tuple[tuple[Value, str], str] | tuple[None, str]:
    """The whole a share is of: the stated amount, else the table figure of its canonical subject."""
    if claim.base_ref is not None:
        b = claims[claim.base_ref]
        if _money(b):
            return (claim_value(b), b.unit), said(b)
    if claim.of_canonical:
        ref = claims[claim.ref] if claim.ref is not None else None
        unit = ref.unit if ref is not None and _money(ref) else "万元"
        probe = _Probe(claim.of_canonical, unit, ref.period if ref else None, ref.measure if ref else None)
        found = table_values(view, probe, p)
        if found:
            desc, value = found[0]
            return (value, unit), desc
    return None, ""


@dataclass(frozen=True, slots=True)
class _Probe:
    """A subject to look up in the tables as if an amount claim had named it."""

    canonical: str
    unit: str
    period: str | None
    measure: str | None


def _partitions(claims: list[Any]) -> Iterator[Output]:
    """Shares of every part of a complete group add up to 100 % within rounding."""
    groups: dict[int, list[Any]] = {}
    for c in claims:
        if c.part_of is not None and c.part_of.complete:
            groups.setdefault(c.part_of.group, []).append(c)
    for members in groups.values():
        ids = {m.id for m in members}
        shares = [c for c in claims if c.kind == "share" and c.ref in ids and c.value is not None]
        by_part = {s.ref: s for s in shares}
        if len(by_part) != len(ids) or len(ids) < 2:
            continue
        values = [claim_value(s) for s in by_part.values()]
        total = Value(
            interval_sum([v.interval for v in values]),
            sum((v.shown for v in values), Decimal(0)),
            tuple(f for v in values for f in v.facts),
        )
        if not total.interval.meets(HUNDRED):
            yield Instance(total, Value.exact(100), "==", "各组成部分的占比之和", "", {})


# -- N: completion rates ---------------------------------------------------------------------------

CLAIM_COMPLETION = {"subjects": Param(_subjects, default={}), "functional": Param(_functional, default=None)}


def claim_completion(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """完成预算的…% = final / budget, for any of the budget figures stated for the same item."""
    claims = _claims(view)
    wrong = contradicted(view, claims, p)
    for claim in claims:
        if claim.kind != "completion" or claim.value is None or claim.ref is None or claim.ref in wrong:
            continue
        final = claims[claim.ref]
        if not _money(final):
            continue
        budgets = [b for b in _budgets(claims, claim, final) if b.id not in wrong]
        if not budgets:
            continue
        stated = claim_value(claim)
        tried = []
        for b in budgets:
            whole = in_unit(b, final.unit)
            if whole.interval.lo <= 0 <= whole.interval.hi:
                continue
            try:
                computed = percent_value(claim_value(final), whole, claim.decimals)
            except DivisionByZero:
                continue
            tried.append((judge("==", stated, computed), b, computed))
        if not tried or any(o == OK for o, _, _ in tried):
            continue
        outcome, b, computed = next((t for t in tried if t[0] == ROUNDING), tried[0])
        yield from _percent(
            stated,
            computed,
            claim.value,
            claim.decimals,
            f"{said(claim)}中的完成率",
            f"{said(final)} ÷ {said(b)} ×100% =",
            _context(claim),
        )


def _budgets(claims: list[Any], claim: Any, final: Any) -> list[Any]:
    out = []
    if claim.base_ref is not None and claim.base_ref != final.id:
        out.append(claims[claim.base_ref])
    for c in claims:
        if (
            c.kind == "amount"
            and c.id not in (final.id, claim.base_ref)
            and c.section == claim.section
            and c.canonical
            and c.canonical == final.canonical
            and family(c.measure) == "budget"
            and _money(c)
        ):
            out.append(c)
    return [c for c in out if _money(c)]


# -- N: parts of a stated total ----------------------------------------------------------------

CLAIM_PARTS = {"subjects": Param(_subjects, default={}), "functional": Param(_functional, default=None)}


def claim_parts(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """The parts listed after 其中/如下 add up to their total (all of it when the list is complete)."""
    claims = _claims(view)
    wrong = contradicted(view, claims, p)
    groups: dict[int, list[Any]] = {}
    for c in claims:
        if c.part_of is not None and c.value is not None:
            groups.setdefault(c.part_of.group, []).append(c)
    for members in groups.values():
        parent = claims[members[0].part_of.parent]
        if parent.value is None or parent.id in wrong or any(m.id in wrong for m in members):
            continue
        money = _money(parent)
        if money and not all(_money(m) for m in members):
            continue
        if not money and any(m.unit != parent.unit for m in members):
            continue
        parts = [in_unit(m, parent.unit) if money else claim_value(m) for m in members]
        total = Value(
            interval_sum([v.interval for v in parts]),
            sum((v.shown for v in parts), Decimal(0)),
            tuple(f for v in parts for f in v.facts),
        )
        complete = members[0].part_of.complete
        names = "、".join(m.subject or m.canonical or "?" for m in members)
        yield Instance(
            claim_value(parent),
            total,
            "==" if complete else ">=",
            f"{said(parent)}中的{parent.subject or parent.canonical}",
            f"其中所列 {names} 之和" + ("" if complete else "（应不大于总数）"),
            _context(parent),
        )


# -- N: the same quantity stated twice ---------------------------------------------------------

CLAIM_REPEAT = {"subjects": Param(_subjects, default={}), "functional": Param(_functional, default=None)}


def claim_repeat(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """An amount the prose states more than once is the same each time (the majority wins).

    Subjects whose table figure is known are left to the table check, which points at the
    wrong statement itself.
    """
    claims = _claims(view)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for c in claims:
        if c.kind != "amount" or not _money(c) or not c.canonical:
            continue
        period = c.period[:4] if c.period and c.period[:4].isdigit() else None
        key = (c.canonical, _measure_key(c.measure, view.ledger.info.kind), period)
        groups.setdefault(key, []).append(c)
    for members in groups.values():
        if len(members) < 2 or table_values(view, members[0], p):
            continue
        unit = members[0].unit
        counts: dict[Decimal, int] = {}
        for m in members:
            v = in_unit(m, unit).shown
            counts[v] = counts.get(v, 0) + 1
        majority = max(counts.values())
        leaders = [v for v, n in counts.items() if n == majority]
        reference = next(m for m in members if in_unit(m, unit).shown in leaders) if len(leaders) == 1 else members[0]
        for m in members:
            if m is reference:
                continue
            yield Instance(
                in_unit(m, unit),
                in_unit(reference, unit),
                "==",
                f"{said(m)}中的{m.subject or m.canonical}",
                f"{said(reference)}所述的同一数额",
                _context(m),
            )


_GENERIC_MEASURES = {"final": ("决算", "支出决算"), "budget": ("预算",)}


def _measure_key(measure: str | None, kind: str | None) -> str | None:
    """Which figure an amount is, for telling repeats apart: 年初预算 ≠ 全年预算; 预算 in a budget = none said."""
    if not measure:
        return None
    m = measure.removesuffix("数")
    return None if m in _GENERIC_MEASURES.get(kind or "", ()) else m


# -- N: 称无…却有数 ---------------------------------------------------------------------------

CLAIM_NONE = {"words": Param(_strs, default=["无", "没有", "未发生", "不存在"])}


def claim_none(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """`机关运行经费支出1.00万元，……无机关运行经费`: a sentence that denies what it quantifies."""
    words = "|".join(re.escape(w) for w in p["words"])
    for claim in _claims(view):
        if claim.kind != "amount" or not _money(claim) or claim.value == 0:
            continue
        names = {n for n in (claim.canonical, claim.subject) if n}
        stems = {re.sub(r"(?:支出|预算|金额|总额)+$", "", n) for n in names}
        stems = {s for s in stems | names if len(s) >= 2}
        text = claim.sentence
        for stem in stems:
            if re.search(rf"(?:{words})(?:任何)?{re.escape(stem)}", text):
                yield Problem(
                    f"{said(claim)}：同一句话又说“无{stem}”，金额却为 {fmt(claim.value)}{claim.unit}",
                    (claim_fact(claim),),
                    None,
                    claim.value,
                )
                break


# -- N: last year's income and spending implied by the prose ------------------------------------

CLAIM_LAST_YEAR = {
    "income": Param(_strs, default=["收入总计", "本年收入合计"]),
    "spending": Param(_strs, default=["支出总计", "本年支出合计"]),
    "carry_in": Param(_strs, default=["年初结转和结余"]),
    "carry_out": Param(_strs, default=["年末结转和结余"]),
    "subjects": Param(_subjects, default={}),
    "functional": Param(_functional, default=None),
}


def claim_last_year(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Last year's income and spending implied by the changes agree, when carry-overs are given.

    Without the carry-over figures on both sides they may differ legitimately: an info at most.
    """
    claims = _claims(view)
    wrong = contradicted(view, claims, p)
    if any(c.ref in wrong for c in claims if c.kind == "change"):
        return  # a wrong figure is reported once, by the table check
    income = _implied_side(claims, p["income"])
    spending = _implied_side(claims, p["spending"])
    if income is None or spending is None:
        return
    (inc_value, inc_parts, inc_parent), (sp_value, sp_parts, sp_parent) = income, spending
    if inc_value.interval.meets(sp_value.interval):
        return
    carried = any(c.canonical in p["carry_in"] for c in inc_parts) and any(
        c.canonical in p["carry_out"] for c in sp_parts
    )
    severity = "error" if carried else "info"
    note = "" if carried else "（文中未给出上年的结转和结余，二者可能因结转结余而不同）"
    yield Problem(
        f"按{said(inc_parent)}等增减额推算，上年收入为 {fmt(inc_value.shown)}{inc_parent.unit}；"
        f"按{said(sp_parent)}等增减额推算，上年支出为 {fmt(sp_value.shown)}{sp_parent.unit}，二者不一致{note}",
        inc_value.facts + sp_value.facts,
        severity,
        inc_value.shown - sp_value.shown,
    )


def _implied_side(claims: list[Any], totals: list[str]) -> tuple[Value, list[Any], Any] | None:
    """Σ last-year figures of the complete group of parts under a total whose every part states its change."""
    changes: dict[int, Any] = {}
    for c in claims:
        if c.kind == "change" and c.ref is not None and c.direction in ("增加", "减少", "持平"):
            if c.direction != "持平" and c.value is None:
                continue
            if c.ref not in changes or changes[c.ref].direction == "持平":
                changes[c.ref] = c
    for parent in claims:
        if parent.kind != "amount" or parent.canonical not in totals or not _money(parent):
            continue
        if parent.id in changes and changes[parent.id].direction != "持平":
            return _last(parent, changes[parent.id]), [parent], parent
        groups: dict[int, list[Any]] = {}
        for c in claims:
            if c.part_of is not None and c.part_of.parent == parent.id and c.part_of.complete:
                groups.setdefault(c.part_of.group, []).append(c)
        for members in groups.values():
            if all(_money(m) and m.id in changes for m in members):
                values = [_last(m, changes[m.id]) for m in members]
                values = [scale(v, m.unit, parent.unit) for v, m in zip(values, members, strict=True)]
                total = Value(
                    interval_sum([v.interval for v in values]),
                    sum((v.shown for v in values), Decimal(0)),
                    tuple(f for v in values for f in v.facts),
                )
                return total, members, parent
    return None


def _last(amount: Any, change: Any) -> Value:
    now = claim_value(amount)
    if change.direction == "持平":
        return now
    delta = scale(claim_value(change), change.unit, amount.unit)
    return now - delta if change.direction == "增加" else now + delta


# -- registry ----------------------------------------------------------------------------------


def _no_tables(_: dict[str, Any]) -> list[str]:
    return []


NARRATIVE_CHECKS = {
    "claim_table": CheckSpec(CLAIM_TABLE, claim_table, _no_tables),
    "claim_change": CheckSpec(CLAIM_CHANGE, claim_change, _no_tables),
    "claim_share": CheckSpec(CLAIM_SHARE, claim_share, _no_tables),
    "claim_completion": CheckSpec(CLAIM_COMPLETION, claim_completion, _no_tables),
    "claim_parts": CheckSpec(CLAIM_PARTS, claim_parts, _no_tables),
    "claim_repeat": CheckSpec(CLAIM_REPEAT, claim_repeat, _no_tables),
    "claim_none": CheckSpec(CLAIM_NONE, claim_none, _no_tables),
    "claim_last_year": CheckSpec(CLAIM_LAST_YEAR, claim_last_year, _no_tables),
}
CHECKS.update(NARRATIVE_CHECKS)
