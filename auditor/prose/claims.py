"""Claims made by the prose (情况说明): amounts, changes, shares, completion rates, counts.

`extract_claims(lines)` reads the prose lines of a document (lines outside tables, one cell
each) and returns one `Claim` per figure that says something checkable, in reading order.
A claim's `id` is its index in the returned list; `ref`, `base_ref` and `part_of.parent`
point at other claims by id (earlier ones, except the total of `A…，B…，合计…`).

Claim kinds and what they hold:
- amount      `基本支出180.22万元`: subject, canonical subject, value/decimals/unit, the
              measure (预算, 全年预算, 执行数, 2022年度决算 …) when the text says which figure.
- change      `比上年预算数减少15.01万元，下降5.39%` or `与上年持平`: direction (增加/减少/持平),
              value = the change amount (None when only a rate or 持平 is said), rate, rate_word
              (增长/下降), basis (上年预算数, 2024年预算 …); ref = this year's amount claim.
- share       `占政府采购支出总额的100%`: value = the percentage; ref = the part's amount claim,
              of/of_canonical = the denominator as written / canonical (of == "" when implicit),
              base_ref = the denominator's amount claim when the prose states it.
- completion  `完成年初预算的98.20%`: value = the rate, basis (年初预算/调整预算/全年预算/预算),
              ref = the final (执行/决算) amount claim, base_ref = the budget amount claim.
- count       `一级项目18个`, `车辆0辆`: not money, never summed with money.
Parts: amounts (and counts) listed after 其中 / 具体情况如下 / 以下方面 carry
`part_of = PartOf(parent, group, complete)`: the claims of one group together make up
(complete) or are included in (not complete) the parent claim.

How each kind is meant to be checked (by the rule engine, not here):
- amount: value (in the table's unit, see `Claim.money`) equals the table figure of the same
  canonical subject and measure (budget or final column), within rounding.
- change: last year = ref.value − value (增加) or + value (减少); rate = value / last year;
  the direction word agrees with the sign of the table's change, rate_word agrees with
  direction; 持平 means a change of 0 (base_ref, when set, is the figure compared against).
- share: value = ref.value / base (base_ref's value, else the table figure of of_canonical);
  the shares of one group's parts add up to 100 %.
- completion: value = ref.value / base_ref.value, or / any budget figure the prose or tables
  give for the same subject (年初预算, 调整预算, 全年预算).
- parts: Σ parts of a group = parent when complete, ≤ parent otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from ..document import Line
from . import grammar as g
from .figures import MONEY_SCALE, MONEY_UNITS, Figure, scan
from .stream import Sentence, heading_level, ordinal_style, sentences
from .vocabulary import Vocabulary, key, load_vocabulary

ClaimKind = Literal["amount", "change", "share", "completion", "count"]

_CLAUSE_BREAK = re.compile(r"[，,；;：:、。！？!?]")
_NOUN_AFTER_COUNT = re.compile(r"[\u4e00-\u9fff]{1,6}?(?=开展|涉及|进行|实施|的|，|,|。|；|;|、|$)")
_QUOTE_WIDTH = 80
_KIND_NAMES = {"amount": "金额", "change": "增减", "share": "占比", "completion": "完成率", "count": "数量"}


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


def extract_claims(lines: list[Line], vocabulary: Vocabulary | None = None) -> list[Claim]:
    """The claims of the prose `lines`, in reading order (ids = list positions)."""
    reader = _Reader(vocabulary or load_vocabulary())
    for s in sentences(lines):
        reader.read(s)
    return reader.finish()


@dataclass(slots=True)
class _List:
    """Parts announced by a sentence ending in 如下： / 其中：, listed in the next sentences."""

    parent: int
    group: int
    style: str | None  # ordinal style of the items; None: the parts are in one sentence
    sentence: int  # the sentence that opened the list
    item_has_part: bool = False


def _quote(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence shortened around [start, end), and where `start` falls in the result."""
    if len(text) <= _QUOTE_WIDTH:
        return text, start
    a = max(0, min(start - 30, len(text) - _QUOTE_WIDTH))
    b = max(a + _QUOTE_WIDTH, end)
    lead = "…" if a else ""
    return lead + text[a:b] + ("…" if b < len(text) else ""), start - a + len(lead)


