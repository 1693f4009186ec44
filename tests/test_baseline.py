"""Baselines on the final-accounts seed: accepted findings are hidden, new ones still fail, and
neither a shifted file nor a run from another folder invalidates the entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FINAL_SEED
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()
SEED_RULES = ["N106", "N107", "D302", "D302", "D302", "N103", "N104"]
FIGURE_LINE = 136  # 收入决算表 2010350 事业运行: 本年收入合计 55.19 = 财政拨款收入 55.19


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    shutil_copy(FINAL_SEED, tmp_path / "seed.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shutil_copy(source: Path, target: Path) -> None:
    target.write_bytes(source.read_bytes())


def audit(*args: str):
    return runner.invoke(app, ["check", *args, "--no-color"])


def report(*args: str) -> dict:
    return json.loads(audit(*args, "--format", "json").stdout)["files"][0]


def change_figure(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[FIGURE_LINE - 1].startswith("2010350\t事业运行\t55.19\t55.19\t")
    lines[FIGURE_LINE - 1] = lines[FIGURE_LINE - 1].replace("\t55.19\t55.19\t", "\t56.19\t55.19\t")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_baseline_hides_what_it_records(work: Path):
    written = audit("seed.txt", "--write-baseline", "audit-baseline.json")
    assert (written.exit_code, written.stdout) == (0, "")
    assert written.stderr == "已把 7 个问题写入基线 audit-baseline.json（新增 7 个）\n"
    data = json.loads((work / "audit-baseline.json").read_text(encoding="utf-8"))
    assert (data["version"], data["tool"]) == (1, "auditor")
    fingerprints = [f["fingerprint"] for f in report("seed.txt")["findings"]]
    assert [(e["path"], e["rule"], e["fingerprint"]) for e in data["findings"]] == [
        ("seed.txt", rule, fp) for rule, fp in zip(SEED_RULES, fingerprints, strict=True)]
    assert data["findings"][0]["message"].startswith("第420行“本单位2023年预留项目面向中小企业采购共计1017.76万元”")

    result = audit("seed.txt", "--baseline", "audit-baseline.json")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "共 1 个文件：0 个错误，0 个警告，0 条提示；基线隐藏 7 个已知问题"
    assert result.stderr == ""
    as_json = audit("seed.txt", "--baseline", "audit-baseline.json", "--format", "json")
    assert json.loads(as_json.stdout)["summary"]["baselined"] == 7
    assert as_json.stderr == "基线 audit-baseline.json：隐藏 7 个已知问题\n"


def test_moving_every_line_down_keeps_the_baseline(work: Path):
    before = report("seed.txt")["findings"]
    audit("seed.txt", "--write-baseline", "audit-baseline.json")
    seed = work / "seed.txt"
    seed.write_bytes(b"\n" + seed.read_bytes())
    after = report("seed.txt")["findings"]
    assert [f["locations"][0]["line"] for f in after] == [f["locations"][0]["line"] + 1 for f in before]
    assert [f["fingerprint"] for f in after] == [f["fingerprint"] for f in before]
    result = audit("seed.txt", "--baseline", "audit-baseline.json")
    assert result.exit_code == 0 and result.stdout.endswith("；基线隐藏 7 个已知问题\n")


@pytest.mark.parametrize("moved", [False, True], ids=["in-place", "and-moved-down"])
def test_a_changed_figure_fails_with_only_the_findings_it_causes(work: Path, moved: bool):
    audit("seed.txt", "--write-baseline", "audit-baseline.json")
    seed = work / "seed.txt"
    change_figure(seed)
    if moved:
        seed.write_bytes(b"\n" + seed.read_bytes())
    shift = 1 if moved else 0
    result = audit("seed.txt", "--baseline", "audit-baseline.json", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    new = [(f["rule"], f["locations"][0]["line"], f["expected"], f["actual"]) for f in data["files"][0]["findings"]]
    assert new == [("F107", 135 + shift, "1255.29", "1254.29"), ("F105", 136 + shift, "55.19", "56.19")]
    assert data["summary"]["baselined"] == 7
    # exactly what the changed figure adds to the file's findings
    everything = report("seed.txt")["findings"]
    assert sorted(f["rule"] for f in everything) == sorted([*SEED_RULES, "F107", "F105"])


def test_stale_entries_are_reported_and_pruned(work: Path):
    seed = work / "seed.txt"
    original = seed.read_bytes()
    change_figure(seed)
    audit("seed.txt", "--write-baseline", "known.json")
    assert len(json.loads((work / "known.json").read_text("utf-8"))["findings"]) == 9
    seed.write_bytes(original)  # the figure is fixed: two entries no longer occur
    result = audit("seed.txt", "--baseline", "known.json")
    assert result.exit_code == 0
    assert result.stderr == "基线 known.json：2 条记录已不再出现（用 --prune-baseline 删除）\n"
    pruned = audit("seed.txt", "--baseline", "known.json", "--prune-baseline")
    assert pruned.exit_code == 0 and pruned.stderr == "基线 known.json：已删除 2 条不再出现的记录\n"
    entries = json.loads((work / "known.json").read_text("utf-8"))["findings"]
    assert [e["rule"] for e in entries] == SEED_RULES
    assert audit("seed.txt", "--baseline", "known.json").stderr == ""


def test_a_narrower_run_neither_prunes_nor_drops_the_other_rules(work: Path):
    audit("seed.txt", "--write-baseline", "known.json")
    narrow = audit("seed.txt", "--select", "D", "--baseline", "known.json", "--prune-baseline")
    assert (narrow.exit_code, narrow.stderr) == (0, "")  # the N entries were not checked: not stale
    assert narrow.stdout.endswith("；基线隐藏 3 个已知问题\n")
    rewritten = audit("seed.txt", "--select", "D", "--write-baseline", "known.json")
    assert rewritten.stderr == "已把 7 个问题写入基线 known.json（新增 0 个）\n"
    assert sorted(e["rule"] for e in json.loads((work / "known.json").read_text("utf-8"))["findings"]) == sorted(
        SEED_RULES)


def test_reasons_and_other_files_survive_a_rewrite(work: Path):
    audit("seed.txt", "--write-baseline", "known.json")
    path = work / "known.json"
    data = json.loads(path.read_text("utf-8"))
    data["findings"][0]["reason"] = "表中金额单位为元，说明中为万元，已核实"
    data["findings"].append({"path": "other.txt", "fingerprint": "0123456789abcdef", "rule": "F101"})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (work / "other.txt").write_text("x", encoding="utf-8")
    rewritten = audit("seed.txt", "--write-baseline", "known.json")
    assert rewritten.stderr == "已把 8 个问题写入基线 known.json（新增 0 个）\n"
    entries = json.loads(path.read_text("utf-8"))["findings"]
    assert [e["path"] for e in entries] == ["other.txt"] + ["seed.txt"] * 7  # sorted by path
    assert [e.get("reason") for e in entries[1:3]] == ["表中金额单位为元，说明中为万元，已核实", None]
    (work / "other.txt").unlink()  # the other file is gone: its entry is stale
    assert "1 条记录已不再出现" in audit("seed.txt", "--baseline", "known.json").stderr


def test_paths_are_relative_to_the_baseline_file(work: Path, monkeypatch):
    (work / "sub").mkdir()
    (work / "seed.txt").rename(work / "sub" / "seed.txt")
    audit("sub/seed.txt", "--write-baseline", "known.json")
    assert {e["path"] for e in json.loads((work / "known.json").read_text("utf-8"))["findings"]} == {"sub/seed.txt"}
    monkeypatch.chdir(work / "sub")
    result = audit("seed.txt", "--baseline", "../known.json")
    assert result.exit_code == 0 and result.stdout.endswith("；基线隐藏 7 个已知问题\n")
    (work / "audit.toml").write_text('baseline = "known.json"\n', encoding="utf-8")  # from the config
    assert audit("seed.txt").stdout.endswith("；基线隐藏 7 个已知问题\n")
    assert audit("seed.txt", "--isolated").exit_code == 1


def test_bad_baselines_are_usage_errors(work: Path):
    missing = audit("seed.txt", "--baseline", "none.json")
    assert missing.exit_code == 2
    assert missing.stderr == "错误：基线文件不存在：none.json（用 --write-baseline none.json 生成）\n"
    (work / "bad.json").write_text("{", encoding="utf-8")
    bad = audit("seed.txt", "--baseline", "bad.json")
    assert bad.exit_code == 2 and bad.stderr.startswith("错误：基线文件 bad.json 不是有效的 JSON：")
    (work / "bad.json").write_text('{"findings": [{"path": "seed.txt"}]}', encoding="utf-8")
    entry = audit("seed.txt", "--baseline", "bad.json")
    assert entry.exit_code == 2 and entry.stderr == "错误：基线文件 bad.json 第 1 条记录缺少 path 或 fingerprint\n"
    prune = audit("seed.txt", "--prune-baseline")
    assert prune.exit_code == 2 and "--prune-baseline 需要同时给出 --baseline" in prune.stderr


def test_inputs_that_cannot_be_audited_are_never_baselined(work: Path):
    (work / "broken.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    written = audit("seed.txt", "broken.txt", "--write-baseline", "known.json")
    assert written.exit_code == 2
    assert {e["rule"] for e in json.loads((work / "known.json").read_text("utf-8"))["findings"]} == set(SEED_RULES)
    result = audit("seed.txt", "broken.txt", "--baseline", "known.json", "-q")
    assert result.exit_code == 2 and "broken.txt: 不是文本文件" in result.stdout
