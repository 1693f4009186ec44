"""Config files: where they are found, what they may say, and that the command line wins."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app
from auditor.config import ConfigError, find_config, load_config, resolve

SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A folder with two copies of the small final-accounts fixture, as the current folder."""
    (tmp_path / "disclosures").mkdir()
    shutil.copy(SMALL, tmp_path / "disclosures" / "a.txt")
    shutil.copy(SMALL, tmp_path / "disclosures" / "b.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str) -> dict[str, list[str]]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return {f["path"]: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}


def test_the_closest_config_wins_and_pyproject_needs_its_table(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "audit.toml").write_text('select = ["F"]\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "audit.toml"  # the pyproject has no [tool.auditor]
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.auditor]\nselect = ["N"]\n', encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / "pyproject.toml"
    (tmp_path / "a" / ".audit.toml").write_text('select = ["D"]\n', encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / ".audit.toml"  # same folder: .audit.toml first
    assert load_config(tmp_path / "a" / "pyproject.toml").values == {"select": ["N"]}


def test_per_file_ignores_silence_exactly_the_named_rule_on_the_named_file(project: Path):
    assert findings("disclosures") == {"disclosures/a.txt": ["F203", "F109", "F108", "F110"],
                                       "disclosures/b.txt": ["F203", "F109", "F108", "F110"]}
    (project / "audit.toml").write_text('[per-file-ignores]\n"disclosures/a.txt" = ["F109"]\n"b.txt" = ["F2"]\n',
                                        encoding="utf-8")
    assert findings("disclosures") == {"disclosures/a.txt": ["F203", "F108", "F110"],
                                       "disclosures/b.txt": ["F109", "F108", "F110"]}


def test_a_negated_per_file_pattern_applies_to_the_other_files(project: Path):
    (project / "audit.toml").write_text('select = ["F1"]\n[per-file-ignores]\n"!a.txt" = ["F109"]\n',
                                        encoding="utf-8")
    assert findings("disclosures") == {"disclosures/a.txt": ["F109", "F108", "F110"],
                                       "disclosures/b.txt": ["F108", "F110"]}


def test_per_file_ignores_are_relative_to_the_config_file(project: Path, monkeypatch):
    (project / "audit.toml").write_text('select = ["F1"]\n[per-file-ignores]\n"/disclosures/a.txt" = ["F109"]\n',
                                        encoding="utf-8")
    monkeypatch.chdir(project / "disclosures")
    assert findings(".") == {"a.txt": ["F108", "F110"], "b.txt": ["F109", "F108", "F110"]}


def test_command_line_options_override_the_config(project: Path):
    (project / "pyproject.toml").write_text(
        '[tool.auditor]\nselect = ["F1"]\nextend-ignore = ["F110"]\nfail-on = "warning"\nformat = "json"\n',
        encoding="utf-8")
    result = runner.invoke(app, ["check", "disclosures/a.txt"])
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["F109", "F108"]
    assert findings("disclosures/a.txt", "--select", "F2") == {"disclosures/a.txt": ["F203"]}
    assert findings("disclosures/a.txt", "--extend-ignore", "F109") == {"disclosures/a.txt": ["F108"]}
    assert findings("disclosures/a.txt", "--extend-select", "F203") == {
        "disclosures/a.txt": ["F203", "F109", "F108"]}
    assert findings("disclosures/a.txt", "--isolated", "--select", "F1") == {
        "disclosures/a.txt": ["F109", "F108", "F110"]}


def test_rules_in_the_config_are_relative_to_it(project: Path, monkeypatch):
    (project / "packs").mkdir()
    (project / "packs" / "mine.yaml").write_text(
        "pack: mine\nrules:\n  - id: C901\n    title: 项目支出不少于基本支出\n    severity: warning\n"
        "    expr: 支出决算表[合计, 项目支出] >= 支出决算表[合计, 基本支出]\n", encoding="utf-8")
    (project / "audit.toml").write_text('rules = ["packs/mine.yaml"]\nselect = ["C9"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "disclosures")
    assert findings("a.txt") == {"a.txt": ["C901"]}


def test_show_settings_says_where_each_setting_came_from(project: Path):
    config = project / "audit.toml"
    config.write_text('select = ["F", "N"]\nexclude = ["drafts/"]\nbaseline = "known.json"\n'
                      '[per-file-ignores]\n"a.txt" = ["F109"]\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--show-settings", "--fail-on", "warning", "--exclude", "old/", "-j", "0"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"配置文件：{config}",
        f'select = ["F", "N"]  # {config}',
        "ignore = []  # 默认",
        "extend-select = []  # 默认",
        "extend-ignore = []  # 默认",
        f'per-file-ignores = {{ "a.txt" = ["F109"] }}  # {config}',
        'fail-on = "warning"  # 命令行',
        "rules = []  # 默认",
        f'exclude = ["drafts/", "old/"]  # {config} + 命令行',
        "jobs = 0  # 命令行",
        'pdf-engine = "auto"  # 默认',
        f'baseline = "{project / "known.json"}"  # {config}',
        'format = "text"  # 默认',
    ]
    isolated = runner.invoke(app, ["check", "--show-settings", "--isolated"])
    assert isolated.stdout.splitlines()[:2] == ["配置文件：（无）", "select = []  # 默认"]


@pytest.mark.parametrize(("text", "message"), [
    ('selct = ["F"]\n', "未知的设置项 selct（是否想写 select？）"),
    ('colour = "never"\n', "未知的设置项 colour（可用的设置项：select、ignore、extend-select、extend-ignore、"
                           "per-file-ignores、fail-on、rules、exclude、jobs、pdf-engine、baseline、format）"),
    ('select = "F"\n', 'select 应为字符串列表，如 select = ["F1", "N"]'),
    ('fail-on = "fatal"\n', 'fail-on 应为 error、warning、info 之一（现为 "fatal"）'),
    ("jobs = -1\n", "jobs 应为不小于 0 的整数（0 = CPU 个数）"),
    ('format = "xml"\n', "format 应为 text、json、sarif、junit、github、gitlab、csv、markdown 之一（现为 \"xml\"）"),
    ('[per-file-ignores]\n"a.txt" = "F1"\n', 'per-file-ignores."a.txt" 应为字符串列表'),
])
def test_a_bad_config_is_one_line_and_exit_2(project: Path, text: str, message: str):
    config = project / "audit.toml"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "disclosures"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：配置文件 {config}：{message}")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_unknown_key_in_pyproject_names_the_table(project: Path):
    (project / "pyproject.toml").write_text('[tool.auditor]\nfoo = 1\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "disclosures"])
    assert result.exit_code == 2
    assert f"配置文件 {project / 'pyproject.toml'}[tool.auditor]：未知的设置项 foo" in result.stderr


def test_broken_toml_missing_config_and_unknown_rule_ids(project: Path):
    (project / "audit.toml").write_text("select = [\n", encoding="utf-8")
    broken = runner.invoke(app, ["check", "disclosures"])
    assert broken.exit_code == 2 and f"配置文件 {project / 'audit.toml'} 不是有效的 TOML" in broken.stderr
    missing = runner.invoke(app, ["check", "disclosures", "--config", "nowhere.toml"])
    assert missing.exit_code == 2 and f"配置文件不存在：{project / 'nowhere.toml'}" in missing.stderr
    (project / "audit.toml").write_text('[per-file-ignores]\n"a.txt" = ["X9"]\n', encoding="utf-8")
    unknown = runner.invoke(app, ["check", "disclosures"])
    assert unknown.exit_code == 2 and 'per-file-ignores "a.txt"：未知的规则编号或前缀：X9' in unknown.stderr
    both = runner.invoke(app, ["check", "disclosures", "--config", "audit.toml", "--isolated"])
    assert both.exit_code == 2 and "--config 与 --isolated 不能同时使用" in both.stderr


def test_config_named_on_the_command_line(project: Path):
    (project / "audit.toml").write_text('select = ["F2"]\n', encoding="utf-8")
    (project / "other.toml").write_text('select = ["F108"]\n', encoding="utf-8")
    assert findings("disclosures/a.txt") == {"disclosures/a.txt": ["F203"]}
    assert findings("disclosures/a.txt", "--config", "other.toml") == {"disclosures/a.txt": ["F108"]}


def test_resolve_without_a_config_is_the_defaults(tmp_path: Path):
    settings = resolve({}, None, tmp_path)
    assert (settings.select, settings.fail_on, settings.jobs, settings.format, settings.baseline) == (
        [], "error", 1, "text", None)
    assert set(settings.sources.values()) == {"默认"}
    with pytest.raises(ConfigError):
        load_config(tmp_path / "missing.toml")