def _compatible(parent: Claim, part: Claim) -> bool:
    if (parent.unit in MONEY_UNITS) != (part.unit in MONEY_UNITS):
        return False
    if parent.unit not in MONEY_UNITS and parent.unit != part.unit:
        return False
    a, b = g.family(parent.measure), g.family(part.measure)
    return a is None or b is None or a == b


class _Reader:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary
        self.claims: list[Claim] = []
        self.headings: dict[int, str] = {}
        self.topic: tuple[str, str | None, int | None] | None = None  # subject, canonical, claim id
        self.last_top: int | None = None  # last amount/count of this section that is no part
        self.pending: int | None = None  # parent announced at the end of the last sentence
        self.list: _List | None = None
        self.groups = 0
        self.section_start = 0  # first claim id of the current section
        self.sentence_claims: list[int] = []  # ids of the claims of the sentence being read
        self.positions: dict[int, int] = {}  # claim id → offset of its figure in its sentence
        self.intro_groups: dict[int, int] = {}  # offset of a 其中 in the sentence → its group

    # -- sentence level -------------------------------------------------------------------
    def read(self, s: Sentence) -> None:
        level = heading_level(s.text)
        if level is not None:
            self.headings = {k: v for k, v in self.headings.items() if k < level}
            self.headings[level] = s.text
            self.topic, self.last_top, self.pending, self.list = None, None, None, None
            self.section_start = len(self.claims)
            return
        self._open_items(s)
        figures = scan(s.text)
        if not figures:
            self._item_topic(s)
        self.sentence_claims, self.intro_groups = [], {}
        events: list[tuple[int, Figure | re.Match[str]]] = [(f.start, f) for f in figures]
        last_flat_end = -10
        for m in g.FLAT.finditer(s.text):
            template = g.FLAT_NOT_BEFORE.search(s.text[: m.start()]) or g.FLAT_NOT_AFTER.match(
                s.text[m.end() :]
            )
            if m.start() - last_flat_end > 3 and not template:  # `持平，无增减变化` is one statement
                events.append((m.start(), m))
            last_flat_end = m.end()
        prev_end = 0
        for _, ev in sorted(events, key=lambda e: e[0]):
            if isinstance(ev, Figure):
                self._figure(s, ev, s.text[prev_end : ev.start])
                prev_end = ev.end
            else:
                self._flat(s, ev)
        self._close_intro(s)

    def _open_items(self, s: Sentence) -> None:
        style = ordinal_style(s.text)
        if self.pending is not None:
            self.groups += 1
            self.list = _List(self.pending, self.groups, style, s.index)
            self.pending = None
        elif self.list is not None:
            if self.list.style is None and s.index != self.list.sentence:
                self.list = None
            elif style is not None and style == self.list.style:
                self.list.item_has_part = False
            elif style is not None:
                self.list = None

    def _item_topic(self, s: Sentence) -> None:
        """`1、一般公共服务支出（类）…（项）。`: what the following 全年预算为… sentences are about."""
        m = g.FUNCTIONAL.search(s.text)
        if m and ordinal_style(s.text):
            self.topic = (m.group().strip(), self._functional_canonical(m), None)

    def _close_intro(self, s: Sentence) -> None:
        """A sentence ending with 其中： / 具体情况如下： announces the parts that follow."""
        intros = list(g.INTRODUCER.finditer(s.text))
        if not intros:
            return
        last = intros[-1]
        rest = s.text[last.end() :].strip("：:，,。 ")
        if rest:
            return
        parent = self._parent_before(s, last.start())
        if parent is not None:
            self.pending = parent
            self.list = None

    # -- figures --------------------------------------------------------------------------
    def _figure(self, s: Sentence, fig: Figure, lead: str) -> None:
        clause = _CLAUSE_BREAK.split(lead)[-1]
        d = g.DIRECTION.search(lead)
        if fig.kind == "money":
            if d:
                self._change(s, fig, lead, d)
            else:
                self._amount(s, fig, clause)
        elif fig.kind == "percent":
            c = g.COMPLETION.search(clause)
            sh = g.SHARE.search(clause)
            if d:
                self._rate(s, fig, lead, d)
            elif c:
                self._completion(s, fig, c)
            elif sh:
                self._share(s, fig, sh)
        else:
            self._count(s, fig, clause)

    def _new(self, s: Sentence, kind: ClaimKind, fig: Figure | None, at: int, **fields: object) -> Claim:
        line, page = s.place(at)
        end = fig.end if fig else at + 2
        quote, offset = _quote(s.text, at, end)
        claim = Claim(
            id=len(self.claims),
            kind=kind,
            sentence=quote,
            offset=offset,
            line=line,
            page=page,
            value=fig.value if fig else None,
            decimals=fig.decimals if fig else 0,
            unit=fig.unit if fig else "",
            text=fig.text if fig else "",
            section=self._section(),
            paragraph=s.paragraph,
            sentence_id=s.index,
            **fields,  # type: ignore[arg-type]
        )
        self.claims.append(claim)
        self.sentence_claims.append(claim.id)
        self.positions[claim.id] = at
        return claim

    def _amount(self, s: Sentence, fig: Figure, clause: str) -> None:
        if g.SUM_WORD.match(clause):
            self._sum(s, fig, clause)
            return
        subject, canonical, measure, named = self._subject(clause)
        if not named and self.topic is not None:
            subject, canonical = self.topic[0], self.topic[1]
        period = g.YEAR.search(clause)
        claim = self._new(
            s,
            "amount",
            fig,
            fig.start,
            subject=subject,
            canonical=canonical,
            measure=measure,
            period=period.group() if period and period.group()[0].isdigit() else None,
        )
        self._place_part(s, claim, fig.start)
        if named:
            self.topic = (subject, canonical, claim.id)

    def _sum(self, s: Sentence, fig: Figure, clause: str) -> None:
        """`人员经费120.00万元，公用经费30.00万元，合计150.00万元`: a total after its parts."""
        total = self._new(s, "amount", fig, fig.start, subject=g.clean_subject(clause), canonical=None)
        parts = [
            i
            for i in self.sentence_claims[:-1]
            if self.claims[i].kind == "amount"
            and self.claims[i].part_of is None
            and _compatible(total, self.claims[i])
        ]
        group = self._next_group()
        for i in parts:
            self.claims[i] = replace(self.claims[i], part_of=PartOf(total.id, group, False))
        self.last_top = total.id

    def _count(self, s: Sentence, fig: Figure, clause: str) -> None:
        after = _NOUN_AFTER_COUNT.match(s.text, fig.end)
        if after and after.group():  # `18个项目`
            subject, canonical = after.group(), self.vocab.canonical(after.group(), self._heads())
        else:  # `一级项目18个`
            subject, canonical, _, _ = self._subject(clause)
        claim = self._new(s, "count", fig, fig.start, subject=subject, canonical=canonical)
        self._place_part(s, claim, fig.start)

    def _change(self, s: Sentence, fig: Figure, lead: str, d: re.Match[str]) -> None:
        subject, canonical, ref = self._change_subject(s, lead, d.start())
        self._new(
            s,
            "change",
            fig,
            fig.start,
            subject=subject,
            canonical=canonical,
            direction=g.direction_of(d.group("word")),
            basis=self._basis(lead),
            ref=ref,
        )

    def _rate(self, s: Sentence, fig: Figure, lead: str, d: re.Match[str]) -> None:
        word = d.group("word")
        prev = self.claims[self.sentence_claims[-1]] if self.sentence_claims else None
        if prev is not None and prev.kind == "change" and prev.rate is None and prev.value is not None:
            # `减少15.01万元，下降5.39%`: the rate belongs to the change just stated.
            self.claims[prev.id] = replace(prev, rate=fig.value, rate_decimals=fig.decimals, rate_word=word)
            return
        subject, canonical, ref = self._change_subject(s, lead, d.start())
        self._new(
            s,
            "change",
            None,
            fig.start,
            subject=subject,
            canonical=canonical,
            direction=g.direction_of(word),
            rate=fig.value,
            rate_decimals=fig.decimals,
            rate_word=word,
            basis=self._basis(lead),
            ref=ref,
        )

    def _flat(self, s: Sentence, m: re.Match[str]) -> None:
        basis = (m.groupdict().get("basis") or "").strip() or None
        ref, base = self._recent_amount(s), None
        if basis and g.family(basis) is not None:
            # `决算数与全年预算数持平`: the final figure against the stated budget figure.
            subject = self.topic[0] if self.topic else None
            ref = self._find(lambda c: c.subject == subject and g.family(c.measure) == "final") or ref
            base = self._find(lambda c: c.subject == subject and g.family(c.measure) == "budget")
        subject, canonical = self._about(ref)
        self._new(
            s,
            "change",
            None,
            m.start(),
            subject=subject,
            canonical=canonical,
            direction="持平",
            basis=basis,
            ref=ref,
            base_ref=base,
        )

    def _completion(self, s: Sentence, fig: Figure, c: re.Match[str]) -> None:
        basis = g.budget_basis(c.group("basis"))
        here = [self.claims[i] for i in range(self.section_start, len(self.claims))]
        here = [x for x in here if x.kind == "amount" and x.paragraph == s.paragraph]
        final = [x for x in here if g.family(x.measure) == "final"]
        ref = final[-1] if final else (here[-1] if here else None)
        budgets = [x for x in here if x is not ref]
        exact = [x for x in budgets if x.measure and basis != "预算" and basis in x.measure]
        fam = [x for x in budgets if g.family(x.measure) == "budget"]
        base = (exact or fam or budgets or [None])[-1]
        subject, canonical = self._about(ref.id if ref else None)
        self._new(
            s,
            "completion",
            fig,
            fig.start,
            subject=subject,
            canonical=canonical,
            basis=basis,
            ref=ref.id if ref else None,
            base_ref=base.id if base else None,
        )

    def _share(self, s: Sentence, fig: Figure, m: re.Match[str]) -> None:
        part = g.clean_subject(m.group("part"))
        of = m.group("of").strip()
        heads = self._heads()
        if part:
            subject, canonical = part, self.vocab.canonical(m.group("part"), heads)
            ref = self._find(lambda c: canonical is not None and c.canonical == canonical)
        else:
            ref = self._recent_amount(s)
            subject, canonical = self._about(ref)
        if of:
            of_canonical = self.vocab.canonical(of, heads)
            base = self._find(
                lambda c: (
                    (c.canonical == of_canonical if of_canonical else key(c.subject) == key(of))
                    and c.id != ref
                ),
                whole=True,
            )
        else:
            parent = self.claims[ref].part_of if ref is not None else None
            base = parent.parent if parent else None
            of_canonical = self.claims[base].canonical if base is not None else None
        self._new(
            s,
            "share",
            fig,
            fig.start,
            subject=subject,
            canonical=canonical,
            of=of,
            of_canonical=of_canonical,
            ref=ref,
            base_ref=base,
        )

    # -- subjects -------------------------------------------------------------------------
    def _heads(self) -> tuple[str, ...]:
        return tuple(self.headings[k] for k in sorted(self.headings))

    def _section(self) -> str:
        return self.headings[max(self.headings)] if self.headings else ""

    def _functional_canonical(self, m: re.Match[str]) -> str | None:
        lei = self.vocab.canonical(m.group("lei"), self._heads()) or g.clean_subject(m.group("lei"))
        rest = [key(x) for x in (m.group("kuan"), m.group("xiang")) if x]
        return "/".join([lei, *rest]) if lei else None

    def _subject(self, clause: str) -> tuple[str, str | None, str | None, bool]:
        """(subject as written, canonical, measure, named) for the lead of an amount."""
        heads = self._heads()
        m = g.FUNCTIONAL.search(clause)
        if m and g.TAIL.match(key(clause[m.end() :])):
            return m.group().strip(), self._functional_canonical(m), g.measure_in(clause[m.end() :]), True
        fitting = [p for p in self.vocab.occurrences(clause, heads) if g.TAIL.match(key(clause[p.end :]))]
        if fitting:
            p = fitting[-1]
            start = p.start - 1 if p.start and clause[p.start - 1] in '“"「' else p.start
            # `基本支出预算`: a phrase may end with the measure itself.
            measure = g.measure_in(clause[p.end :]) or g.trailing_measure(clause[p.start : p.end])
            return clause[start : p.end], p.canonical, measure, True
        if g.only_measure(clause):
            return "", None, g.measure_in(clause), False  # `执行数为…`: about the subject before
        subject = g.clean_subject(clause)
        return subject, self.vocab.canonical(subject, heads), g.measure_in(clause), bool(subject)

    def _change_subject(self, s: Sentence, lead: str, word_at: int) -> tuple[str, str | None, int | None]:
        """`与2023年度相比，收入支出总计增加…` names its subject; `比上年增加…` refers back."""
        basis = g.last_match(g.BASIS, lead, word_at)
        between = lead[basis.end() if basis else 0 : word_at]
        between = _CLAUSE_BREAK.split(between)[-1]
        found = [
            p for p in self.vocab.occurrences(between, self._heads()) if g.TAIL.match(key(between[p.end :]))
        ]
        if found:
            canonical = found[-1].canonical
            ref = self._find(lambda c: c.canonical == canonical)
            return between[found[-1].start : found[-1].end], canonical, ref
        ref = self._recent_amount(s)
        subject, canonical = self._about(ref)
        return subject, canonical, ref

    @staticmethod
    def _basis(lead: str) -> str | None:
        found = g.last_match(g.BASIS, lead)
        if found:
            return found.group("basis")
        return "同比" if "同比" in lead else None

    def _about(self, ref: int | None) -> tuple[str, str | None]:
        if ref is not None:
            return self.claims[ref].subject, self.claims[ref].canonical
        if self.topic is not None:
            return self.topic[0], self.topic[1]
        return "", None

    def _recent_amount(self, s: Sentence) -> int | None:
        """The amount a following change/share refers back to: the last one of the sentence, else the topic."""
        for i in reversed(self.sentence_claims):
            if self.claims[i].kind == "amount":
                return i
        return self.topic[2] if self.topic else None

    def _find(self, match: Callable[[Claim], bool], whole: bool = False) -> int | None:
        """The latest amount claim (of this section, or of the whole prose) that `match` accepts."""
        for c in reversed(self.claims[0 if whole else self.section_start :]):
            if c.kind == "amount" and match(c):
                return c.id
        return None

    # -- parts ----------------------------------------------------------------------------
    def _parent_before(self, s: Sentence, at: int) -> int | None:
        """The amount that 其中/如下 at `at` divides: the last one before it that is no part."""
        for i in reversed(self.sentence_claims):
            c = self.claims[i]
            if c.kind in ("amount", "count") and c.part_of is None and self.positions[i] < at:
                return i
        if self.last_top is not None and self.claims[self.last_top].paragraph == s.paragraph:
            return self.last_top
        if self.pending is None and self.list is None and self.last_top is not None:
            return self.last_top
        return None

    def _place_part(self, s: Sentence, claim: Claim, at: int) -> None:
        part_of = None
        intro = g.last_match(g.INTRODUCER, s.text, at)
        if intro is not None:
            parent = self._parent_before(s, intro.start())
            if parent is not None and parent != claim.id and _compatible(self.claims[parent], claim):
                group = self.intro_groups.setdefault(intro.start(), self._next_group())
                part_of = PartOf(parent, group, False)
        elif self.list is not None:
            parent = self.claims[self.list.parent]
            if _compatible(parent, claim) and (self.list.style is None or not self.list.item_has_part):
                part_of = PartOf(parent.id, self.list.group, False)
                self.list.item_has_part = True
        if part_of is not None:
            self.claims[claim.id] = replace(claim, part_of=part_of)
        else:
            self.last_top = claim.id

    def _next_group(self) -> int:
        self.groups += 1
        return self.groups

    def finish(self) -> list[Claim]:
        """Mark the groups of two or more parts complete."""
        sizes: dict[int, int] = {}
        for c in self.claims:
            if c.part_of:
                sizes[c.part_of.group] = sizes.get(c.part_of.group, 0) + 1
        return [
            replace(c, part_of=replace(c.part_of, complete=sizes[c.part_of.group] >= 2)) if c.part_of else c
            for c in self.claims
        ]
