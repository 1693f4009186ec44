"""The claim reader: each figure of a sentence (and each 持平) becomes a Claim of its kind."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..text import strip_ordinal
from . import grammar as g
from .figures import Figure, scan
from .model import Claim, ClaimKind, PartOf
from .parts import PartsReader, compatible
from .stream import Sentence, heading_level
from .subjects import SubjectReader
from .vocabulary import key

_NOUN_AFTER_COUNT = re.compile(r"[\u4e00-\u9fff]{1,6}?(?=开展|涉及|进行|实施|的|，|,|。|；|;|、|$)")
_QUOTE_WIDTH = 80


def _quote(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence shortened around [start, end), and where `start` falls in the result."""
    if len(text) <= _QUOTE_WIDTH:
        return text, start
    a = max(0, min(start - 30, len(text) - _QUOTE_WIDTH))
    b = max(a + _QUOTE_WIDTH, end)
    lead = "…" if a else ""
    return lead + text[a:b] + ("…" if b < len(text) else ""), start - a + len(lead)


class Reader(SubjectReader, PartsReader):
    """Reads the sentences in order (`read`), then hands out the claims (`finish`)."""

    def read(self, s: Sentence) -> None:
        level = heading_level(s.text)
        if level is not None:
            self.headings = {k: v for k, v in self.headings.items() if k < level}
            self.headings[level] = s.text
            self.topic, self.last_top, self.pending, self.list = None, None, None, None
            self.section_start = len(self.claims)
            self.scope = self.vocab.class_named(strip_ordinal(s.text))
            self._heading_topic(s)
            return
        figures = scan(s.text)
        if not figures and len(s.text) <= 20 and (named := self.vocab.class_named(s.text)):
            self.scope = named  # `一般公共服务` alone on a line: the class of the items below
            return
        self._open_items(s)
        self._open_breakdown(s)
        self._item_topic(s, figures)
        self.sentence_claims, self.intro_groups, self.intro_parts = [], {}, set()
        events: list[tuple[int, Figure | re.Match[str]]] = [(f.start, f) for f in figures]
        last_flat_end = -10
        for m in g.FLAT.finditer(s.text):
            template = g.FLAT_NOT_BEFORE.search(s.text[: m.start()]) or g.FLAT_NOT_AFTER.match(
                s.text[m.end() :]
            )
            if m.start() - last_flat_end > 3 and not template:  # `持平，无增减变化` is one statement
                events.append((m.start(), m))
            last_flat_end = m.end()
        events += [(m.start(), m) for m in g.COMPARE.finditer(s.text) if not scan(s.text[m.end() : m.end() + 16])[:1]
                   or scan(s.text[m.end() : m.end() + 16])[0].start > 1]
        if not g.PLACEHOLDER.search(s.text):
            events += [
                (m.start(), m) for m in g.DENIAL.finditer(s.text) if not g.DENIAL_NOT.search(m.group("what"))
            ]
        self.reasons = [(m.start(), g.reason_end(s.text, m.end())) for m in g.REASON.finditer(s.text)]
        prev_end = 0
        for _, ev in sorted(events, key=lambda e: e[0]):
            if isinstance(ev, Figure):
                self._figure(s, ev, s.text[prev_end : ev.start])
                prev_end = ev.end
            elif ev.re is g.DENIAL:
                self._denial(s, ev)
            elif ev.re is g.COMPARE:
                if not any(a < ev.start() < b for a, b in self.reasons):
                    self._compare(s, ev)
            else:
                self._flat(s, ev)
        self._close_intro(s)
        if figures and len(s.text) >= 12:
            self._mark_repeats(s)

    def _mark_repeats(self, s: Sentence) -> None:
        """A sentence stated again word for word (a section repeated for another table) restates the
        claims of its first occurrence: they are checked once."""
        first = self.seen.setdefault(s.text, list(self.sentence_claims))
        if first == self.sentence_claims or len(first) != len(self.sentence_claims):
            return
        for a, b in zip(first, self.sentence_claims, strict=True):
            if self.claims[a].kind == self.claims[b].kind and self.claims[a].value == self.claims[b].value:
                self.claims[b] = replace(self.claims[b], repeats=self.claims[a].repeats or a)

    def _figure(self, s: Sentence, fig: Figure, lead: str) -> None:
        opened = g.bracket_open(s.text, fig.start)
        if opened is not None and opened >= fig.start - len(lead):
            lead = s.text[opened + 1 : fig.start]  # `（2016年度部门支出预算安排为8,648.07万元）`: its own clause
        clause = g.CLAUSE_BREAK.split(lead)[-1]
        if any(a < fig.start < b for a, b in self.reasons):
            if fig.kind == "money":
                self._reason(s, fig, clause)
            return  # a percentage or count of a reason is not the subject's
        d = g.DIRECTION.search(lead) or g.DIFFERENCE.search(lead)
        if fig.kind == "money":
            if d:
                self._change(s, fig, lead, d)
            else:
                self._amount(s, fig, clause, lead)
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
        value = fields.pop("value", fig.value if fig else None)
        end = fig.end if fig else at + 2
        quote, offset = _quote(s.text, at, end)
        claim = Claim(
            id=len(self.claims),
            kind=kind,
            sentence=quote,
            offset=offset,
            line=line,
            page=page,
            value=value,
            decimals=fig.decimals if fig else 0,
            unit=fig.unit if fig else "",
            text=fig.text if fig else "",
            section=self._section(),
            scope=self.vocab.scope_of(self._heads()),
            paragraph=s.paragraph,
            sentence_id=s.index,
            **fields,  # type: ignore[arg-type]
        )
        self.claims.append(claim)
        self.sentence_claims.append(claim.id)
        self.positions[claim.id] = at
        return claim

    def _amount(self, s: Sentence, fig: Figure, clause: str, lead: str) -> None:
        if g.SUM_WORD.match(clause):
            self._sum(s, fig, clause)
            return
        subject, canonical, measure, named = self._subject(clause, lead)
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
            aside=g.in_brackets(s.text, fig.start),
        )
        self._place_part(s, claim, fig.start)
        if named:
            self.topic = (subject, canonical, claim.id)

    def _sum(self, s: Sentence, fig: Figure, clause: str) -> None:
        """`人员经费120.00万元，公用经费30.00万元，合计150.00万元`: a total after its parts; with no parts
        before it in the sentence, the total of what the heading names (`（一）行政事业单位离退休（款）`
        / `合计1,509.72万元`)."""
        before = [i for i in self.sentence_claims if self.claims[i].kind == "amount" and self.claims[i].part_of is None]
        subject, canonical = g.clean_subject(clause), None
        if not before and self.topic is not None and self.topic[2] is None and self.heading_topic:
            subject, canonical = self.topic[0], self.topic[1]
        total = self._new(s, "amount", fig, fig.start, subject=subject, canonical=canonical)
        parts = [i for i in before if compatible(total, self.claims[i])]
        group = self._next_group()
        for i in parts:
            self.claims[i] = replace(self.claims[i], part_of=PartOf(total.id, group, False))
        self.last_top = total.id

    def _heading_topic(self, s: Sentence) -> None:
        """A heading that names a 类/款/项 (`（一）行政事业单位离退休（款）`) is the subject of the totals
        under it; its class may be unknown (`?`), since a 款's name is unique in the table."""
        self.heading_topic = False
        m = g.FUNCTIONAL.search(s.text)
        if not m:
            return
        canonical = self._functional_canonical(m)
        if canonical is None:
            names, _ = g.functional_parts(m)
            last = max(i for i, n in enumerate(names) if n)
            canonical = "/".join(["?"] + [key(g.clean_subject(n)) if n else "?" for n in names[1 : last + 1]])
        self.topic, self.heading_topic = (strip_ordinal(m.group()).strip(), canonical, None), True

    def _count(self, s: Sentence, fig: Figure, clause: str) -> None:
        after = _NOUN_AFTER_COUNT.match(s.text, fig.end)
        if after and after.group():  # `18个项目`
            subject, canonical = after.group(), self.vocab.canonical(after.group(), self._heads())
        else:  # `一级项目18个`
            subject, canonical, _, _ = self._subject(clause)
        claim = self._new(s, "count", fig, fig.start, subject=subject, canonical=canonical)
        self._place_part(s, claim, fig.start)

    def _reason(self, s: Sentence, fig: Figure, clause: str) -> None:
        """`主要原因是基本支出增加人员经费1408.29万元`: a change named by the reason, bound to no amount."""
        words = list(g.REASON_DIRECTION.finditer(clause))
        subject = g.clean_subject(g.REASON.sub("", g.REASON_DIRECTION.sub("", clause)))
        self._new(
            s,
            "change",
            fig,
            fig.start,
            subject=subject,
            canonical=None,
            direction=g.direction_of(words[-1].group()) if words else None,
            reason=True,
        )

    def _change(self, s: Sentence, fig: Figure, lead: str, d: re.Match[str]) -> None:
        self._new_change(s, fig, fig.start, lead, d)

    def _rate(self, s: Sentence, fig: Figure, lead: str, d: re.Match[str]) -> None:
        word = d.group("word")
        prev = self.claims[self.sentence_claims[-1]] if self.sentence_claims else None
        if (
            prev is not None
            and prev.kind == "change"
            and prev.rate is None
            and prev.value is not None
            and not prev.reason
        ):
            # `减少15.01万元，下降5.39%`: the rate belongs to the change just stated.
            self.claims[prev.id] = replace(prev, rate=fig.value, rate_decimals=fig.decimals, rate_word=word)
            return
        # `下降5.39%` alone: a change stated by its rate only.
        self._new_change(
            s, None, fig.start, lead, d, rate=fig.value, rate_decimals=fig.decimals, rate_word=word
        )

    def _new_change(
        self, s: Sentence, fig: Figure | None, at: int, lead: str, d: re.Match[str], **rate: object
    ) -> None:
        subject, canonical, ref = self._change_subject(s, lead, d.start())
        basis = (
            self._basis(lead)
            or d.groupdict().get("basis")
            or self._basis(g.CLAUSE_GROUP_BREAK.split(s.text[:at])[-1])
        )
        base = None
        if g.OTHER_BASIS.search(g.CLAUSE_GROUP_BREAK.split(s.text[:at])[-1]):
            ref, basis = None, "同口径"  # 按与上年统计口径一致相比: its current figure is not stated
        elif ref is not None and self._is_base(self.claims[ref], basis):
            # `与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元`
            ref, base = None, ref
        elif ref is not None and fig is None:
            # `2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%`
            base = self._base_named(s, basis, ref)
        self._new(
            s,
            "change",
            fig,
            at,
            subject=subject,
            canonical=canonical,
            direction=g.direction_of(d.group("word")),
            basis=basis,
            ref=ref,
            base_ref=base,
            **rate,
        )

    @staticmethod
    def _is_base(amount: Claim, basis: str | None) -> bool:
        """An amount in brackets that states the year compared with is that year's level."""
        if not amount.aside or not basis:
            return False
        year = g.YEAR.search(basis)
        said = (amount.period or "") + (amount.measure or "")
        return bool(year and year.group()[:4].isdigit() and year.group()[:4] in said) or (
            basis.startswith(("上年", "去年")) and said.startswith(("上年", "去年"))
        )

    def _base_named(self, s: Sentence, basis: str | None, ref: int) -> int | None:
        """The amount of the same paragraph whose year and measure the basis names (`比2022年预算执行数`)."""
        if not basis:
            return None
        year = g.YEAR.search(basis)
        if not (year and year.group()[:4].isdigit()):
            return None
        fam = g.family(g.measure_in(basis))
        for c in reversed(self.claims):
            if c.paragraph != s.paragraph:
                break
            said = (c.period or "") + (c.measure or "")
            if c.kind == "amount" and c.id != ref and year.group()[:4] in said and g.family(c.measure) == fam:
                return c.id
        return None

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

    def _compare(self, s: Sentence, m: re.Match[str]) -> None:
        """`决算数小于全年预算数`: the item's final figure against its budget figure, in words.

        The figures are those the item states: the final (or this year's) amount of the topic, and
        the budget amount the basis names (年初/全年 …), or the latest budget amount of the topic."""
        left, right = m.group("left"), m.group("right")
        subject = self.topic[0] if self.topic else None
        here = [c for c in self.claims[self.section_start :] if c.kind == "amount"]
        mine = [c for c in here if c.subject == subject] if subject else [c for c in here if c.paragraph == s.paragraph]
        if g.family(left) == "final":
            refs = [c for c in mine if g.family(c.measure) == "final"]
        else:
            refs = [c for c in mine if g.family(c.measure) != "final" and not (c.period or "").startswith("上")]
        bases = [c for c in mine if g.family(c.measure) == g.family(right) and c not in refs]
        named = [c for c in bases if c.measure and right.removesuffix("数") in c.measure]
        if right.startswith(("上年", "去年")):
            bases = named = [c for c in mine if (c.measure or "").startswith("上年") or (c.period or "").startswith("上")]
        ref = refs[-1] if refs else None
        base = (named or bases or [None])[-1]
        subj, canonical = self._about(ref.id if ref else None)
        self._new(
            s,
            "compare",
            None,
            m.start(),
            subject=subj,
            canonical=canonical,
            measure=left,
            direction=g.COMPARE_WORDS[m.group("word")],
            basis=right,
            ref=ref.id if ref else None,
            base_ref=base.id if base else None,
        )

    def _denial(self, s: Sentence, m: re.Match[str]) -> None:
        """`无“三公”经费财政拨款支出`: a zero claim for each subject the phrase names."""
        heads = self._heads()
        year = g.last_match(g.YEAR, g.CLAUSE_BREAK.split(s.text[: m.start()])[-1])
        period = year.group() if year and year.group()[0].isdigit() else None
        for phrase in g.denied_phrases(m.group("what")):
            for canonical in self.vocab.denied(phrase, heads):
                self._new(
                    s,
                    "none",
                    None,
                    m.start(),
                    subject=phrase,
                    canonical=canonical,
                    value=Decimal(0),
                    period=period,
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
            if of_canonical is not None and of_canonical == canonical:
                # `财政拨款预算支出…，占本年支出合计的99.92%` under a 财政拨款 heading: a share of
                # itself is no share, so the whole is the department's 本年支出合计.
                of_canonical = self.vocab.canonical(of)
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
