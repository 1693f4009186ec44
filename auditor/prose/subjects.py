"""What a figure is about: the subject phrase before it, the topic of its paragraph, earlier claims."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import grammar as g
from .model import Claim
from .state import ReaderState
from .stream import Sentence, ordinal_style
from .vocabulary import Phrase, key


class SubjectReader(ReaderState):
    """The subject lookups of the claim reader."""

    def _item_topic(self, s: Sentence, figures: list) -> None:
        """What the figures of a numbered item are about when its head names no figure:
        `1、一般公共服务支出（类）…（项）。全年预算为…`, `1.小学教育（2050202），2023年度决算数为…`.

        The head is the item's own subject, so that `决算数为…` is never the previous item's."""
        if not ordinal_style(s.text):
            return
        head = s.text
        if figures:
            head = g.CLAUSE_BREAK.split(s.text[: figures[0].start])[0]
            if len(head) == len(s.text[: figures[0].start]):
                return  # the first figure is in the head: the head names that figure's subject
        m = g.FUNCTIONAL.search(head)
        if m:
            self.topic = (m.group().strip(), self._functional_canonical(m), None)
            return
        if not figures:
            return
        name = g.clean_subject(head)
        coded = g.CODED.fullmatch(name)
        canonical = coded.group("code") if coded else self.vocab.canonical(name, self._heads())
        if name:
            self.topic = (name, canonical, None)

    def _heads(self) -> tuple[str, ...]:
        return tuple(self.headings[k] for k in sorted(self.headings))

    def _section(self) -> str:
        return self.headings[max(self.headings)] if self.headings else ""

    def _functional_canonical(self, m: re.Match[str]) -> str | None:
        """`一般公共服务支出/社会工作事务/行政运行`; a level not written is `?` (the 类 of the heading
        when one names it); written with codes (`公共安全支出（204类）司法（06款）`) the code itself."""
        names, codes = g.functional_parts(m)
        if codes[0] and all(codes[: 1 + sum(1 for n in names[1:] if n)]):
            return "".join(c for c in codes if c)
        lei = names[0]
        head = (self.vocab.canonical(lei, self._heads()) or g.clean_subject(lei)) if lei else self.scope
        last = max(i for i, n in enumerate(names) if n)
        if not head:
            return None  # `办公费（款）` with no class named above it: which 类 (or which classification) is unclear
        path = [head] + [key(g.clean_subject(n)) if n else "?" for n in names[1 : last + 1]]
        return "/".join(path)

    def _subject(self, clause: str, lead: str = "") -> tuple[str, str | None, str | None, bool]:
        """(subject as written, canonical, measure, named) for the lead of an amount.

        A subject qualified by the clauses before it (`在其他政府采购项目中，由中小企业供应商中标或
        成交的，采购金额`) is read from the whole clause group, from the last `；` on.
        """
        heads = self._heads()
        scope = g.CLAUSE_GROUP_BREAK.split(lead)[-1]
        qualified = self.vocab.qualified_subject(scope)
        if qualified is not None:
            return g.clean_subject(scope), qualified, g.measure_in(clause), True
        m = g.FUNCTIONAL.search(clause)
        # `…行政运行（项）”2.63万元`, `…行政运行（项）支出6106.99万元`
        if m and g.TAIL.match(key(clause[m.end() :]).removeprefix("支出")):
            return m.group().strip(), self._functional_canonical(m), g.measure_in(clause[m.end() :]), True
        if g.only_measure(clause):
            return "", None, g.measure_in(clause), False  # `执行数为…`: about the subject before
        found = self._noun_phrase(clause, heads)
        if found is not None:
            return found
        subject = g.clean_subject(clause)
        return subject, self.vocab.canonical(subject, heads), g.measure_in(clause), bool(subject)

    def _noun_phrase(self, clause: str, heads: tuple[str, ...]) -> tuple[str, str | None, str | None, bool] | None:
        """The subject of an amount as the whole noun phrase before it.

        The vocabulary phrase that ends the noun phrase (only fillers and a measure after it)
        names the subject when the words before it do not qualify it (the unit's name, a year);
        `其他资金收入预算总计` is not the 收入预算总计 and `政府性基金拨款支出预算` not the 支出预算:
        such a phrase keeps its qualifier and has no canonical subject unless the vocabulary
        knows the whole of it. Of overlapping phrases the one the noun phrase starts with wins
        (`教育支出预算数` is 教育支出, not 支出预算).
        """
        every = self.vocab.occurrences(clause, heads, overlapping=True)
        fitting = [p for p in every if g.fits_after(p.variant, key(clause[p.end :]))]
        if not fitting:
            return None
        start = g.subject_start(clause)

        def reach(p: Phrase) -> int:
            """Where the phrase starts, stretched over phrases of the same subject that overlap it
            (`一般公共预算资金“三公”经费` + `“三公”经费支出`)."""
            at, moved = p.start, True
            while moved:
                moved = False
                for q in every:
                    if q.canonical == p.canonical and q.start < at < q.end:
                        at, moved = q.start, True
            return at

        plain = [
            (reach(p), p) for p in fitting if reach(p) >= start and self.vocab.is_generic(clause[start : reach(p)])
        ]
        if plain:
            first, p = min(plain, key=lambda x: (x[0], -(x[1].end - x[1].start)))
            at = first - 1 if first and clause[first - 1] in '“"「' else first
            # `基本支出预算`: a phrase may end with the measure itself.
            measure = g.measure_in(clause[p.end :]) or g.trailing_measure(clause[p.start : p.end])
            return clause[at : p.end], p.canonical, measure, True
        p = max(fitting, key=lambda p: (p.end, p.end - p.start))
        phrase = g.clean_subject(clause[start:])
        measure = g.measure_in(clause[p.end :]) or g.trailing_measure(clause[p.start : p.end])
        return phrase, None, measure, True

    def _change_subject(self, s: Sentence, lead: str, word_at: int) -> tuple[str, str | None, int | None]:
        """`与2023年度相比，收入支出总计增加…` names its subject; `比上年增加…` refers back."""
        basis = g.last_match(g.BASIS, lead, word_at)
        between = lead[basis.end() if basis else 0 : word_at]
        between = g.CLAUSE_BREAK.split(between)[-1]
        found = [
            p for p in self.vocab.occurrences(between, self._heads()) if g.TAIL.match(key(between[p.end :]))
        ]
        if not found and basis is not None and not between.strip():
            # `收入预算比2022年预算增加…`: the subject stands right before the basis
            between = g.CLAUSE_BREAK.split(lead[: basis.start()])[-1]
            found = [
                p
                for p in self.vocab.occurrences(between, self._heads())
                if g.TAIL.match(key(between[p.end :]).removesuffix("比").removesuffix("较"))
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
