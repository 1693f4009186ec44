"""The phrases around a figure that say what kind of claim it makes.

Every pattern here looks at the text *before* a figure (its lead), anchored at the end, since
in Chinese the word that qualifies a number precedes it: `减少15.01万元`, `占…的71.73%`,
`完成年初预算的98.20%`.
"""

from __future__ import annotations

import re

# Where a clause ends: the lead of a figure is read from the last of these on.
CLAUSE_BREAK = re.compile(r"[，,；;：:、。！？!?]")
# Where a group of clauses about one figure ends (`在…中，由…的，采购金额` is one group).
CLAUSE_GROUP_BREAK = re.compile(r"[；;。！？!?]")

# 增减: the word right before a change amount or rate.
DIRECTION = re.compile(
    r"(?P<word>增加|增长|上升|提高|增幅为?|增长率为?|减少|下降|降低|减幅为?|降幅为?|下降率为?|节约|压减)了?(?:为|达)?$"
)
_UP = ("增加", "增长", "上升", "提高", "增幅", "增长率", "新增", "大于", "高于", "多于", "超过", "超出")


# `主要原因是基本支出增加人员经费1408.29万元…`, `增减相抵`: the amounts after it are changes of the
# items it names (the reason), never the current level of a subject, and its percentages (`统一压减
# 10%`) are no rate of the subject's change.
REASON = re.compile(r"(?:主要)?原因(?:是|为|在于|[：:])|主要是|主要由于|系因|增减相抵")
def reason_end(text: str, start: int) -> int:
    """Where a reason clause that starts at `start` ends: at the next `；` or the end of the sentence."""
    m = re.compile(r"[；;]").search(text, start)
    return m.start() if m else len(text)


# A direction word anywhere in a reason clause: `基本支出增加人员经费1408.29万元`.
REASON_DIRECTION = re.compile(r"增加|增长|新增|提高|上升|减少|下降|降低|压减|调减|节约|核减")
# `按与上年统计口径一致相比`: a comparison on another basis, whose current figure the prose does not state.
OTHER_BASIS = re.compile(r"口径")


# 决算数大于/小于/等于预算数, 本年数小于上年预算数: a comparison of two figures in words.
COMPARE = re.compile(
    r"(?P<left>决算数?|执行数|实际支出数?|本年数|本年预算数?)(?:比|较)?"
    r"(?P<word>大于|小于|等于|高于|低于|多于|少于|超过|超出)"
    r"(?P<right>(?:上年|上年度|年初|全年|调整后?)?(?:预算|决算)?数)"
)
COMPARE_WORDS = {"大于": "大于", "高于": "大于", "多于": "大于", "超过": "大于", "超出": "大于",
                 "小于": "小于", "低于": "小于", "少于": "小于", "等于": "等于"}
# `本年数小于上年预算数29.65万元`: the difference, a change of the item.
DIFFERENCE = re.compile(
    r"(?P<word>小于|低于|少于|大于|高于|多于|超过|超出)(?P<basis>(?:上年|上年度|年初|全年|调整后?)(?:预算|决算)?数?)"
    r"(?:为|达)?$"
)


def direction_of(word: str) -> str:
    """增加/减少, whatever synonym the text used."""
    return "增加" if word.startswith(_UP) else "减少"


# 比上年预算数 / 与2024年预算相比 / 较上年度 / 与 2023 年度相比 — the comparison basis.
BASIS = re.compile(
    r"(?:比|较|与|同|和)(?P<basis>(?:上年|上一年|去年|上年度|同期|上年同期|\d{4}年度?|年初|全年|调整后?)[^，,。；;、比较与同和]{0,10}?)"
    r"(?:相比|比较|相较|对比)?(?=[，,（(]|增|减|下降|上升|降低|提高|节约|持平|基本持平|没有|无|有所|$)"
)
# 持平 — a change of nothing, with or without its basis.
FLAT = re.compile(
    r"(?:(?:比|较|与|同|和)(?P<basis>[^，,。；;、比较与同和]{1,12}?)(?:相比|比较)?[，,]?)?(?:基本)?持平"
    r"|无增减变化|没有增减变化|无变化|未发生变化"
)
# `（如持平作持平表述）`, `预决算持平的不用说明`: instructions of a template, not statements.
FLAT_NOT_BEFORE = re.compile(r"(?:如|若|作|预决算)$")
FLAT_NOT_AFTER = re.compile(r"^(?:的|表述)")

# 完成年初预算的98.20% / 完成预算的100% / 预算执行率为98%
COMPLETION = re.compile(
    r"(?:完成了?(?P<basis>年初预算|调整后?预算|全年预算|年度预算|预算|计划|年度目标)?数?的?|(?:预算)?执行率(?:为|达到?)?|执行进度(?:为|达到?)?)$"
)


