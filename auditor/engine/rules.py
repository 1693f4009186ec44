"""Rule packs: loading and strictly validating YAML rule files, and selecting rules by id prefix.

Every problem in a rule file raises RuleFileError with the file, the rule and what is wrong, in
Chinese, so that a broken pack is reported once and clearly instead of misbehaving at run time.
"""

from __future__ import annotations

import re
import string
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import RuleFileError
from auditor.yamlio import SafeLoader

from .checks import CHECKS, ParamError, validate_params
from .expr import Compare, ExprSyntaxError, RowSpec, parse, parse_row, variables

SEVERITIES = ("error", "warning", "info")
KINDS = ("budget", "final")
ID_PATTERN = re.compile(r"^[BFCNDE]\d{3}$")
PACK_KEYS = ("pack", "kinds", "description", "rules")
COMMON_KEYS = ("id", "title", "severity", "kinds", "families", "description", "message", "supersedes")
EXPR_KEYS = ("expr", "for_each")
FOR_EACH_KEYS = ("table", "rows", "columns", "exclude")
PLACEHOLDERS = (
    "actual",
    "expected",
    "difference",
    "subject",
    "object",
    "table",
    "row",
    "label",
    "code",
    "col",
)


@dataclass(frozen=True, slots=True)
class ForEach:
    """Repeat an expression over the rows of a table and/or a list of columns."""

    table: str | None = None
    rows: RowSpec | list[str] | None = None  # a row set, or row names
    columns: list[str] | None = None
    exclude: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: str
    kinds: tuple[str, ...] = ()  # empty: both kinds
    families: tuple[str, ...] = ()  # template families (rules/families.yaml) it is for; empty: all
    description: str = ""
    source: str = ""  # the rule file
    pack: str = ""
    expr: Compare | None = None
    expr_text: str = ""
    for_each: ForEach | None = None
    message: str | None = None
    check: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    supersedes: tuple[str, ...] = ()
    line: int = 0  # 1-based line of the rule in its file (0: unknown)
    source_text: str = ""  # the rule's YAML as written in the file (for `audit explain`)
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # as loaded (aliases resolved)

    def applies_to(self, kind: str | None, family: str | None = None) -> bool:
        return ((kind is None or not self.kinds or kind in self.kinds)
                and (family is None or not self.families or family in self.families))


@dataclass(slots=True)
class Pack:
    name: str
    path: str
    kinds: tuple[str, ...]
    description: str
    rules: list[Rule]


# -- YAML with duplicate-key detection ------------------------------------------------------


class _StrictLoader(SafeLoader):
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"重复的键 {key}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(text: str, path: str) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML text and its node tree (the nodes know where each rule is written)."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleFileError(f"{path}: {where}YAML 格式错误：{problem}") from None
    finally:
        loader.dispose()


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The 1-based line of each key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _source_slice(text: str, node: yaml.Node) -> str:
    """The text a rule node was written as: a block item from its `- ` line, dedented, without
    the comments and blank lines that follow it (they introduce the next rule)."""
    start, end = node.start_mark.index, node.end_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() in ("", "-"):
        start = line_start
    lines = text[start:end].rstrip().split("\n")
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return textwrap.dedent("\n".join(lines))


# -- loading ----------------------------------------------------------------------------------


def load_pack(path: str | Path) -> Pack:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"{path}: 无法读取规则文件：{exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"{path}: 规则文件不是 UTF-8 编码（第 {exc.start + 1} 个字节无法解码），请另存为 UTF-8") from None
    return load_pack_text(text, str(path))


def load_pack_text(text: str, where: str = "<rules>") -> Pack:
    """A pack from YAML text; `where` names it in error messages."""
    data, root = _read_yaml(text, where)
    if not isinstance(data, dict):
        raise RuleFileError(f"{where}: 规则文件应为映射（含 pack、rules）")
    unknown = [k for k in data if k not in PACK_KEYS]
    if unknown:
        raise RuleFileError(f"{where}: 未知的键 {unknown[0]}（可用：{'、'.join(PACK_KEYS)}）")
    name = data.get("pack")
    if not isinstance(name, str) or not name.strip():
        raise RuleFileError(f"{where}: 缺少 pack（规则包名称）")
    kinds = _kinds(data.get("kinds"), f"{where}: ")
    rules_data = data.get("rules")
    if not isinstance(rules_data, list):
        raise RuleFileError(f"{where}: rules 应为规则列表")
    rules_node = _mapping_value(root, "rules")
    nodes = rules_node.value if isinstance(rules_node, yaml.SequenceNode) else []
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, item in enumerate(rules_data, 1):
        node = nodes[n - 1] if n - 1 < len(nodes) else None
        rule = _load_rule(item, n, where, name, kinds, node, text)
        if rule.id in seen:
            raise RuleFileError(f"{where}: 第 {rule.line} 行: 规则 {rule.id}: 编号重复")
        seen.add(rule.id)
        rules.append(rule)
    return Pack(name, where, kinds, str(data.get("description") or ""), rules)


