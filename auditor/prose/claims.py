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
- none        `无“三公”经费财政拨款支出`, `没有政府性基金预算`: a zero said in words, one claim per
              subject denied (value 0, no unit); `X收入和支出` denies X收入 and X支出.
- compare     `决算数小于全年预算数`: a comparison in words (direction 大于/小于/等于, measure the
              left side, basis the right); ref = the item's final (or this year's) amount,
              base_ref = the budget (or last year's) amount it names, when the item states them.
What a figure is about (subject, canonical) is the whole noun phrase before it: a qualifier
such as 其他资金 or 政府性基金 makes another subject (no canonical unless the vocabulary knows the
whole); the heading scopes it (`scope`: 财政拨款, 一般公共预算; a heading naming a 类 or 款 is the
class of the items, or the subject of a 合计, below it); a numbered item's head names its
figures (`1.小学教育（2050202），…决算数为…`, canonical `2050202`). Flags: `reason` (a change named
in a 主要原因是… clause, bound to no amount), `aside` (stated in brackets: neither a total nor a
part), `repeats` (the same sentence stated again: the claim it restates, checked once).
Parts: amounts (and counts) listed after 其中 / 具体情况如下 / 以下方面 carry
`part_of = PartOf(parent, group, complete)`: the claims of one group together make up
(complete) or are included in (not complete) the parent claim.

How each kind is meant to be checked (by the rule engine, not here):
- amount: value (in the table's unit, see `Claim.money`) equals the table figure of the same
  canonical subject and measure (budget or final column), within rounding.
- change: last year = ref.value − value (增加) or + value (减少), or base_ref's value when the
  prose states last year's level (`比上年（8,648.07万元）增加…`, `2022年执行数为…，…比2022年执行数
  增加X%`); rate = change / last year; the direction word agrees with the sign, rate_word
  agrees with direction; 持平 means a change of 0 (base_ref, when set, is the figure compared
  against). A change on another 口径 has no ref and is not checked.
- compare: the word agrees with ref against base_ref (or any budget figure of the item).
- share: value = ref.value / base (base_ref's value, else the table figure of of_canonical);
  the shares of one group's parts add up to 100 %.
- completion: value = ref.value / base_ref.value, or / any budget figure the prose or tables
  give for the same subject (年初预算, 调整预算, 全年预算).
- parts: Σ parts of a group = parent when complete, ≤ parent otherwise.
- none: the table figure of the subject is 0, and no amount of the prose says otherwise.
"""

from __future__ import annotations

from ..document import Line
from .model import Claim, ClaimKind, PartOf
from .reader import Reader
from .stream import sentences
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["Claim", "ClaimKind", "PartOf", "extract_claims"]


# No sentence a reader reads runs to thousands of characters: one that long (a document made to
# slow the reader down, a table flattened into one line) is passed over, and said so.
MAX_SENTENCE = 4000


def extract_claims(lines: list[Line], vocabulary: Vocabulary | None = None,
                   notes: list[str] | None = None) -> list[Claim]:
    """The claims of the prose `lines`, in reading order (ids = list positions); a sentence too
    long to be prose is skipped with a note appended to `notes`."""
    reader = Reader(vocabulary or load_vocabulary())
    for s in sentences(lines):
        if len(s.text) > MAX_SENTENCE:
            if notes is not None:
                line, page = s.place(0)
                where = f"第{page}页第{line}行" if page else f"第{line}行"
                notes.append(f"{where}起的一句长达 {len(s.text)} 个字符，不像正文，未读取其中的数字")
            continue
        reader.read(s)
    return reader.finish()
