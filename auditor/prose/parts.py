"""Parts of a stated total: the amounts listed after 其中 / 具体情况如下 / 以下方面."""

from __future__ import annotations

from dataclasses import replace

from . import grammar as g
from .figures import MONEY_UNITS
from .model import Claim, PartOf
from .state import ItemList, ReaderState
from .stream import Sentence, ordinal_style
from .vocabulary import key


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


# Units that say nothing of what is counted (`3120人`, `12个`): such counts are parts of a count
# only when they name the same thing; 辆, 台（套）, 平方米 count one kind of thing each.
GENERIC_COUNT_UNITS = frozenset({"个", "人", "名", "人次", "项", "家", "户", "件", "所", "批"})


class PartsReader(ReaderState):
    """The part bookkeeping of the claim reader: which amount a listed figure is a part of."""

    def _open_items(self, s: Sentence) -> None:
        style = ordinal_style(s.text)
        if g.NEW_BREAKDOWN.match(s.text):
            # `此外，基本支出预算数为…`: a second breakdown of the same total, not more items
            self.pending, self.list = None, None
            return
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

    def _open_breakdown(self, s: Sentence) -> None:
        """`按照支出功能科目划分，…`: the figures of the sentence are parts of the section's total
        (its first amount that is no part), in a group of their own."""
        self.by_parent = None
        if not g.BREAKDOWN_BY.match(s.text):
            return
        first = next(
            (
                c
                for c in self.claims[self.section_start :]
                if c.kind == "amount" and c.part_of is None and not c.aside and not c.reason
            ),
            None,
        )
        if first is not None:
            self.by_parent = (first.id, self._next_group())

    def _close_intro(self, s: Sentence) -> None:
        """A sentence ending with 其中： / 具体情况如下： announces the parts that follow."""
        intros = list(g.LIST_INTRODUCER.finditer(s.text))
        if not intros:
            return
        last = intros[-1]
        rest = s.text[last.end() :].strip("：:，,。 ")
        if rest:
            return
        self.list = None
        self.pending = self._announced(s, last.start())

    def _announced(self, s: Sentence, at: int) -> int | None:
        """The amount a list announced at the end of a sentence breaks down.

        `X…万元，其中：` divides X; `财政拨款支出主要内容如下：` the amount of the subject it names
        (none when the prose states none); a bare `具体情况如下：` the total of the sentence
        before, unless that sentence only lists parallel clauses, each with its own share and
        none a total (`因公出国费180万元，占…%；公务接待费185.72万元，占…%。具体情况如下：`).
        """
        if any(self.positions[i] < at and self._may_divide(self.claims[i]) for i in self.sentence_claims):
            return self._parent_before(s, at)
        lead = g.CLAUSE_BREAK.split(s.text[:at])[-1]
        named = [p for p in self.vocab.occurrences(lead, self._heads()) if p.canonical]
        if named:
            canonical = named[-1].canonical
            return self._find(lambda c: c.canonical == canonical, whole=True)
        top = self.last_top
        if top is None or (self.claims[top].paragraph != s.paragraph and self.pending is not None):
            return None
        before = [c for c in self.claims if c.sentence_id == self.claims[self.last_top].sentence_id]
        tops = [c for c in before if c.kind == "amount" and c.part_of is None and not c.aside]
        shared = {c.ref for c in before if c.kind == "share"}
        if len(tops) >= 2 and all(c.id in shared for c in tops):
            return None  # parallel clauses with their own shares state no total
        return self.last_top

    @staticmethod
    def _may_divide(c: Claim) -> bool:
        return c.kind in ("amount", "count") and not c.aside

    def _parent_before(self, s: Sentence, at: int, part: Claim | None = None) -> int | None:
        """The amount that 其中/如下 at `at` divides: the last one before it that is no part (and,
        given the `part`, of its kind: `项目1个，涉及金额175.52万元（其中，评级为优的项目1个…）`)."""
        for i in reversed(self.sentence_claims):
            c = self.claims[i]
            # A part of an outer list may be divided in turn (`（二）公务车购置及运行费21.56万元，其中：
            # 公务用车购置费0万元…；公务车用车运行费21.56万元`), a part of this sentence's 其中 not.
            if self._may_divide(c) and i not in self.intro_parts and self.positions[i] < at:
                if part is None or compatible(c, part):
                    return i
        top = self.last_top
        if top is None or (top in self.sentence_claims and self.positions[top] >= at):
            return None
        if self.claims[top].paragraph == s.paragraph:
            return top
        if self.pending is None and self.list is None:
            return top
        return None

    def _place_part(self, s: Sentence, claim: Claim, at: int) -> None:
        part_of = None
        intro = g.last_match(g.INTRODUCER, s.text, at)
        if claim.aside:
            return  # `（本年预算收入390,140.45万元）`: a remark in brackets is neither a part nor a total
        if intro is not None:
            parent = self._parent_before(s, intro.start(), claim)
            if parent is not None and parent != claim.id and self._fits(self.claims[parent], claim):
                group = self.intro_groups.setdefault(intro.start(), self._next_group())
                part_of = PartOf(parent, group, False)
                self.intro_parts.add(claim.id)
        elif self.by_parent is not None and self._fits(self.claims[self.by_parent[0]], claim):
            part_of = PartOf(self.by_parent[0], self.by_parent[1], False)
        elif self.list is not None:
            parent, group = self._list_parent(claim)
            if parent is not None and not self._fits(self.claims[parent], claim):
                parent = None
            if parent is not None and (self.list.style is None or parent not in self.list.served):
                part_of = PartOf(parent, group, False)
                self.list.served.add(parent)
        if part_of is not None:
            self.claims[claim.id] = replace(claim, part_of=part_of)
        else:
            self.last_top = claim.id

    def _fits(self, parent: Claim, part: Claim) -> bool:
        """A count is a part of a count of the same things only: `项目2个（其中，评级为“优”的项目1个）`,
        `编制339名，其中行政编制199名`; `专任教师3120人，其中教授727人`, `12个学科门类，其中3个国家
        重点学科` are other breakdowns (by title, by rank) that need not add up."""
        if not compatible(parent, part) or self.vocab.siblings(parent.canonical, part.canonical):
            return False
        if (parent.kind == "count" or part.kind == "count") and part.unit in GENERIC_COUNT_UNITS:
            noun = g.YEAR.sub("", key(parent.subject).rsplit("的", 1)[-1])
            return bool(noun) and key(part.subject).endswith(noun)
        return True

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
            and (c.part_of is None or c.id == announced.id)
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

    def _split_sides(self) -> None:
        """`收支总预算490,808.40万元，其中本年收入…，上年结转…；本年支出…，结转下年…`: the income side and
        the spending side each make up the total, so each is a group of its own."""
        groups: dict[int, list[Claim]] = {}
        for c in self.claims:
            if c.part_of:
                groups.setdefault(c.part_of.group, []).append(c)
        for members in groups.values():
            sides = [self.vocab.side_of(c.canonical) for c in members]
            if "收入" in sides and "支出" in sides:
                spending = self._next_group()
                for c, side in zip(members, sides, strict=True):
                    if side == "支出":
                        self.claims[c.id] = replace(c, part_of=replace(c.part_of, group=spending))

    def finish(self) -> list[Claim]:
        """Mark the groups of two or more parts complete."""
        self._split_sides()
        sizes: dict[int, int] = {}
        for c in self.claims:
            if c.part_of:
                sizes[c.part_of.group] = sizes.get(c.part_of.group, 0) + 1
        return [
            replace(c, part_of=replace(c.part_of, complete=sizes[c.part_of.group] >= 2)) if c.part_of else c
            for c in self.claims
        ]