def budget_basis(word: str | None) -> str:
    """年初预算 / 调整预算 / 全年预算 / 预算 (预算 when the text names none)."""
    if not word:
        return "预算"
    if word.startswith("调整"):
        return "调整预算"
    if word == "年度预算":
        return "全年预算"
    return word


# 无“三公”经费财政拨款支出 / 没有政府性基金预算 — a zero said in words. Not `无X的部门，作下述说明`
# or `无X的，仍保留该表格式` (a template's condition), nor `如无…` / `若没有…`.
DENIAL = re.compile(
    r"(?<![如若果])(?:无|没有|未发生|不存在|未安排)(?:任何|相关)?(?P<what>[^，,。；;：:（()）]{2,30})"
)
DENIAL_NOT = re.compile(r"的(?:部门|单位)|的$")
# `上海市XX局2024年度无…`: the example sentence of an unfilled template states nothing.
PLACEHOLDER = re.compile(r"[XＸx×]{2,}")
# `政府性基金预算财政拨款收入和支出` / `…收支`: two subjects, X收入 and X支出.
INCOME_AND_SPENDING = re.compile(r"^(?P<stem>.+?)(?:收入(?:和|及|与|、)?支出|收支)")


def denied_phrases(what: str) -> list[str]:
    """The subject phrases a denial names: `X收入和支出` is X收入 and X支出."""
    m = INCOME_AND_SPENDING.match(what)
    if m:
        return [m.group("stem") + "收入", m.group("stem") + "支出"]
    return [what]


# 占71.73% / 占政府采购支出总额的100% / 货物采购授予中小企业合同金额占货物支出金额的0%
SHARE = re.compile(
    r"(?P<part>[^，,。；;：:、]*?)占(?P<of>[^，,。；;：:、]*?)的?(?:比重|比例|比)?(?:为|达到?|约)?$"
)

# Words that introduce the parts of the amount before them.
INTRODUCER = re.compile(
    r"其中[:：，,]?|(?:具体情况|具体|情况|分别|明细)?如下[:：]?|以下(?:几个)?方面[:：]?|分别为[:：]?|具体为[:：]?"
)
# …and those that do so only at the end of a sentence, before numbered items (`包括：1．…`):
# `人员经费95.36万元，主要包括：基本工资…` lists names, not parts.
LIST_INTRODUCER = re.compile(rf"{INTRODUCER.pattern}|(?:具体|主要)?包括[:：]")
# `按照支出功能科目划分，教育支出…`: a breakdown of the section's total, by another classification.
BREAKDOWN_BY = re.compile(r"^(?:按照?|从)[^，,。；;]{1,16}(?:划分|分类|来看|看)[，,:：]")
# `此外，基本支出预算数为…`: a second breakdown of the same total begins.
NEW_BREAKDOWN = re.compile(r"^(?:此外|另外)[，,]?")


def bracket_open(text: str, at: int) -> int | None:
    """Where the bracket opens that position `at` of `text` lies inside (None: in no bracket)."""
    opened: list[int] = []
    for i, ch in enumerate(text[:at]):
        if ch in "（(":
            opened.append(i)
        elif ch in "）)" and opened:
            opened.pop()
    return opened[-1] if opened else None


def in_brackets(text: str, at: int) -> bool:
    return bracket_open(text, at) is not None

# `…，合计150.00万元`: a total of the amounts before it in the sentence.
SUM_WORD = re.compile(r"^(?:以上|上述|两项|三项|各项)?(?:合计|共计|总计)(?:为|是|达)?$")

# Which figure an amount is: 年初预算, 全年预算数, 执行数, 支出决算, 2022年度决算 …
MEASURE = re.compile(
    r"(?:\d{4}年度?|上年度?|本年度?|当年)?(?:年初预算|全年预算|调整后?预算|支出决算|预算|决算|执行|实际支出|实际执行)数?"
)
# What may stand between a subject and its number: a measure word and small fillers.
_FILLER = r"(?:的|为|是|达到?|共计|合计|总计|累计|总额|金额|共|计|约|了|安排|预计|拨款|数)"
# A remark in brackets may sit there too: `政府采购金额（以合同签订为准）为`.
TAIL = re.compile(rf"^(?:{_FILLER}|{MEASURE.pattern}|\d{{4}}年度?|[（(][^（()）]{{1,15}}[）)])*$")
YEAR = re.compile(r"\d{4}年度?|(?:上|本|当)年度?")
# `公务接待费支出156.55万元`, `会议费预算支出228万元`: the spending of an item named …费 is that item.
_SPENDING_OF = re.compile(r"^(?:预算)?支出")


def fits_after(phrase: str, rest: str) -> bool:
    """Only fillers and a measure stand between a subject phrase and its figure."""
    if TAIL.match(rest):
        return True
    return phrase.endswith("费") and bool(TAIL.match(_SPENDING_OF.sub("", rest, count=1)))
