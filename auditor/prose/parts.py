"""Parts of a stated total: the amounts listed after 其中 / 具体情况如下 / 以下方面."""

from __future__ import annotations

from dataclasses import replace

from . import grammar as g
from .figures import MONEY_UNITS
from .model import Claim, PartOf
from .state import ItemList, ReaderState
from .stream import Sentence, ordinal_style


def same_measure(a: str | None, b: str | None) -> bool:
    """年初预算 = 年初预算数; 全年预算 ≠ 年初预算 (a year in front does not count)."""
    if not a or not b:
        return a == b
    return g.YEAR.sub("", a).removesuffix("数") == g.YEAR.sub("", b).removesuffix("数")


def compatible(parent: Claim, part: Claim) -> bool:
    if (parent.unit in MONEY_UNITS) != (part.unit in MONEY_UNITS):
        return False
    if parent.unit not in MONEY_UNITS and parent.unit != part.unit:
        return False
    a, b = g.family(parent.measure), g.family(part.measure)
    return a is None or b is None or a == b


class PartsReader(ReaderState):
    """The part bookkeeping of the claim reader: which amount a listed figure is a part of."""

    def _open_items(self, s: Sentence) -> None:
        style = ordinal_style(s.text)
        if self.pending is not None:
            self.groups += 1
            self.list = ItemList(self.pending, self.groups, style, s.index)
            self.pending = None
        elif self.list is not None:
            if self.list.style is None and s.index != self.list.sentence:
                self.list = None
            elif style is not None and style == self.list.style:
                self.list.served.clear()
            elif style is not None:
                self.list = None

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

    def _parent_before(self, s: Sentence, at: int, part: Claim | None = None) -> int | None:
        """The amount that 其中/如下 at `at` divides: the last one before it that is no part (and,
        given the `part`, of its kind: `项目1个，涉及金额175.52万元（其中，评级为优的项目1个…）`)."""
        for i in reversed(self.sentence_claims):
            c = self.claims[i]
            if c.kind in ("amount", "count") and c.part_of is None and self.positions[i] < at:
                if part is None or compatible(c, part):
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
            parent = self._parent_before(s, intro.start(), claim)
            if parent is not None and parent != claim.id and compatible(self.claims[parent], claim):
                group = self.intro_groups.setdefault(intro.start(), self._next_group())
                part_of = PartOf(parent, group, False)
        elif self.list is not None:
            parent, group = self._list_parent(claim)
            if parent is not None and (self.list.style is None or parent not in self.list.served):
                part_of = PartOf(parent, group, False)
                self.list.served.add(parent)
        if part_of is not None:
            self.claims[claim.id] = replace(claim, part_of=part_of)
        else:
            self.last_top = claim.id

    def _list_parent(self, claim: Claim) -> tuple[int | None, int]:
        """The amount of the open list a part belongs to: the announced one, or a sibling stated with
        it for another measure (`全年预算为321.02万元，支出决算为307.82万元` → items' 全年预算 and
        支出决算 figures are parts of the one of the same measure)."""
        assert self.list is not None
        announced = self.claims[self.list.parent]
        siblings = [
            c
            for c in self.claims
            if c.sentence_id == announced.sentence_id
            and c.kind == announced.kind
            and c.part_of is None
            and c.canonical == announced.canonical
            and compatible(c, claim)
        ]
        if not siblings:
            return None, 0
        same = [c for c in siblings if same_measure(c.measure, claim.measure)]
        parent = (same or [c for c in siblings if c.id == announced.id] or siblings)[-1]
        if parent.id == announced.id:
            return parent.id, self.list.group
        return parent.id, self.list.groups.setdefault(parent.id, self._next_group())

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
