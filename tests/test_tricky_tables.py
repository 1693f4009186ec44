"""Disclosures laid out otherwise than the seeds (fixtures/tricky): the exact ledger and findings.

Each fixture is consistent, so the B/F packs report nothing at or above warning; a planted error
(one figure changed in the test) gives exactly the findings a careful auditor expects, at the
line of the changed figure; a change that rounding explains gives nothing.
"""

from __future__ import annotations

from conftest import FIXTURES

from auditor.audit import AuditOptions, audit_document, load_all_rules
from auditor.extract import build_ledger
from auditor.readers.txt import read_txt_bytes

RULES = load_all_rules()
TRICKY = FIXTURES / "tricky"


def read(name: str, plant: tuple[int, str, str] | None = None):
    """The fixture as a Document; `plant` = (line, old, new) changes one figure of that line."""
    lines = (TRICKY / name).read_text(encoding="utf-8").split("\n")
    if plant is not None:
        number, old, new = plant
        assert old in lines[number - 1], lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return read_txt_bytes(name, "\n".join(lines).encode("utf-8"))


def shape(ledger):
    """Per table: type, unit, column paths, and each row as `line key = values in column order [label]`."""
    out = []
    for t in ledger.tables:
        rows = []
        for r in t.rows:
            cells = {f.column: f for f in ledger.facts if f.table_id == t.id and f.row == r.key}
            values = " ".join(str(cells[c].value) + ("" if cells[c].unit == t.unit else cells[c].unit)
                              if c in cells else "." for c in t.columns)
            rows.append(f"{r.line} {r.key} = {values}" + (f" [{r.label}]" if r.label != r.key else ""))
        out.append((t.type, t.unit, t.columns, rows))
    return out


def findings(name: str, plant: tuple[int, str, str] | None = None):
    report = audit_document(read(name, plant), RULES, AuditOptions(select=["B", "F"]))
    return [(f.rule, f.severity, f.locations[0].line, f.locations[0].column, str(f.actual), str(f.expected))
            for f in report.findings]


def ledger_of(name: str):
    return build_ledger(read(name))


def assert_ledger(name: str, expected, counts):
    ledger = ledger_of(name)
    assert shape(ledger) == expected
    assert ledger.coverage.counts() == counts
    assert ledger.coverage.placed == ledger.coverage.figures  # every figure placed
    return ledger


BUDGET_UNITS = [
    ('部门收支总表', '万元', ['收入/本年数', '支出/本年数'], [
        '11 一、一般公共预算拨款收入 = 350.00 .',
        '11 一、文化旅游体育与传媒支出 = . 300.00',
        '12 二、事业收入 = 20.00 .',
        '12 二、社会保障和就业支出 = . 50.00',
        '13 三、其他收入 = 10.00 .',
        '13 三、住房保障支出 = . 30.00',
        '14 本年收入合计 = 380.00 .',
        '14 本年支出合计 = . 380.00',
        '15 上年结转结余 = 5.00 .',
        '15 年终结转结余 = . 5.00',
        '16 收入总计 = 385.00 .',
        '16 支出总计 = . 385.00',
    ]),
    ('部门收入总表', '万元', ['合计', '本年收入/小计', '本年收入/一般公共预算', '本年收入/事业收入', '本年收入/其他收入', '上年结转结余/小计', '上年结转结余/一般公共预算'], [
        '24 合计 = 385.00 380.00 350.00 20.00 10.00 5.00 5.00',
        '25 310 = 385.00 380.00 350.00 20.00 10.00 5.00 5.00 [某市文化和旅游局]',
        '26 310001 = 245.00 240.00 240.00 0.00 0.00 5.00 5.00 [某市文化和旅游局本级]',
        '27 310002 = 140.00 140.00 110.00 20.00 10.00 0.00 0.00 [某市图书馆]',
    ]),
    ('部门支出总表', '万元', ['合计', '基本支出', '项目支出'], [
        '34 合计 = 380.00 280.00 100.00',
        '35 207 = 300.00 200.00 100.00 [文化旅游体育与传媒支出]',
        '36 20701 = 300.00 200.00 100.00 [文化和旅游]',
        '37 2070101 = 150.00 150.00 0.00 [行政运行]',
        '38 2070104 = 150.00 50.00 100.00 [图书馆]',
        '39 208 = 50.00 50.00 0.00 [社会保障和就业支出]',
        '40 20805 = 50.00 50.00 0.00 [行政事业单位养老支出]',
        '41 2080505 = 50.00 50.00 0.00 [机关事业单位基本养老保险缴费支出]',
        '42 221 = 30.00 30.00 0.00 [住房保障支出]',
        '43 22102 = 30.00 30.00 0.00 [住房改革支出]',
        '44 2210201 = 30.00 30.00 0.00 [住房公积金]',
    ]),
    ('三公经费支出表', '万元', ['三公经费合计', '因公出国(境)费', '公务用车购置及运行费/小计', '公务用车购置及运行费/公务用车购置费', '公务用车购置及运行费/公务用车运行维护费', '公务接待费'], [
        '54 合计 = 12.00 2.00 6.00 0.00 6.00 4.00',
        '55 310 = 12.00 2.00 6.00 0.00 6.00 4.00 [某市文化和旅游局]',
        '56 310001 = 9.00 2.00 4.00 0.00 4.00 3.00 [某市文化和旅游局本级]',
        '57 310002 = 3.00 0.00 2.00 0.00 2.00 1.00 [某市图书馆]',
    ]),
]

