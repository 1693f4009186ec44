"""Tables whose items are rows (a 三公 table of `合计`, `1.因公出国（境）费` … under `预算数 | 决算数`
or year columns with 增减额 and 增减率), and `其中：` rows in lists: the exact ledger and findings.

As in test_tricky_tables: each fixture is consistent; a planted error (one figure changed)
gives exactly the findings a careful auditor expects, at the line of the changed figure.
"""

from __future__ import annotations

import pytest
from test_tricky_tables import RULES, assert_ledger, counts, findings, ledger_of, read, shape

from auditor.audit import AuditOptions, audit_document

FIXTURES = ["final-sangong-rows.txt", "final-sangong-years.txt", "budget-yuan.txt", "budget-projects.txt"]


@pytest.mark.parametrize("name", FIXTURES)
def test_consistent(name):
    # budget-projects: the 合计 is 30.00 + 20.00, the 其中 rows are not added to it
    assert findings(name) == []


# -- 三公 items as rows under 预算数 | 决算数 (final accounts) -------------------------------------

FINAL_SANGONG_ROWS = [
    ('财政拨款三公经费支出决算表', '万元', ['预算数', '决算数'], [
        '12 合计 = 12.50 10.36',
        '13 1.因公出国(境)费 = 0.00 0.00',
        '14 2.公务用车购置及运行维护费 = 8.50 7.20',
        '15 其中：(1)公务用车购置费 = 0.00 0.00',
        '16 (2)公务用车运行维护费 = 8.50 7.20',
        '17 3.公务接待费 = 4.00 3.16',
    ]),
]


def test_final_sangong_rows_ledger_marks_the_qizhong_rows():
    ledger = assert_ledger("final-sangong-rows.txt", FINAL_SANGONG_ROWS, counts(12, 0, 0))
    # `其中：（1）` and the `（2）` after it are parts of the row above them
    assert [(r.key, r.part_of) for r in ledger.tables[0].rows if r.part_of] == [
        ("其中：(1)公务用车购置费", "2.公务用车购置及运行维护费"),
        ("(2)公务用车运行维护费", "2.公务用车购置及运行维护费"),
    ]


# -- 三公 items as rows under year columns, with 增减额 and 增减率(%) ---------------------------------

FINAL_SANGONG_YEARS = [
    ('财政拨款三公经费支出决算表', '万元', ['2024年决算数', '2023年决算数', '增减额', '增减率(%)'], [
        '8 合计 = 10.36 15.00 -4.64 -30.93%',
        '9 1.因公出国(境)费 = 0.00 3.00 -3.00 -100.00%',
        '10 2.公务用车购置及运行维护费 = 7.20 8.00 -0.80 -10.00%',
        '11 其中：(1)公务用车购置费 = 0.00 0.00 0.00 .',
        '12 (2)公务用车运行维护费 = 7.20 8.00 -0.80 -10.00%',
        '13 3.公务接待费 = 3.16 4.00 -0.84 -21.00%',
    ]),
]


def test_final_sangong_years_ledger():
    ledger = assert_ledger("final-sangong-years.txt", FINAL_SANGONG_YEARS, counts(23, 0, 0))
    assert ledger.tables[0].column_units == {"增减率(%)": "%"}


# -- 三公 items as rows under 2024年预算数 | 2025年预算数 | 增减额 | 增减率 (budget, in 元) -------------

