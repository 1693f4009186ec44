"""PDF inputs end to end: the same findings as the .txt seeds, and bad PDFs as clear `E` errors."""

from __future__ import annotations

import json

import pytest
from conftest import BUDGET_SEED, FINAL_SEED, FIXTURES
from typer.testing import CliRunner

from auditor.audit import AuditOptions, audit_file, load_all_rules
from auditor.cli import app

runner = CliRunner()
GENERATED = FIXTURES / "pdf" / "generated"
RULES = load_all_rules()


def essence(report):
    """A finding without its place: rule, severity, figures (lines and pages differ by design)."""
    return sorted((f.rule, f.severity, f.expected, f.actual, f.difference) for f in report.findings)


@pytest.mark.parametrize("seed", [BUDGET_SEED, FINAL_SEED], ids=["budget", "final"])
def test_pdf_made_from_a_seed_gives_the_seed_findings(seed):
    pdf = GENERATED / (seed.stem + ".pdf")
    from_txt = audit_file(seed, RULES, AuditOptions())
    from_pdf = audit_file(pdf, RULES, AuditOptions())
    assert from_pdf.error is None
    assert essence(from_pdf) == essence(from_txt)
    assert all(loc.page is not None for f in from_pdf.findings for loc in f.locations if loc.line is not None)


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [("encrypted.pdf", "E004", "PDF 文件已加密，需要密码才能打开，无法读取"),
     ("scanned.pdf", "E005", "PDF 没有文本层（可能是扫描件），需要先做OCR识别"),
     ("truncated.pdf", "E006", "PDF 文件不完整（可能下载中断或文件被截断），无法读取")],
)
def test_bad_pdf_is_a_clear_error_with_exit_2(name, code, message):
    path = GENERATED / name
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    file = json.loads(result.stdout)["files"][0]
    assert file["error"] == f"{path}: {message}"
    assert [(f["rule"], f["severity"]) for f in file["findings"]] == [(code, "error")]
    text = runner.invoke(app, ["check", str(path), "--no-color"])
    assert text.exit_code == 2 and "Traceback" not in text.output
    assert f"无法审核：{path}: {message}" in text.output
