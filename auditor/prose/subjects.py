"""What a figure is about: the subject phrase before it, the topic of its paragraph, earlier claims."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import grammar as g
from .model import Claim
from .state import ReaderState
from .stream import Sentence, ordinal_style
from .vocabulary import key


class SubjectReader(ReaderState):
    """The subject lookups of the claim reader."""

    def _item_topic(self, s: Sentence) -> None:
        """`1、一般公共服务支出（类）…（项）。`: what the following 全年预算为… sentences are about."""
        m = g.FUNCTIONAL.search(s.text)
        if m and ordinal_style(s.text):
            self.topic = (m.group().strip(), self._functional_canonical(m), None)

    def _heads(self) -> tuple[str, ...]:
        return tuple(self.headings[k] for k in sorted(self.headings))

    def _section(self) -> str:
        return self.headings[max(self.headings)] if self.headings else ""

    def _functional_canonical(self, m: re.Match[str]) -> str | None:
        lei = self.vocab.canonical(m.group("lei"), self._heads()) or g.clean_subject(m.group("lei"))
        rest = [key(x) for x in (m.group("kuan"), m.group("xiang")) if x]
        return "/".join([lei, *rest]) if lei else None

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
        between = g.CLAUSE_BREAK.split(between)[-1]
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
