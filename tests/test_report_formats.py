"""`--format sarif` (validated against the SARIF 2.1.0 schema) and `--format junit` (well-formed XML)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import BUDGET_SEED, FINAL_SEED, FIXTURES
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()
ROOT = FIXTURES.parent
SMALL = Path("fixtures/tricky/final-small-errors.txt")  # relative: SARIF URIs are relative to the cwd
TEMPLATE_PDF = FIXTURES / "pdf" / "national-final-accounts-template.pdf"
SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def sarif(*args: str, exit_code: int | None = None) -> dict:
    result = runner.invoke(app, ["check", *args, "--format", "sarif"])
    if exit_code is not None:
        assert result.exit_code == exit_code, result.output
    data = json.loads(result.stdout)
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return data


def json_report(*args: str) -> dict:
    return json.loads(runner.invoke(app, ["check", *args, "--format", "json"]).stdout)


def test_schema_file_is_the_sarif_2_1_0_schema():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


@pytest.mark.parametrize("seed", [BUDGET_SEED, FINAL_SEED], ids=["budget", "final"])
def test_sarif_of_a_seed_is_valid_and_has_a_result_per_finding(seed: Path):
    data = sarif(str(seed.relative_to(ROOT)))
    assert data["version"] == "2.1.0" and len(data["runs"]) == 1
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "auditor" and driver["version"]
    findings = json_report(str(seed))["files"][0]["findings"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        (f["rule"], {"info": "note"}.get(f["severity"], f["severity"])) for f in findings]
    ids = [d["id"] for d in driver["rules"]]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
            "uri": seed.relative_to(ROOT).as_posix(), "uriBaseId": "%SRCROOT%"}
    kind = "budget" if seed == BUDGET_SEED else "final"
    assert all(kind in d["properties"]["kinds"] for d in driver["rules"])
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_rule_descriptors():
    run = sarif(str(SMALL), "--select", "F101,N")["runs"][0]
    rules = {d["id"]: d for d in run["tool"]["driver"]["rules"]}
    assert "F101" in rules and all(i == "F101" or i.startswith("N") for i in rules)
    f101 = rules["F101"]
    assert f101["shortDescription"] == {"text": "收入支出决算总表的本年收入合计、本年支出合计等于各项之和"}
    assert f101["fullDescription"]["text"].startswith("本年收入合计 = ")
    assert f101["defaultConfiguration"] == {"level": "error"}
    assert f101["name"] == "ColumnTotal"


def loc(line: int, table: str, row: str, column: str, label: str | None = None, number: int | None = None) -> dict:
    where = f"{table} 第{line}行 行[{row}{' ' + label if label else ''}] 列[{column}]"
    out: dict = {} if number is None else {"id": number}
    out["physicalLocation"] = {"artifactLocation": {"uri": SMALL.as_posix(), "uriBaseId": "%SRCROOT%"},
                               "region": {"startLine": line}}
    out["message"] = {"text": where}
    out["properties"] = {"table": table, "row": row, **({"label": label} if label else {}), "column": column}
    return out


def result(rule: str, message: str, values: tuple[str, str, str], title: str, first: dict, *related: dict) -> dict:
    expected, actual, difference = values
    return {
        "ruleId": rule, "level": "error",
        "message": {"text": f"{message}（应为 {expected}，实为 {actual}，相差 {difference}）"},
        "locations": [first], "relatedLocations": list(related),
        "properties": {"title": title, "expected": expected, "actual": actual, "difference": difference},
    }


EXPECTED_RESULTS = [
    result("F203", "收入支出决算总表 行 二、社会保障和就业支出 列 支出/金额：20.00 ≠ 支出决算表 行 208 社会保障和就业支出 "
           "列 本年支出合计 21.00，相差 -1.00", ("21.00", "20.00", "-1.00"), "总表各类支出与支出决算表各类科目一致",
           loc(14, "收入支出决算总表", "二、社会保障和就业支出", "支出/金额"),
           loc(30, "支出决算表", "208", "本年支出合计", "社会保障和就业支出", 1)),
    result("F109", "支出决算表 行 合计 列 本年支出合计：100.00 ≠ 各类科目之和 101.00，相差 -1.00",
           ("101.00", "100.00", "-1.00"), "支出决算表合计行等于各类科目之和",
           loc(25, "支出决算表", "合计", "本年支出合计"),
           loc(26, "支出决算表", "201", "本年支出合计", "一般公共服务支出", 1),
           loc(30, "支出决算表", "208", "本年支出合计", "社会保障和就业支出", 2)),
    result("F108", "支出决算表 行 208 社会保障和就业支出 列 本年支出合计：21.00 ≠ 基本支出、项目支出 之和 20.00，相差 1.00",
           ("20.00", "21.00", "1.00"), "支出决算表本年支出合计等于各项支出之和",
           loc(30, "支出决算表", "208", "本年支出合计", "社会保障和就业支出"),
           loc(30, "支出决算表", "208", "基本支出", "社会保障和就业支出", 1),
           loc(30, "支出决算表", "208", "项目支出", "社会保障和就业支出", 2)),
    result("F110", "支出决算表 行 208 社会保障和就业支出 列 本年支出合计：21.00 ≠ 各款之和 20.00，相差 1.00",
           ("20.00", "21.00", "1.00"), "支出决算表科目层级（类＝各款之和，款＝各项之和）",
           loc(30, "支出决算表", "208", "本年支出合计", "社会保障和就业支出"),
           loc(31, "支出决算表", "20805", "本年支出合计", "行政事业单位养老支出", 1)),
]


def test_sarif_results_exact():
    run = sarif(str(SMALL), "--select", "F", exit_code=1)["runs"][0]
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert "F101" in ids and all(i.startswith("F") for i in ids)
    results = run["results"]
    for r in results:
        assert ids[r.pop("ruleIndex")] == r["ruleId"]
    # the fingerprints are those of the JSON report, under one versioned key
    findings = json_report(str(SMALL), "--select", "F")["files"][0]["findings"]
    assert [r.pop("partialFingerprints") for r in results] == [
        {"auditorFinding/v1": f["fingerprint"]} for f in findings]
    assert len({f["fingerprint"] for f in findings}) == 4
    assert results == EXPECTED_RESULTS
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.resolve().as_uri() + "/"}}


def test_sarif_of_a_pdf_puts_the_page_in_the_message_and_properties():
    run = sarif(str(TEMPLATE_PDF.relative_to(ROOT)), "--select", "D101")["runs"][0]
    first = run["results"][0]
    assert first["ruleId"] == "D101" and first["level"] == "warning"
    location = first["locations"][0]
    page, line = location["properties"]["page"], location["physicalLocation"]["region"]["startLine"]
    assert first["message"]["text"].startswith(f"第{page}页：")
    assert first["properties"]["page"] == page
    assert location["message"]["text"].startswith(f"第{page}页第{line}行")


def test_sarif_of_an_input_that_could_not_be_audited(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    missing = tmp_path / "missing.txt"
    run = sarif(str(bad), str(missing), str(SMALL), "--select", "F1", exit_code=2)["runs"][0]
    failed = [r for r in run["results"] if r["ruleId"].startswith("E")]
    assert [(r["ruleId"], r["level"]) for r in failed] == [("E002", "error"), ("E001", "error")]
    assert failed[0]["message"]["text"] == f"{bad}: 不是文本文件（二进制内容），无法审核"
    assert failed[0]["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": bad.as_uri()}}}]
    rules = run["tool"]["driver"]["rules"]
    assert {"E001", "E002"} <= {d["id"] for d in rules}
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [(n["level"], n["associatedRule"]["id"], n["message"]["text"]) for n in notes] == [
        ("error", "E002", failed[0]["message"]["text"]), ("error", "E001", failed[1]["message"]["text"])]
    assert len([r for r in run["results"] if r["ruleId"].startswith("F")]) == 3


def junit(*args: str) -> tuple[ET.Element, int]:
    result = runner.invoke(app, ["check", *args, "--format", "junit"])
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(result.stdout.encode("utf-8")), result.exit_code


def test_junit_counts_and_failures():
    root, code = junit(str(SMALL), "--select", "F")
    assert code == 1
    report = json_report(str(SMALL), "--select", "F")["files"][0]
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert all(c.get("classname") == str(SMALL) for c in cases)
    assert len(names) == len(set(names)) and all(n.startswith("F") for n in names)
    failed = {c.get("name").split()[0]: c.findall("failure") for c in cases if c.findall("failure")}
    assert {k: len(v) for k, v in failed.items()} == {"F203": 1, "F109": 1, "F108": 1, "F110": 1}
    assert failed["F109"][0].get("message") == report["findings"][1]["message"]
    assert failed["F109"][0].text.splitlines()[0] == "错误 F109 支出决算表 第25行 行[合计] 列[本年支出合计]"
    assert "应为 101.00，实为 100.00，相差 -1.00" in failed["F109"][0].text
    found = {f["rule"] for f in report["findings"]}
    skipped = {s["rule"] for s in report["skipped"]} - found
    assert {c.get("name").split()[0] for c in cases if c.find("skipped") is not None} == skipped
    expected = {"tests": len(cases), "failures": 4, "errors": 0, "skipped": len(skipped)}
    assert {k: int(suite.get(k)) for k in expected} == expected
    assert {k: int(root.get(k)) for k in expected} == expected


def test_junit_fail_on_decides_what_fails(tmp_path: Path):
    report = json_report(str(TEMPLATE_PDF), "--select", "D")["files"][0]
    warned = {f["rule"] for f in report["findings"] if f["severity"] == "warning"}
    assert warned
    root, code = junit(str(TEMPLATE_PDF), "--select", "D")  # --fail-on error: warnings are not failures
    assert code == 0 and root.get("failures") == "0"
    outs = {c.get("name").split()[0] for c in root.iter("testcase") if c.find("system-out") is not None}
    assert warned <= outs
    root, code = junit(str(TEMPLATE_PDF), "--select", "D", "--fail-on", "warning")
    assert code == 1 and int(root.get("failures")) == len(warned)


def test_junit_error_testcase_for_a_file_not_audited(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    root, code = junit(str(bad), str(SMALL), "--select", "F1")
    assert code == 2
    assert (root.get("errors"), root.get("failures")) == ("1", "3")
    suite = next(s for s in root.findall("testsuite") if s.get("name") == str(bad))
    (case,) = suite.findall("testcase")
    assert case.get("name") == "E002 不是可读的文本文件"
    assert case.find("error").get("type") == "E002"
    assert (suite.get("tests"), suite.get("errors")) == ("1", "1")


def test_the_schema_rejects_what_sarif_forbids():
    data = sarif(str(SMALL), "--select", "F1")
    data["runs"][0]["results"][0]["level"] = "info"  # SARIF levels: none, note, warning, error
    assert not VALIDATOR.is_valid(data)
