"""Describing rules: the data `audit rules` / `audit explain` print, and docs/rules.md.

docs/rules.md is generated from the built-in packs, never edited by hand:

    python -m auditor.docs_gen            # rewrite docs/rules.md
    python -m auditor.docs_gen --check    # exit 1 when docs/rules.md is out of date

A test compares the file with a fresh rendering, so a pack changed without regenerating the
page fails the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .audit import builtin_pack_paths
from .engine import Pack, Rule, load_pack
from .paths import PROJECT_ROOT, RULES_DIR

DOC_PATH = PROJECT_ROOT / "docs" / "rules.md"
KIND_NAMES = {"budget": "预算", "final": "决算"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
REGENERATE = "python -m auditor.docs_gen"


def display_path(path: str | Path) -> str:
    """A pack file as shown to users: relative to the project for the built-in packs."""
    p = Path(path).resolve()
    for base, prefix in ((RULES_DIR.resolve(), "rules/"), (PROJECT_ROOT, "")):
        try:
            return prefix + p.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def kinds_text(rule: Rule) -> str:
    return "、".join(KIND_NAMES[k] for k in (rule.kinds or ("budget", "final")))


def severity_text(severity: str) -> str:
    return f"{severity}（{SEVERITY_NAMES.get(severity, severity)}）"


def rule_json(rule: Rule) -> dict[str, Any]:
    raw = rule.data  # the rule's mapping as loaded: parameters before validation
    params = {k: v for k, v in raw.items() if k not in ("id", "title", "severity", "kinds", "families", "description",
                                                       "message", "supersedes", "check", "expr", "for_each")}
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity,
        "kinds": list(rule.kinds or ("budget", "final")),
        "families": list(rule.families),
        "pack": rule.pack,
        "file": display_path(rule.source),
        "line": rule.line or None,
        "description": rule.description,
        "check": rule.check,
        "params": params if rule.check else None,
        "expr": rule.expr_text or None,
        "for_each": raw.get("for_each"),
        "message": rule.message,
        "supersedes": list(rule.supersedes),
    }


def builtin_packs() -> list[Pack]:
    return [load_pack(p) for p in builtin_pack_paths()]


def packs_of(rules: list[Rule]) -> list[tuple[str, str, list[Rule]]]:
    """(pack name, file, rules) in the order the rules are listed."""
    groups: dict[str, tuple[str, list[Rule]]] = {}
    for rule in rules:
        groups.setdefault(rule.source, (rule.pack, []))[1].append(rule)
    return [(name, display_path(source), group) for source, (name, group) in groups.items()]


def render_markdown(rules: list[Rule], descriptions: dict[str, str] | None = None) -> str:
    """docs/rules.md: an index of every rule, then each rule with its YAML as written."""
    descriptions = descriptions or {}
    out = [
        "# 规则一览",
        "",
        f"<!-- 本文件由 `{REGENERATE}` 根据 rules/*.yaml 生成，请勿手工修改。 -->",
        "",
        "规则编号：`B` 预算、`F` 决算、`C` 两者通用（1xx 表内、2xx 表间），`N` 情况说明中的数字，"
        "`D` 文件的完整性与文字，`E` 无法审核的输入。规则文件的写法见 [rules-format.md](rules-format.md)。",
        "",
    ]
    if not rules:
        out += ["（没有内置规则。）", ""]
        return "\n".join(out)
    out += ["| 编号 | 级别 | 适用 | 标题 | 规则包 |", "|---|---|---|---|---|"]
    for rule in rules:
        out.append(
            f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity} | {kinds_text(rule)} | "
            f"{_cell(rule.title)} | {rule.pack} |"
        )
    out.append("")
    for name, file, group in packs_of(rules):
        out += [f"## {name}（{file}）", ""]
        if descriptions.get(file):
            out += [descriptions[file], ""]
        for rule in group:
            out += _rule_section(rule)
    return "\n".join(out).rstrip("\n") + "\n"


def rule_fields(rule: Rule, code: str = "") -> list[tuple[str, str]]:
    """What a rule is, as (name, value) pairs: shared by `audit explain` and docs/rules.md."""
    fields = [("级别", severity_text(rule.severity)), ("适用", kinds_text(rule))]
    if rule.families:
        fields.append(("模板", "、".join(rule.families)))
    if rule.check:
        fields.append(("检查", f"{code}{rule.check}{code}"))
    else:
        fields.append(("表达式", f"{code}{' '.join(rule.expr_text.split())}{code}"))
    if rule.supersedes:
        fields.append(("取代", "、".join(rule.supersedes)))
    return fields


def _rule_section(rule: Rule) -> list[str]:
    lines = [f"### {rule.id}", "", f"**{rule.title}**", ""]
    lines += [f"- {name}：{value}" for name, value in rule_fields(rule, code="`")]
    lines.append(f"- 定义：{display_path(rule.source)} 第 {rule.line} 行")
    lines.append("")
    if rule.description:
        lines += [rule.description, ""]
    if rule.source_text:
        lines += ["```yaml", rule.source_text, "```", ""]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_builtin() -> str:
    packs = builtin_packs()
    rules = [r for p in packs for r in p.rules]
    return render_markdown(rules, {display_path(p.path): p.description for p in packs})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render_builtin()
    if "--check" in args:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{display_path(DOC_PATH)} 与规则包不一致，请运行 {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"已写入 {display_path(DOC_PATH)}（{text.count(chr(10) + '### ')} 条规则）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
