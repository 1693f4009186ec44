"""The report model and its stable JSON contract."""

import json
import textwrap
from decimal import Decimal as D

from test_engine_ledger import make_ledger

from auditor.engine import load_pack_text, run_rules
from auditor.ledger import DocumentInfo
from auditor.report import FileReport, Finding, Location, Skipped

LEDGER = """
# 支出决算表 page=3
| 本年支出合计 | 基本支出 | 项目支出
合计 | 117.58 | 90.00 | 27.59
201 一般公共服务支出 | 30.00 | 5.64 | 24.36
210 卫生健康支出 | 87.58 | 84.36 | 4.23
"""

RULES = """
pack: t
rules:
  - id: F101
    title: 合计等于各类之和
    severity: error
    check: column_total
    table: 支出决算表
  - id: F201
    title: 表间
    severity: error
    expr: 收入支出决算总表[本年支出合计, 决算数] == 支出决算表[合计, 本年支出合计]
"""


def test_to_json_contract():
    ledger = make_ledger(LEDGER)
    findings, skipped = run_rules(ledger, load_pack_text(textwrap.dedent(RULES)).rules)
    report = FileReport.from_ledger(ledger, findings, skipped)
    data = report.to_json()
    assert list(data) == [
        "path",
        "kind",
        "year",
        "department",
        "unit",
        "family",
        "tables",
        "coverage",
        "findings",
        "skipped",
        "error",
        "warnings",
        "suspects",
        "files",
        "claims",
    ]
    assert data["path"] == "test.txt" and data["kind"] == "final" and data["year"] == 2023
    assert data["department"] == "测试部门" and data["unit"] is None and data["error"] is None
    assert data["tables"] == [
        {"type": "支出决算表", "title": "支出决算表", "pages": [3], "lines": [2, 6], "facts": 9, "file": None}
    ]
    assert data["coverage"] == {"figures": 9, "placed": 9}
    assert data["findings"] == [
        {
            "rule": "F101",
            "severity": "error",
            "title": "合计等于各类之和",
            "message": "支出决算表 行 合计 列 项目支出：27.59 ≠ 各类科目之和 28.59，相差 -1.00",
            "expected": "28.59",
            "actual": "27.59",
            "difference": "-1.00",
            "locations": [
                {
                    "line": 4,
                    "page": 3,
                    "table": "支出决算表",
                    "row": "合计",
                    "column": "项目支出",
                    "label": None,
                    "file": None,
                },
                {
                    "line": 5,
                    "page": 3,
                    "table": "支出决算表",
                    "row": "201",
                    "column": "项目支出",
                    "label": "一般公共服务支出",
                    "file": None,
                },
                {
                    "line": 6,
                    "page": 3,
                    "table": "支出决算表",
                    "row": "210",
                    "column": "项目支出",
                    "label": "卫生健康支出",
                    "file": None,
                },
            ],
            "fingerprint": "c1c1a1e39ecec593",
        }
    ]
    assert data["skipped"] == [{"rule": "F201", "reason": "缺少表：收入支出决算总表"}]
    json.dumps(data, ensure_ascii=False)  # plain JSON types only


def test_failed_report_and_null_decimals():
    data = FileReport.failed("x.pdf", "无法读取：扫描件", "E005").to_json()
    assert data["error"] == "无法读取：扫描件" and data["kind"] is None
    assert [(f["rule"], f["severity"], f["title"], f["message"], f["locations"]) for f in data["findings"]] == [
        ("E005", "error", "PDF 没有文本层（扫描件）", "无法读取：扫描件", [])]
    assert data["tables"] == [] and data["coverage"] == {"figures": 0, "placed": 0}
    f = Finding("F201", "warning", "t", "m", None, D("70.00"), None, [Location(None, None, None, None, None)])
    assert f.to_json()["expected"] is None and f.to_json()["actual"] == "70.00"


def test_findings_sorted_by_page_line_rule():
    a = Finding("F102", "error", "t", "m", locations=[Location(5, 2, "表", "x", "a")])
    b = Finding("F101", "error", "t", "m", locations=[Location(5, 2, "表", "x", "a")])
    c = Finding("F100", "error", "t", "m", locations=[Location(9, 1, "表", "x", "a")])
    report = FileReport("p", DocumentInfo(), findings=[a, b, c], skipped=[Skipped("F1", "r")])
    assert [f["rule"] for f in report.to_json()["findings"]] == ["F100", "F101", "F102"]
    assert report.counts() == {"error": 3, "warning": 0, "info": 0}


def test_suspects_are_figures_shared_by_several_errors():
    from auditor.report.model import suspects

    shared = Location(30, None, "支出决算表", "208", "本年支出合计")
    a = Finding("F108", "error", "t", "m", locations=[shared, Location(30, None, "支出决算表", "208", "基本支出")])
    b = Finding("F110", "error", "t", "m", locations=[shared, Location(31, None, "支出决算表", "20805", "本年支出合计")])
    c = Finding("F201", "warning", "t", "m", locations=[shared])
    assert [(s.location, s.errors) for s in suspects([a, b, c])] == [(shared, 2)]
    assert suspects([a]) == []