# Leading words that are not part of a subject.
_PREFIX = re.compile(
    r"^(?:其中|另外|此外|同时|截至|截止|本部门|本单位|本中心|我单位|我部门|共有|拥有|现有|拟购置|拟|购置|共计|共|有|对|经|"
    r"\d{4}年度?|\d{1,2}月\d{1,2}日|[，,：:])+"
)


def last_match(pattern: re.Pattern[str], text: str, end: int | None = None) -> re.Match[str] | None:
    """The last match of `pattern` in `text[:end]`: the one nearest the figure."""
    found = list(pattern.finditer(text, 0, len(text) if end is None else end))
    return found[-1] if found else None


def measure_in(text: str) -> str | None:
    m = last_match(MEASURE, text)
    return m.group() if m else None


def trailing_measure(phrase: str) -> str | None:
    """`基本支出预算` → 预算; `一般公共预算收入` → None (预算 inside a name is no measure)."""
    m = re.search(rf"(?:{MEASURE.pattern})$", phrase)
    return m.group() if m and m.start() > 0 else None


def family(measure: str | None) -> str | None:
    """budget for 预算 figures, final for 决算/执行 figures, None when not said."""
    if not measure:
        return None
    if "预算" in measure:
        return "budget"
    if any(w in measure for w in ("决算", "执行", "实际")):
        return "final"
    return None


def only_measure(text: str) -> bool:
    """True when a lead names no subject, only which figure it is (`执行数为`, `2022年度决算为`)."""
    t = _PREFIX.sub("", text)
    return bool(TAIL.match(t))


# Words after a subject that are not part of its name (合计/金额 may be: 本年收入合计, 合同金额).
_TRAILING = re.compile(r"(?:的|为|是|达到?|共计|共|约|了)+$")


def subject_start(text: str) -> int:
    """Where the subject phrase of a lead starts: after an ordinal, 其中, 本部门, a year …"""
    from ..text import ORDINAL

    m = ORDINAL.match(text)
    at = m.end() if m else 0
    m = _PREFIX.match(text, at)
    at = m.end() if m else at
    while at < len(text) and text[at] in "“\"「（(":
        at += 1
    return at


def clean_subject(text: str) -> str:
    """A lead trimmed to its subject phrase: ordinals, 其中, 本部门, years and fillers removed."""
    from ..text import strip_ordinal

    t = strip_ordinal(text)
    t = _PREFIX.sub("", t)
    t = _TRAILING.sub("", t)
    return t.strip("，,：:、 ")


# 一般公共服务支出（类）社会工作事务（款）行政运行（项）; a segment may hold its own brackets,
# as in 政府办公厅（室）及相关机构事务（款）; a marker may hold the code of its level, as in
# 公共安全支出（204类）司法（06款）行政运行（01项）; a subject may start at the 款 or the 项 when a
# heading names the 类 (`（一）一般公共服务（类）` / `1．党委办公厅（室）及相关机构事务（款）行政运行（项）`).
def _mark(level: str, name: str) -> str:
    return rf"[（(]\s*(?P<{name}>\d{{1,3}})?\s*{level}\s*[）)]"


_SEG = r"(?:[^（()）,，。；;：:、“”\"]|[（(](?!\s*\d{0,3}\s*[类款项]\s*[）)])[^（()）]{1,4}[）)])"
_CJK_SEG = rf"[\u4e00-\u9fff]{_SEG}{{0,24}}?"
FUNCTIONAL = re.compile(
    rf"(?P<lei>[^（()）,，。；;：:、.\d“”\"]{{2,20}}?){_mark('类', 'c1')}"
    rf"(?:(?P<kuan>{_SEG}{{1,25}}?){_mark('款', 'c2')})?"
    rf"(?:(?P<xiang>{_SEG}{{1,25}}?){_mark('项', 'c3')})?"
    rf"|(?P<kuan_>{_CJK_SEG}){_mark('款', 'c2_')}(?:(?P<xiang_>{_SEG}{{1,25}}?){_mark('项', 'c3_')})?"
    rf"|(?P<xiang__>{_CJK_SEG}){_mark('项', 'c3__')}"
)


# 小学教育（2050202）: a subject written with its functional code.
CODED = re.compile(r"(?P<name>[\u4e00-\u9fff][^，,。；;：:（()）]{0,30})[（(](?P<code>\d{3}(?:\d{2}){0,2})[）)]")


def functional_parts(m: re.Match[str]) -> tuple[list[str | None], list[str | None]]:
    """The names of 类, 款, 项 of a FUNCTIONAL match (None: not written) and their codes."""
    d = m.groupdict()
    names = [d["lei"], d["kuan"] or d["kuan_"], d["xiang"] or d["xiang_"] or d["xiang__"]]
    codes = [d["c1"], d["c2"] or d["c2_"], d["c3"] or d["c3_"] or d["c3__"]]
    return names, codes