def load_rules(paths: Iterable[str | Path]) -> list[Rule]:
    """Rules of several packs (files, or folders of *.yaml), ids unique across all of them."""
    rules: list[Rule] = []
    origin: dict[str, str] = {}
    for path in _expand(paths):
        for rule in load_pack(path).rules:
            if rule.id in origin:
                raise RuleFileError(
                    f"{path}: 第 {rule.line} 行: 规则 {rule.id}: 编号与 {origin[rule.id]} 中的规则重复"
                )
            origin[rule.id] = f"{path} 第 {rule.line} 行"
            rules.append(rule)
    return rules


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml"))
        else:
            out.append(p)
    return out


def _kinds(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(k in KINDS for k in items):
        raise RuleFileError(f"{where}kinds 只能是 budget、final 或它们的列表，却是 {value!r}")
    return tuple(items)


def _load_rule(
    item: Any,
    n: int,
    where: str,
    pack: str,
    pack_kinds: tuple[str, ...],
    node: yaml.Node | None = None,
    text: str = "",
) -> Rule:
    """One rule; every error names the file, the line (of the rule, or of the offending key) and the rule."""
    line = node.start_mark.line + 1 if node is not None else 0
    key_lines = _key_lines(node)
    at = f"第 {line} 行: " if line else ""
    if not isinstance(item, dict):
        raise RuleFileError(f"{where}: {at}第 {n} 条规则应为映射")
    rid = item.get("id")
    if not isinstance(rid, str) or not ID_PATTERN.match(rid):
        label = f"第 {n} 条规则" if rid is None else f"规则 {rid}"
        raise RuleFileError(f"{where}: {at}{label}: 编号应为一个字母（B/F/C/N/D/E）加三位数字，如 F101")

    def fail(message: str, key: str | None = None) -> RuleFileError:
        found = key_lines.get(key, line) if key else line
        return RuleFileError(f"{where}: {f'第 {found} 行: ' if found else ''}规则 {rid}: {message}")

    check = item.get("check")
    if "expr" in item and check is not None:
        raise fail("expr 与 check 只能有一个", "check")
    if "expr" not in item and check is None:
        raise fail("缺少 expr 或 check")
    if check is not None and check not in CHECKS:
        raise fail(f"未知检查 {check}（可用：{'、'.join(CHECKS)}）", "check")
    allowed = COMMON_KEYS + (EXPR_KEYS if check is None else ("check", *CHECKS[check].params))
    unknown = [k for k in item if k not in allowed]
    if unknown:
        raise fail(f"未知的键 {unknown[0]}", unknown[0])
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("缺少 title（规则标题）", "title")
    severity = item.get("severity")
    if severity not in SEVERITIES:
        raise fail(f"severity 应为 error、warning 或 info，却是 {severity!r}", "severity")
    if "kinds" in item:
        try:
            kinds = _kinds(item["kinds"], "")
        except RuleFileError as exc:
            raise fail(str(exc), "kinds") from None
    else:
        kinds = pack_kinds
    families = item.get("families", [])
    if isinstance(families, str):
        families = [families]
    if not isinstance(families, list) or not all(isinstance(f, str) and f.strip() for f in families):
        raise fail("families 应为模板类型（如 jiangsu）或其列表", "families")
    message = item.get("message")
    if message is not None:
        _check_template(message, lambda m: fail(m, "message"))
    supersedes = item.get("supersedes", [])
    if isinstance(supersedes, str):
        supersedes = [supersedes]
    if not isinstance(supersedes, list) or not all(
        isinstance(s, str) and ID_PATTERN.match(s) for s in supersedes
    ):
        raise fail("supersedes 应为规则编号列表", "supersedes")
    common = dict(
        id=rid,
        title=title.strip(),
        severity=severity,
        kinds=kinds,
        families=tuple(f.strip() for f in families),
        description=str(item.get("description") or "").strip(),
        source=where,
        pack=pack,
        message=message,
        supersedes=tuple(supersedes),
        line=line,
        source_text=_source_slice(text, node) if node is not None and text else "",
        data=dict(item),
    )
    if check is not None:
        raw = {k: v for k, v in item.items() if k not in COMMON_KEYS and k != "check"}
        try:
            params = validate_params(check, raw)
        except ParamError as exc:
            raise fail(str(exc)) from None
        return Rule(check=check, params=params, **common)
    expr_text = item["expr"]
    if not isinstance(expr_text, str):
        raise fail("expr 应为字符串", "expr")
    try:
        expr = parse(expr_text)
    except ExprSyntaxError as exc:
        raise fail(str(exc), "expr") from None
    for_each = _for_each(item.get("for_each"), lambda m: fail(m, "for_each")) if "for_each" in item else None
    _check_variables(expr, for_each, lambda m: fail(m, "expr"))
    return Rule(expr=expr, expr_text=expr_text, for_each=for_each, **common)


def _check_template(message: Any, fail: Any) -> None:
    if not isinstance(message, str) or not message.strip():
        raise fail("message 应为非空字符串")
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        raise fail(f"message 模板有误：{exc}") from None
    for name in fields:
        if name not in PLACEHOLDERS:
            raise fail(f"message 中有未知占位符 {{{name}}}（可用：{'、'.join(PLACEHOLDERS)}）")


def _for_each(value: Any, fail: Any) -> ForEach:
    if not isinstance(value, dict):
        raise fail("for_each 应为映射（table、rows、columns、exclude）")
    unknown = [k for k in value if k not in FOR_EACH_KEYS]
    if unknown:
        raise fail(f"for_each 中未知的键 {unknown[0]}（可用：{'、'.join(FOR_EACH_KEYS)}）")
    table = value.get("table")
    if table is not None and (not isinstance(table, str) or not table.strip()):
        raise fail("for_each.table 应为表名")
    rows: RowSpec | list[str] | None = None
    if "rows" in value:
        raw = value["rows"]
        if isinstance(raw, list):
            if not raw or not all(isinstance(r, str | int) for r in raw):
                raise fail("for_each.rows 应为行集合（如 code:3）或行名列表")
            rows = [str(r) for r in raw]
        else:
            try:
                spec = parse_row(str(raw))
            except ExprSyntaxError as exc:
                raise fail(f"for_each.rows：{exc.message}") from None
            if spec.kind == "var":
                raise fail("for_each.rows 不能是变量")
            rows = spec if spec.is_set else [spec.text]
    elif table is not None:
        rows = RowSpec("all", "*")
    if isinstance(rows, RowSpec) and table is None:
        raise fail("for_each.rows 为行集合时需要 for_each.table")
    columns = value.get("columns")
    if columns is not None and (
        not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns)
    ):
        raise fail("for_each.columns 应为列名列表")
    exclude = value.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(x, str | int) for x in exclude):
        raise fail("for_each.exclude 应为行名列表")
    if rows is None and columns is None:
        raise fail("for_each 需要 table/rows 或 columns")
    return ForEach(table, rows, columns, [str(x) for x in exclude])


