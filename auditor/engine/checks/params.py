"""Check parameters: how a check declares them (`Param`) and how a rule's YAML values are
validated and converted at load time. Every message is Chinese and names the parameter."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..address import label_key
from ..expr import ExprSyntaxError, RowSpec, parse_row


class ParamError(ValueError):
    """A check parameter is missing or malformed; the message is Chinese and names the parameter."""


@dataclass(frozen=True, slots=True)
class Param:
    convert: Callable[[str, Any], Any]
    required: bool = False
    default: Any = None


def _validate(spec: dict[str, Param], raw: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    unknown = [k for k in raw if k not in spec]
    if unknown:
        raise ParamError(f"未知参数 {prefix}{unknown[0]}（可用：{'、'.join(spec)}）")
    out: dict[str, Any] = {}
    for name, param in spec.items():
        if name in raw and raw[name] is not None:
            out[name] = param.convert(prefix + name, raw[name])
        elif param.required:
            raise ParamError(f"缺少参数 {prefix}{name}")
        else:
            out[name] = param.default
    return out


# -- converters: (parameter name, raw value) -> checked value ---------------------------------


def _fail(name: str, what: str) -> Any:
    raise ParamError(f"参数 {name} 应为{what}")


def _str(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParamError(f"参数 {name} 应为非空字符串")
    return value.strip()


def _strs(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [_str(name, value)]
    if isinstance(value, list) and value and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value]
    raise ParamError(f"参数 {name} 应为字符串或字符串列表")


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ParamError(f"参数 {name} 应为 true 或 false")
    return value


def _rows(name: str, value: Any) -> RowSpec | list[str]:
    """A row set (`*`, `code:3`, `301*`, `~正则`, `ordinal:1`) or a list of row names."""
    if isinstance(value, list):
        return _strs(name, value)
    text = _str(name, str(value) if isinstance(value, int) else value)
    try:
        spec = parse_row(text)
    except ExprSyntaxError as exc:
        raise ParamError(f"参数 {name}：{exc.message}") from None
    if spec.kind == "var":
        raise ParamError(f"参数 {name} 不能是变量")
    return spec if spec.is_set else [spec.text]


def _regex(name: str, value: Any) -> re.Pattern[str]:
    try:
        return re.compile(_str(name, value))
    except re.error as exc:
        raise ParamError(f"参数 {name} 不是有效的正则表达式：{exc}") from None


def _choice(*choices: str) -> Callable[[str, Any], str]:
    def check(name: str, value: Any) -> str:
        if value not in choices:
            raise ParamError(f"参数 {name} 应为 {' / '.join(choices)} 之一，却是 {value!r}")
        return value

    return check


def _mapping(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ParamError(f"参数 {name} 应为“左表名称: 右表名称”的映射")
    return {label_key(k): label_key(v) for k, v in value.items()}
