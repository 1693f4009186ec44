"""The project installs as a plain wheel: the built-in packs travel inside it, nothing is read from
the checkout, and a broken install stops with a clear message instead of auditing with no rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from conftest import FINAL_SEED
from typer.testing import CliRunner

from auditor import __version__, paths
from auditor.audit import AuditOptions, audit_file, load_all_rules
from auditor.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "auditor").rglob("__init__.py")}
    assert listed == found | {"auditor.rules"}


def test_builtin_packs_are_read_from_the_rules_package():
    assert paths.RULES_DIR == (ROOT / "rules").resolve()  # editable install: the one copy in rules/
    assert {p.name for p in paths.require_builtin_data(("final.yaml", "budget.yaml"))} == {"final.yaml", "budget.yaml"}


@pytest.mark.parametrize("args", [["rules"], ["check", str(FINAL_SEED)], ["extract", str(FINAL_SEED)]])
def test_an_install_without_its_packs_stops_with_exit_2(tmp_path, monkeypatch, args):
    monkeypatch.setattr(paths, "RULES_DIR", tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "auditor 安装不完整" in result.output and str(tmp_path) in result.output


def test_a_missing_reader_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "final.yaml").write_text("pack: x\n", encoding="utf-8")
    monkeypatch.setattr(paths, "RULES_DIR", tmp_path)
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 2 and "找不到aliases.yaml、vocabulary.yaml" in result.output


def test_version():
    for flag in ("--version", "-V"):
        result = subprocess.run([sys.executable, "-m", "auditor", flag], capture_output=True, text=True)
        assert (result.returncode, result.stdout) == (0, f"auditor {__version__}\n")


def test_wheel_installed_elsewhere_audits_like_the_checkout(tmp_path):
    """Build the wheel, install it into a new venv outside the checkout and audit the final seed there."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("auditor-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    seed = work / FINAL_SEED.name
    seed.write_bytes(FINAL_SEED.read_bytes())
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def audit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bin_dir / "audit"), *args], cwd=work, env=clean_env, capture_output=True,
                              text=True)

    version = audit("--version")
    assert version.stdout == f"auditor {__version__}\n"
    listed = json.loads(audit("rules", "--format", "json").stdout)["rules"]
    assert len(listed) == len(load_all_rules()) > 100
    checked = audit(seed.name, "--format", "json")
    assert checked.returncode == 1, checked.stderr
    (report,) = json.loads(checked.stdout)["files"]
    here = audit_file(FINAL_SEED, load_all_rules(), AuditOptions())
    assert [(f["rule"], f["locations"][0]["line"]) for f in report["findings"]] == [
        (f.rule, f.locations[0].line) for f in here.findings]
    assert [f["rule"] for f in report["findings"]] == ["N106", "N107", "D302", "D302", "D302", "N103", "N104"]
    imported = subprocess.run([str(bin_dir / "python"), "-c", "import auditor.paths as p; print(p.RULES_DIR)"],
                              cwd=work, env=clean_env, capture_output=True, text=True).stdout
    assert str(env_dir) in imported and str(ROOT) not in imported


def test_pre_commit_hook_picks_disclosures_not_requirements():
    import re

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    pattern = re.compile(hook["files"])
    chosen = [name for name in ("requirements.txt", "notes.txt", "docs/readme.txt", "2024年部门决算.pdf",
                                "a/b/report.PDF.txt", "x/2025年部门预算公开.txt", "seeds/pingfang-2023-final.txt",
                                "scan.pdf") if pattern.search(name)]
    assert chosen == ["2024年部门决算.pdf", "x/2025年部门预算公开.txt", "seeds/pingfang-2023-final.txt", "scan.pdf"]
    assert "--quiet" in hook["entry"]


def test_quiet_prints_findings_only(tmp_path):
    budget = FINAL_SEED.parent / "mohe-smart-city-2025-budget.txt"
    result = CliRunner().invoke(app, ["check", "-q", "--no-color", str(FINAL_SEED), str(budget)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [ln for ln in lines if not ln.startswith(" ")] == [str(budget), str(FINAL_SEED)]
    assert sum(1 for ln in lines if ln.startswith("    错误") or ln.startswith("    警告")) == 2 + 7
    assert "用时" not in result.output and "共 2 个文件" not in result.output


def test_example_workflow_installs_for_real_and_may_upload_sarif():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "audit-disclosures.example.yml").read_text("utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    runs = [step.get("run", "") for step in workflow["jobs"]["audit"]["steps"]]
    assert "pip install ." in runs and not any("example.invalid" in r for r in runs)
    assert "audit fixtures/seeds/ --format sarif -o audit.sarif || [ $? -eq 1 ]" in runs
    upload = next(s for s in workflow["jobs"]["audit"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "audit.sarif"
    assert any("--format github" in r for r in runs) and any("$GITHUB_STEP_SUMMARY" in r for r in runs)