def _check_variables(node: Compare, for_each: ForEach | None, fail: Any) -> None:
    bound: set[str] = set()
    if for_each is not None:
        if for_each.rows is not None:
            bound |= {"row", "label", "code"}
        if for_each.columns is not None:
            bound.add("col")
    for name in sorted(variables(node)):
        if name not in bound:
            raise fail(f"变量 ${name} 没有由 for_each 定义")


# -- selection --------------------------------------------------------------------------------


def select_rules(
    rules: list[Rule],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    kind: str | None = None,
    family: str | None = None,
) -> list[Rule]:
    """Rules chosen by id prefixes, like ruff: `F1` is F100–F199, `N` every N rule, `ALL` all.

    The longest matching prefix decides, so `--ignore F1 --select F101` keeps F101; on a tie
    ignore wins. A prefix that matches no rule is an error (a typo should not pass silently).
    """
    select = [s.strip().upper() for s in (select or []) if s.strip()]
    ignore = [s.strip().upper() for s in (ignore or []) if s.strip()]
    for prefix in select + ignore:
        if prefix != "ALL" and not any(r.id.startswith(prefix) for r in rules):
            raise ValueError(f"未知的规则编号或前缀：{prefix}")

    def best(rule: Rule, prefixes: list[str]) -> int:
        lengths = [0 if p == "ALL" else len(p) for p in prefixes if p == "ALL" or rule.id.startswith(p)]
        return max(lengths, default=-1)

    chosen = []
    for rule in rules:
        if not rule.applies_to(kind, family):
            continue
        s = best(rule, select) if select else 0
        i = best(rule, ignore)
        if s >= 0 and s > i:
            chosen.append(rule)
    return chosen
