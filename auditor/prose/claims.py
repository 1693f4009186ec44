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
- none: the table figure of the subject is 0, and no amount of the prose says otherwise.
"""

from __future__ import annotations

from ..document import Line
from .model import Claim, ClaimKind, PartOf
from .reader import Reader
from .stream import sentences
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["Claim", "ClaimKind", "PartOf", "extract_claims"]


def extract_claims(lines: list[Line], vocabulary: Vocabulary | None = None) -> list[Claim]:
    """The claims of the prose `lines`, in reading order (ids = list positions)."""
    reader = Reader(vocabulary or load_vocabulary())
    for s in sentences(lines):
        reader.read(s)
    return reader.finish()