FINAL_CODE_COLUMNS = [
    ('收入支出决算总表', '万元', ['收入/决算数', '支出/决算数'], [
        '13 一、一般公共预算财政拨款收入 = 120.00 .',
        '13 一、一般公共服务支出 = . 90.00',
        '14 二、其他收入 = 5.00 .',
        '14 二、社会保障和就业支出 = . 25.00',
        '15 三、卫生健康支出 = . 10.00',
        '16 本年收入合计 = 125.00 .',
        '16 本年支出合计 = . 125.00',
        '18 使用非财政拨款结余(含专用结余) = 0.00 .',
        '17 结余分配 = . 0.00',
        '19 年初结转和结余 = 3.00 .',
        '19 年末结转和结余 = . 3.00',
        '20 总计 = 128.00 .',
        '20 总计#2 = . 128.00 [总计]',
    ]),
    ('支出决算表', '万元', ['本年支出合计', '基本支出', '项目支出'], [
        '33 合计 = 125.00 95.00 30.00 [总计]',
        '34 201 = 90.00 60.00 30.00 [一般公共服务支出]',
        '35 20126 = 90.00 60.00 30.00 [档案事务]',
        '36 2012601 = 60.00 60.00 0.00 [行政运行]',
        '37 2012604 = 30.00 0.00 30.00 [档案馆]',
        '38 208 = 25.00 25.00 0.00 [社会保障和就业支出]',
        '39 20805 = 25.00 25.00 0.00 [行政事业单位养老支出]',
        '41 2080505 = 18.00 18.00 0.00 [机关事业单位基本养老保险缴费支出]',
        '42 2080506 = 7.00 7.00 0.00 [机关事业单位职业年金缴费支出]',
        '51 210 = 10.00 10.00 0.00 [卫生健康支出]',
        '52 21011 = 10.00 10.00 0.00 [行政事业单位医疗]',
        '53 2101101 = 6.00 6.00 0.00 [行政单位医疗]',
        '54 2101103 = 4.00 4.00 0.00 [公务员医疗补助]',
    ]),
    ('一般公共预算财政拨款基本支出决算表', '万元', ['决算数'], [
        '65 301 = 60.00 [工资福利支出]',
        '65 302 = 12.00 [商品和服务支出]',
        '65 310 = 3.00 [资本性支出]',
        '66 30101 = 30.00 [基本工资]',
        '66 30201 = 4.00 [办公费]',
        '66 31002 = 3.00 [办公设备购置]',
        '67 3010101 = 28.00 [基本工资(在职)]',
        '67 30211 = 2.00 [差旅费]',
        '67 399 = 0.00 [其他支出]',
        '68 3010102 = 2.00 [基本工资(离休)]',
        '68 30217 = 1.00 [公务接待费]',
        '68 39999 = 0.00 [其他支出]',
        '69 30102 = 20.00 [津贴补贴]',
        '69 30228 = 5.00 [工会经费]',
        '70 30108 = 10.00 [机关事业单位基本养老保险缴费]',
        '70 303 = 20.00 [对个人和家庭的补助]',
        '71 30302 = 20.00 [退休费]',
        '72 人员经费合计 = 80.00',
        '72 公用经费合计 = 15.00',
    ]),
]