PLANTED = [
    # 三公 items as rows under 预算数 | 决算数: the 合计 row against its three items, in the
    # column of the changed figure only
    ("final-sangong-rows.txt", (12, "10.36", "10.46"), [("F132", "error", 12, "决算数", "10.46", "10.36")]),
    # an item: found at the 合计 it no longer adds up to
    ("final-sangong-rows.txt", (17, "4.00", "4.10"), [("F132", "error", 12, "预算数", "12.50", "12.60")]),
    # (1) 购置费 no longer adds up with (2) to the 公务用车 row; the 合计 is not affected
    ("final-sangong-rows.txt", (15, "0.00\t0.00", "0.00\t0.50"), [("F133", "error", 14, "决算数", "7.20", "7.70")]),
    # a difference rounding explains is no finding
    ("final-sangong-rows.txt", (15, "0.00\t0.00", "0.00\t0.01"), []),
    # year columns: 本年 is the later year whatever their order, 增减额 = 2024 − 2023
    ("final-sangong-years.txt", (10, "-0.80", "-0.90"), [("F134", "error", 10, "增减额", "-0.90", "-0.80")]),
    # a rate that agrees with neither year: (0.00 − 3.00) ÷ 3.00 = −100.00 %
    ("final-sangong-years.txt", (9, "-100.00", "-10.00"), [("F134", "error", 9, "增减率(%)", "-10.00", "-100.00")]),
    # (2) 运行维护费's 2024 figure: the 公务用车 row it is a part of, and its own 增减额
    ("final-sangong-years.txt", (12, "7.20", "7.30"), [
        ("F133", "error", 10, "2024年决算数", "7.20", "7.30"),
        ("F134", "error", 12, "增减额", "-0.80", "-0.70"),
    ]),
    # a rate within what rounding of its inputs allows: −0.84 ÷ 4.00 may be −21.10 %
    ("final-sangong-years.txt", (13, "-21.00", "-21.10"), []),
    # budget in 元 (2024年预算数 | 2025年预算数 | 增减额 | 增减率): the 合计 row against its items
    # (B136) in its year column; its 增减额 (B138)
    ("budget-yuan.txt", (43, "120,000", "121,000"), [
        ("B136", "error", 43, "2024年预算数", "121000", "120000"),
        ("B138", "error", 43, "增减额", "-20000", "-21000"),
    ]),
    # the 公务用车 row against (1) + (2) (B137), and the 合计 it is an item of (B136)
    ("budget-yuan.txt", (45, "80,000", "81,000"), [
        ("B136", "error", 43, "2024年预算数", "120000", "121000"),
        ("B137", "error", 45, "2024年预算数", "81000", "80000"),
        ("B138", "error", 45, "增减额", "-10000", "-11000"),
    ]),
    # a wrong 增减额 is one finding, in its row: the 增减额 column is not summed a second time
    ("budget-yuan.txt", (46, "0\t0\t0", "0\t0\t100"), [("B138", "error", 46, "增减额", "100", "0")]),
    ("budget-yuan.txt", (43, "-20,000", "-21,000"), [("B138", "error", 43, "增减额", "-21000", "-20000")]),
    # a wrong rate: −10,000 ÷ 40,000 is −25.00 %
    ("budget-yuan.txt", (48, "-25.00%", "-25.50%"), [("B138", "error", 48, "增减率", "-25.50", "-25.00")]),
    # −20,000 ÷ 120,000 = −16.666… cut to −16.66 instead of rounded to −16.67: a warning
    ("budget-yuan.txt", (43, "-16.67%", "-16.66%"), [("B138", "warning", 43, "增减率", "-16.66", "None")]),
    # a 其中 row of a project list raised (its own row still adding up): only B139, at that row
    ("budget-projects.txt", (26, "20.00\t20.00", "40.00\t40.00"), [
        ("B139", "error", 26, "合计", "40.00", "30.00"),
        ("B139", "error", 26, "本年拨款/一般公共预算", "40.00", "30.00"),
    ]),
    # the (2) after `其中：（1）` is a part of the same project
    ("budget-projects.txt", (29, "6.00\t3.00\t0.00\t0.00\t3.00", "26.00\t3.00\t0.00\t0.00\t23.00"), [
        ("B139", "error", 29, "单位资金", "23.00", "5.00"),
        ("B139", "error", 29, "合计", "26.00", "20.00"),
    ]),
    # a project changed: the 合计 of the list (B134), whatever its 其中 rows
    ("budget-projects.txt", (25, "30.00\t30.00", "31.00\t31.00"), [
        ("B134", "error", 24, "合计", "50.00", "51.00"),
        ("B134", "error", 24, "本年拨款/一般公共预算", "45.00", "46.00"),
    ]),
]


@pytest.mark.parametrize(("name", "plant", "expected"), PLANTED)
def test_planted_error(name, plant, expected):
    assert findings(name, plant) == expected


def test_truncated_rate_message():
    report = audit_document(read("budget-yuan.txt", (43, "-16.67%", "-16.66%")), RULES, AuditOptions(select=["B138"]))
    (f,) = report.findings
    assert f.message == (
        "三公经费支出表 行 合计 列 增减率：-16.66 是 (2025年预算数 − 2024年预算数) ÷ 2024年预算数 × 100 截断所得，"
        "四舍五入应为 -16.67"
    )


# -- 其中 rows in a project list summed flat ---------------------------------------------------

BUDGET_PROJECTS_LIST = ('部门预算项目支出表', '万元', ['合计', '本年拨款/一般公共预算', '本年拨款/政府性基金预算', '财政专户管理资金', '单位资金'], [
    '24 合计 = 50.00 45.00 0.00 0.00 5.00',
    '25 档案数字化项目 = 30.00 30.00 0.00 0.00 0.00',
    '26 其中：馆藏档案扫描 = 20.00 20.00 0.00 0.00 0.00',
    '27 档案安全保护项目 = 20.00 15.00 0.00 0.00 5.00',
    '28 其中：(1)消防设施维护 = 8.00 8.00 0.00 0.00 0.00',
    '29 (2)库房温湿度控制 = 6.00 3.00 0.00 0.00 3.00',
])


def test_budget_projects_ledger():
    ledger = ledger_of("budget-projects.txt")
    assert shape(ledger)[1] == BUDGET_PROJECTS_LIST
    assert ledger.coverage.counts() == counts(43, 0, 4)
    assert [(r.key, r.part_of) for r in ledger.tables[1].rows] == [
        ("合计", None),
        ("档案数字化项目", None),
        ("其中：馆藏档案扫描", "档案数字化项目"),
        ("档案安全保护项目", None),
        ("其中：(1)消防设施维护", "档案安全保护项目"),
        ("(2)库房温湿度控制", "档案安全保护项目"),
    ]
