"""docs/rules.md is generated from the built-in packs and must be kept up to date."""

from __future__ import annotations

from auditor import docs_gen
from auditor.audit import load_all_rules


def test_docs_rules_md_is_up_to_date():
    current = docs_gen.DOC_PATH.read_text(encoding="utf-8") if docs_gen.DOC_PATH.exists() else ""
    assert current == docs_gen.render_builtin(), f"docs/rules.md 与规则包不一致：请运行 {docs_gen.REGENERATE}"


def test_every_rule_has_a_section_with_its_yaml():
    text = docs_gen.render_builtin()
    for rule in load_all_rules():
        assert f"| [{rule.id}](#{rule.id.lower()}) |" in text
        assert f"### {rule.id}\n\n**{rule.title}**\n" in text
        assert rule.source_text in text


def test_check_mode_reports_a_stale_page(tmp_path, monkeypatch, capsys):
    page = tmp_path / "rules.md"
    monkeypatch.setattr(docs_gen, "DOC_PATH", page)
    assert docs_gen.main(["--check"]) == 1
    assert "请运行 python -m auditor.docs_gen" in capsys.readouterr().err
    assert docs_gen.main([]) == 0
    assert docs_gen.main(["--check"]) == 0
    assert page.read_text(encoding="utf-8") == docs_gen.render_builtin()


def test_markdown_of_no_rules():
    assert "（没有内置规则。）" in docs_gen.render_markdown([])
