"""Settings of `audit check`: defaults, then a config file, then the command line.

The config file is `[tool.auditor]` in `pyproject.toml`, or the top level of `audit.toml` /
`.audit.toml`. It is found by walking up from the current folder (the closest folder that has
one wins; in one folder `.audit.toml` before `audit.toml` before `pyproject.toml`, and a
`pyproject.toml` without `[tool.auditor]` does not count); `--config FILE` names it, `--isolated`
ignores every config file. Paths in it (`rules`, `baseline`) and its patterns (`exclude`,
`per-file-ignores`) are relative to the config file's folder. An option given on the command
line replaces the config value, except `--extend-select`, `--extend-ignore` and `--exclude`,
which add to it.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAMES = (".audit.toml", "audit.toml", "pyproject.toml")
FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "csv", "markdown")
SEVERITIES = ("error", "warning", "info")
PDF_ENGINES = ("auto", "pdfium", "pdfminer")  # auditor.readers.pdf.ENGINES (not imported: it is slow)
DEFAULT = "默认"
COMMAND_LINE = "命令行"


class ConfigError(Exception):
    """A config file that cannot be used: the message names the file and the key."""


def _strings(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} 应为字符串列表，如 {name} = [\"F1\", \"N\"]")
    return list(value)


def _choice(choices: tuple[str, ...]):
    def check(name: str, value: Any) -> str:
        if value not in choices:
            raise ValueError(f"{name} 应为 {'、'.join(choices)} 之一（现为 {json.dumps(value, ensure_ascii=False)}）")
        return value
    return check


def _jobs(name: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} 应为不小于 0 的整数（0 = CPU 个数）")
    return value


def _string(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} 应为文件路径（字符串）")
    return value


def _per_file(name: str, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ValueError(f"{name} 应为表，如 [tool.auditor.{name}] 下 \"文件模式\" = [\"F109\"]")
    return {str(k): _strings(f"{name}.\"{k}\"", v) for k, v in value.items()}


KEYS = {
    "select": _strings, "ignore": _strings, "extend-select": _strings, "extend-ignore": _strings,
    "per-file-ignores": _per_file, "fail-on": _choice(SEVERITIES), "rules": _strings, "exclude": _strings,
    "jobs": _jobs, "pdf-engine": _choice(PDF_ENGINES), "baseline": _string, "format": _choice(FORMATS),
}


@dataclass(slots=True)
class ConfigFile:
    path: Path  # absolute
    values: dict[str, Any]  # validated; keys as written (kebab-case)

    @property
    def folder(self) -> Path:
        return self.path.parent


def find_config(start: Path) -> Path | None:
    """The closest config file at or above `start`."""
    here = Path(os.path.abspath(start))
    for folder in [here, *here.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    return isinstance(_read_toml(path).get("tool", {}).get("auditor"), dict)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}（{exc.strerror or exc}）") from None
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 文本") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{exc}") from None


def load_config(path: Path) -> ConfigFile:
    """Read and check a config file: an unknown key or a value of the wrong type is a ConfigError."""
    path = Path(os.path.abspath(path))
    if not path.is_file():
        raise ConfigError(f"配置文件不存在：{path}")
    data = _read_toml(path)
    table = "[tool.auditor]" if path.name == "pyproject.toml" else ""
    if table:
        data = data.get("tool", {}).get("auditor", {})
        if not isinstance(data, dict):
            raise ConfigError(f"配置文件 {path}：[tool.auditor] 应为表")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"（是否想写 {close[0]}？）" if close else f"（可用的设置项：{'、'.join(KEYS)}）"
            raise ConfigError(f"配置文件 {path}{table}：未知的设置项 {key}{hint}")
        try:
            values[key] = KEYS[key](key, value)
        except ValueError as exc:
            raise ConfigError(f"配置文件 {path}{table}：{exc}") from None
    return ConfigFile(path, values)


@dataclass(frozen=True, slots=True)
class Globs:
    """Patterns and the folder they are relative to."""

    patterns: tuple[str, ...]
    base: str


@dataclass(slots=True)
class Settings:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    per_file_base: str = ""
    fail_on: str = "error"
    rules: list[Path] = field(default_factory=list)
    exclude: list[Globs] = field(default_factory=list)
    jobs: int = 1
    pdf_engine: str = "auto"
    baseline: Path | None = None
    format: str = "text"
    config: Path | None = None
    sources: dict[str, str] = field(default_factory=dict)  # key → 默认 / 命令行 / the config file

    def chosen_select(self) -> list[str]:
        """`select` (every rule when empty) with `extend-select` added."""
        if not self.extend_select:
            return list(self.select)
        return [*(self.select or ["ALL"]), *self.extend_select]

    def chosen_ignore(self) -> list[str]:
        return [*self.ignore, *self.extend_ignore]


ADDITIVE = ("extend-select", "extend-ignore", "exclude")  # the command line adds to the config


def resolve(cli: dict[str, Any], config: ConfigFile | None, cwd: Path | None = None) -> Settings:
    """Settings from the command line (`cli`: only the options given, kebab-case keys, paths as
    given) over the config file over the defaults, each with where it came from."""
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    settings = Settings(config=config.path if config else None, per_file_base=str(cwd))
    from_file = config.values if config else {}
    for key in KEYS:
        attr = key.replace("-", "_")
        sources = []
        if key in from_file:
            setattr(settings, attr, _from_file(key, from_file[key], config))
            sources.append(str(config.path))
            if key == "per-file-ignores":
                settings.per_file_base = str(config.folder)
        if key in cli:
            value = _from_cli(key, cli[key], cwd)
            if key in ADDITIVE and key in from_file:
                setattr(settings, attr, [*getattr(settings, attr), *value])
            else:
                setattr(settings, attr, value)
                sources = []
            sources.append(COMMAND_LINE)
        settings.sources[key] = " + ".join(sources) or DEFAULT
    return settings


def _from_file(key: str, value: Any, config: ConfigFile) -> Any:
    if key == "rules":
        return [config.folder / p for p in value]
    if key == "baseline":
        return config.folder / value
    if key == "exclude":
        return [Globs(tuple(value), str(config.folder))]
    return value


def _from_cli(key: str, value: Any, cwd: Path) -> Any:
    if key == "rules":
        return [Path(p) for p in value]
    if key == "baseline":
        return Path(value)
    if key == "exclude":
        return [Globs(tuple(value), str(cwd))]
    return value


def settings_lines(settings: Settings) -> list[str]:
    """`--show-settings`: each setting in force as a TOML line, with where it came from."""
    lines = [f"配置文件：{settings.config or '（无）'}"]
    for key in KEYS:
        lines.append(f"{key} = {_toml_value(key, settings)}  # {settings.sources.get(key, DEFAULT)}")
    return lines


def _toml_value(key: str, settings: Settings) -> str:
    value = getattr(settings, key.replace("-", "_"))
    if key == "exclude":
        value = [p for globs in value for p in globs.patterns]
    elif key == "rules":
        value = [str(p) for p in value]
    elif key == "baseline":
        value = "" if value is None else str(value)
    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml_value_of(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    return _toml_value_of(value)


def _toml_value_of(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