BUDGET_YUAN = [
    ('部门收支总表', '元', ['收入/预算数', '支出/预算数'], [
        '11 一、一般公共预算拨款收入 = 2600000 .',
        '11 一、农林水支出 = . 2400000',
        '12 二、政府性基金预算拨款收入 = 0 .',
        '12 二、社会保障和就业支出 = . 300000',
        '13 三、事业收入 = . .',
        '13 三、住房保障支出 = . 100000',
        '14 四、其他收入 = 203000 .',
        '15 本年收入合计 = 2803000 .',
        '15 本年支出合计 = . 2800000',
        '16 上年结转结余 = -3000 .',
        '16 年终结转结余 = . 0',
        '17 收入总计 = 2800000 .',
        '17 支出总计 = . 2800000',
    ]),
    ('部门支出总表', '元', ['合计', '基本支出', '项目支出'], [
        '26 合计 = 2800000 1900000 900000',
        '27 213 = 2400000 1500000 900000 [农林水支出]',
        '28 21303 = 2400000 1500000 900000 [水利]',
        '29 2130301 = 1500000 1500000 0 [行政运行]',
        '30 2130306 = 900000 . 900000 [水利工程运行与维护]',
        '31 208 = 300000 300000 0 [社会保障和就业支出]',
        '32 20805 = 300000 300000 0 [行政事业单位养老支出]',
        '33 2080505 = 300000 300000 0 [机关事业单位基本养老保险缴费支出]',
        '34 221 = 100000 100000 0 [住房保障支出]',
        '35 22102 = 100000 100000 0 [住房改革支出]',
        '36 2210201 = 100000 100000 0 [住房公积金]',
    ]),
    ('三公经费支出表', '元', ['2024年预算数', '2025年预算数', '增减额', '增减率'], [
        '43 合计 = 120000 100000 -20000 -16.67%',
        '44 1.因公出国(境)费 = 0 0 0 .',
        '45 2.公务用车购置及运行费 = 80000 70000 -10000 -12.50%',
        '46 其中：(1)公务用车购置费 = 0 0 0 .',
        '47 (2)公务用车运行维护费 = 80000 70000 -10000 -12.50%',
        '48 3.公务接待费 = 40000 30000 -10000 -25.00%',
    ]),
    ('未识别表格', '人', ['编制数', '实有人数'], [
        '55 行政编制 = 12 11',
        '56 事业编制 = 30 28',
    ]),
    ('政府采购合同表', '元', ['项目金额(元)'], [
        '61 水利工程运行维护服务 = 500000',
        '62 办公设备采购 = 86500',
        '63 合计 = 586500',
    ]),
]

BUDGET_CONTINUATIONS = [
    ('部门收支总表', '万元', ['收入/金额', '支出/金额'], [
        '11 一、一般公共预算拨款收入 = 200.00 .',
        '11 一、一般公共服务支出 = . 180.00',
        '13 其中：专项资金 = 40.00 .',
        '12 二、社会保障和就业支出 = . 30.00',
        '14 二、事业收入 = 10.00 .',
        '15 本年收入合计 = 210.00 .',
        '15 本年支出合计 = . 210.00',
        '16 上年结转结余 = 0.00 .',
        '16 年终结转结余 = . 0.00',
        '17 收入总计 = 210.00 .',
        '17 支出总计 = . 210.00',
    ]),
    ('一般公共预算支出表', '万元', ['合计', '基本支出/小计', '基本支出/人员经费', '基本支出/公用经费', '项目支出'], [
        '27 合计 = 200.00 160.00 140.00 20.00 40.00',
        '28 201 = 180.00 140.00 120.00 20.00 40.00 [一般公共服务支出]',
        '29 20105 = 180.00 140.00 120.00 20.00 40.00 [统计信息事务]',
        '30 2010501 = 140.00 140.00 120.00 20.00 0.00 [行政运行]',
        '31 2010507 = 40.00 0.00 0.00 0.00 40.00 [专项普查活动]',
        '37 208 = 20.00 20.00 20.00 0.00 0.00 [社会保障和就业支出]',
        '38 20805 = 20.00 20.00 20.00 0.00 0.00 [行政事业单位养老支出]',
        '39 2080505 = 20.00 20.00 20.00 0.00 0.00 [机关事业单位基本养老保险缴费支出]',
    ]),
]


def counts(fact, index, code, identifier=0):
    return {"fact": fact, "index": index, "code": code, "identifier": identifier, "unplaced": 0}


# -- a budget of a department with two units (310 = 310001 + 310002) -------------------------

def test_budget_units_ledger():
    ledger = assert_ledger("budget-units.txt", BUDGET_UNITS, counts(97, 0, 16))
    # `部门：X　　单位：万元` in one cell and `部门：X | 单位：万元` in two give the same
    assert [(t.department, t.unit) for t in ledger.tables] == [("某市文化和旅游局", "万元")] * 4


def test_budget_units_consistent():
    assert findings("budget-units.txt") == []


