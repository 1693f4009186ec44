"""The parameters of the N checks: which table figure each canonical subject names (data).

In rules/narrative.yaml:

    subjects:
      本年收入合计:
        final: 收入支出决算总表[本年收入合计, 收入/*]
        budget: 部门收支总表[本年收入合计, 收入/*]
      三公经费:
        final: 财政拨款三公经费支出决算表[合计, 决算数/合计]
        final_budget: 财政拨款三公经费支出决算表[合计, 预算数/合计]   # a 预算 figure in a 决算 document
    functional:                      # where a functional class (类/款/项) is looked up by name
      final: [{table: 支出决算表, column: 本年支出合计}]

Each address is an expression side (a cell, or `sum(表[*, 列])` over a list); a list of
addresses gives alternatives: the claim is consistent with any of them that resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..checks import Param, ParamError
from ..expr import ExprSyntaxError, Node, parse

ADDRESS_KEYS = ("final", "budget", "final_budget", "budget_final")


@dataclass(frozen=True, slots=True)
class Address:
    text: str
    node: Node


def _address(name: str, text: Any) -> Address:
    if not isinstance(text, str) or not text.strip():
        raise ParamError(f"参数 {name} 应为表格地址，如 支出决算表[合计, 基本支出]")
    try:
        node = parse(f"{text} == 0").left
    except ExprSyntaxError as exc:
        raise ParamError(f"参数 {name}：{exc}") from None
    return Address(" ".join(text.split()), node)


def subjects_param(name: str, value: Any) -> dict[str, dict[str, list[Address]]]:
    """canonical subject → {final/budget/final_budget/budget_final: [addresses]}."""
    if not isinstance(value, dict):
        raise ParamError(f"参数 {name} 应为“规范科目: {{final: 地址, budget: 地址}}”的映射")
    out: dict[str, dict[str, list[Address]]] = {}
    for subject, per_kind in value.items():
        if not isinstance(per_kind, dict):
            raise ParamError(f"参数 {name}.{subject} 应为 final/budget 到地址的映射")
        entry: dict[str, list[Address]] = {}
        for k, addrs in per_kind.items():
            if k not in ADDRESS_KEYS:
                raise ParamError(f"参数 {name}.{subject} 的键应为 {' / '.join(ADDRESS_KEYS)} 之一，却是 {k}")
            items = addrs if isinstance(addrs, list) else [addrs]
            entry[k] = [_address(f"{name}.{subject}.{k}", a) for a in items]
        out[str(subject)] = entry
    return out


def functional_param(name: str, value: Any) -> dict[str, Any]:
    """kind → [(table, column)]: where a functional class (类/款/项) is looked up by name;
    `scoped: {财政拨款: {kind: [...]}}` gives the tables of a section restricted to that money."""
    if not isinstance(value, dict):
        raise ParamError(f"参数 {name} 应为 final/budget 到 {{table, column}} 列表的映射")
    out: dict[str, Any] = {}
    for k, items in value.items():
        if k == "scoped":
            if not isinstance(items, dict):
                raise ParamError(f"参数 {name}.scoped 应为“口径: {{final/budget: [...]}}”的映射")
            out["scoped"] = {str(scope): functional_param(f"{name}.scoped.{scope}", v) for scope, v in items.items()}
            continue
        if k not in ADDRESS_KEYS:
            raise ParamError(f"参数 {name} 的键应为 {' / '.join(ADDRESS_KEYS)} 或 scoped 之一，却是 {k}")
        items = items if isinstance(items, list) else [items]
        pairs = []
        for item in items:
            if not isinstance(item, dict) or set(item) != {"table", "column"}:
                raise ParamError(f"参数 {name}.{k} 的每一项应为 {{table: 表名, column: 列}}")
            pairs.append((str(item["table"]), str(item["column"])))
        out[k] = pairs
    return out


def strs_param(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ParamError(f"参数 {name} 应为字符串列表")
    return [v.strip() for v in value]


# The parameters of every check that looks claims up in the tables.
SUBJECT_PARAMS = {
    "subjects": Param(subjects_param, default={}),
    "functional": Param(functional_param, default=None),
}


def relations_param(name: str, value: Any) -> list[tuple[tuple[str, ...], str]]:
    """[(parts, whole)]: the parts together never exceed the whole."""
    if not isinstance(value, list) or not value:
        raise ParamError(f"参数 {name} 应为 {{parts: [规范科目…], whole: 规范科目}} 的列表")
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict) or set(item) != {"parts", "whole"}:
            raise ParamError(f"参数 {name} 第 {i} 项应为 {{parts: [规范科目…], whole: 规范科目}}")
        parts = strs_param(f"{name}[{i}].parts", item["parts"])
        if not parts or not isinstance(item["whole"], str):
            raise ParamError(f"参数 {name} 第 {i} 项的 parts 不能为空，whole 应为一个规范科目")
        out.append((tuple(parts), item["whole"].strip()))
    return out


def pattern_param(name: str, value: Any) -> re.Pattern[str]:
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise ParamError(f"参数 {name} 不是有效的正则表达式：{exc}") from None