def test_budget_units_wrong_unit_figure_is_found_at_the_department():
    # 310002's 其他收入 (and its 小计/合计, so that its own row adds up) no longer sum to 310
    planted = (27, "140.00\t140.00\t110.00\t20.00\t10.00", "142.00\t142.00\t110.00\t20.00\t12.00")
    assert findings("budget-units.txt", planted) == [
        ("B109", "error", 25, "合计", "385.00", "387.00"),
        ("B109", "error", 25, "本年收入/其他收入", "10.00", "12.00"),
        ("B109", "error", 25, "本年收入/小计", "380.00", "382.00"),
    ]
    # the same in the 三公 table (B135): a unit's 公务接待费 and its 合计
    planted = (57, "3.00\t0.00\t2.00\t0.00\t2.00\t1.00", "3.50\t0.00\t2.00\t0.00\t2.00\t1.50")
    assert findings("budget-units.txt", planted) == [
        ("B135", "error", 55, "三公经费合计", "12.00", "12.50"),
        ("B135", "error", 55, "公务接待费", "4.00", "4.50"),
    ]
    # a unit whose own row does not add up is found in its row
    planted = (57, "3.00\t0.00", "3.20\t0.00")
    assert findings("budget-units.txt", planted) == [
        ("B135", "error", 55, "三公经费合计", "12.00", "12.20"),
        ("B124", "error", 57, "三公经费合计", "3.20", "3.00"),
    ]


# -- a final account with codes in 类/款/项 columns, wrapped labels, 续 and 总计 -----------------

def test_final_code_columns_ledger():
    ledger = assert_ledger("final-code-columns.txt", FINAL_CODE_COLUMNS, counts(71, 20, 29))
    table = ledger.tables[1]
    # `总计` of a coded table is addressed as 合计, printed as 总计; the 续 page is the same table
    assert (table.rows[0].key, table.rows[0].label, table.last_line) == ("合计", "总计", 54)


def test_final_code_columns_consistent():
    assert findings("final-code-columns.txt") == []


def test_final_code_columns_planted_errors():
    # an 项 row (`| | 06`) that no longer adds up to its 款 20805
    assert findings("final-code-columns.txt", (42, "7.00\t7.00", "8.00\t8.00")) == [
        ("F110", "error", 39, "基本支出", "25.00", "26.00"),
        ("F110", "error", 39, "本年支出合计", "25.00", "26.00"),
    ]
    # a figure on the second line of a wrapped label: found at that line, under its code
    assert findings("final-code-columns.txt", (41, "18.00\t18.00", "18.00\t17.00")) == [
        ("F110", "error", 39, "基本支出", "25.00", "24.00"),
        ("F108", "error", 41, "本年支出合计", "18.00", "17.00"),
    ]
    # the economic table's 人员经费合计 against 301 + 303 over three side-by-side groups
    assert findings("final-code-columns.txt", (72, "80.00", "81.00")) == [
        ("F121", "error", 72, "决算数", "81.00", "80.00"),
    ]


# -- a budget in 元 without decimals: dashes, blanks, negatives, percentages, other tables -------

def test_budget_yuan_ledger():
    ledger = assert_ledger("budget-yuan.txt", BUDGET_YUAN, counts(73, 2, 10))
    assert ledger.info.unit == "元"
    dash = next(f for f in ledger.facts if f.row == "二、政府性基金预算拨款收入")
    assert (dash.value, dash.decimals) == (0, 0)
    unknown, contracts = ledger.tables[3], ledger.tables[4]
    assert (unknown.type, unknown.title, unknown.unit, unknown.money) == ("未识别表格", "机关运行经费及人员编制情况表",
                                                                         "人", False)
    assert unknown.department is None  # `单位：人` is a unit, not a department
    assert (contracts.type, contracts.title) == ("政府采购合同表", "政府采购项目明细")  # typed by its header


def test_budget_yuan_consistent_and_rounding():
    assert findings("budget-yuan.txt") == []
    # one 元 off in a table without decimals is what rounding allows
    assert findings("budget-yuan.txt", (30, "900,000\t\t900,000", "900,000\t\t900,001")) == []


def test_budget_yuan_planted_error():
    assert findings("budget-yuan.txt", (30, "900,000\t\t900,000", "900,000\t\t900,100")) == [
        ("B112", "error", 28, "项目支出", "900000", "900100"),
        ("B110", "error", 30, "合计", "900000", "900100"),
    ]


# -- 其中 rows, a 续表 block with its header repeated, a label wrapped after its figures ---------

def test_budget_continuations_ledger():
    ledger = assert_ledger("budget-continuations.txt", BUDGET_CONTINUATIONS, counts(51, 0, 7))
    assert len(ledger.tables) == 2 and ledger.tables[1].last_line == 40


def test_budget_continuations_consistent():
    assert findings("budget-continuations.txt") == []


def test_other_rows_are_not_added_twice():
    # `其中：专项资金` is part of 一、; raising it changes no total
    assert findings("budget-continuations.txt", (13, "40.00", "400.00")) == []
    assert findings("budget-continuations.txt", (16, "上年结转结余\t0.00", "上年结转结余\t5.00")) == [
        ("B102", "error", 17, "收入/金额", "210.00", "215.00"),
    ]
