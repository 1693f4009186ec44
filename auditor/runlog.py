"""Reading the batch log (`--log`, JSON lines) for `--resume`, defensively.

The log is written by this program but read back from disk, where a killed run leaves a line cut
short, a disk error leaves garbage, and anyone can edit it. A line that cannot be used (not
UTF-8, not JSON, too long or too deep, or not the shape a log line has) is skipped and counted,
and its file is audited again; the log is never the reason a batch fails. A report is reused only
when it has exactly the shape `FileReport.to_json` gives, so nothing read from the log can break a
renderer later.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .regular import open_regular

MAX_LINE = 32 << 20  # a log line holds one file's whole report: 32 MB is thousands of findings
_RULE = re.compile(r"[A-Z]\d{3}")
_SEVERITIES = ("error", "warning", "info")
_DECIMAL = re.compile(r"-?\d{1,80}(?:\.\d{1,80})?")


@dataclass(slots=True)
class LogRead:
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # by absolute path, the last line wins
    skipped: list[int] = field(default_factory=list)  # numbers of the lines that could not be used
    unreadable: str | None = None  # why the log could not be read at all

    def warning(self, log: Path) -> str | None:
        """One line for stderr about what was passed over, or None."""
        if self.unreadable:
            return f"无法读取日志 {log}（{self.unreadable}），所有文件重新审核"
        if not self.skipped:
            return None
        shown = "、".join(map(str, self.skipped[:5])) + ("…" if len(self.skipped) > 5 else "")
        return f"日志 {log} 中有 {len(self.skipped)} 行无法使用（第 {shown} 行），已跳过；相应的文件重新审核"


def read_log(log: Path) -> LogRead:
    result = LogRead()
    try:
        fh = open_regular(log)
    except FileNotFoundError:
        return result  # no log yet: nothing to resume
    except OSError as exc:
        from .regular import os_reason

        result.unreadable = os_reason(exc)
        return result
    with fh:
        number = 0
        while True:
            raw = fh.readline(MAX_LINE)
            if not raw:
                break
            number += 1
            if not raw.endswith(b"\n") and len(raw) == MAX_LINE:
                while (rest := fh.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass  # the rest of a line too long to use
                result.skipped.append(number)
                continue
            entry = _entry(raw)
            if isinstance(entry, dict):
                result.entries[entry["abspath"]] = entry
            else:
                result.skipped.append(number)
                if isinstance(entry, str):  # its file is known: an older line of it no longer counts
                    result.entries.pop(entry, None)
    return result


def _entry(raw: bytes) -> dict[str, Any] | str | None:
    """The usable entry of a line; else the path it names (str) or None."""
    if not raw.strip():
        return None
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("abspath"), str):
        return None
    ok = (isinstance(entry.get("config"), str) and _is_int(entry.get("size")) and _is_int(entry.get("mtime_ns"))
          and _is_number(entry.get("seconds", 0)) and report_shape_ok(entry.get("report")))
    return entry if ok else entry["abspath"]


def report_shape_ok(data: Any) -> bool:
    """`data` is what `FileReport.to_json` writes, and reads back to the same."""
    if not (isinstance(data, dict) and isinstance(data.get("path"), str)
            and all(_opt(data.get(k), str) for k in ("kind", "department", "unit", "family", "error"))
            and (data.get("year") is None or _is_int(data.get("year")))
            and _list_of(data.get("tables"), _table_ok) and _list_of(data.get("findings"), _finding_ok)
            and _list_of(data.get("skipped"), lambda s: isinstance(s, dict) and _strs(s, "rule", "reason"))
            and _list_of(data.get("warnings"), lambda w: isinstance(w, str))
            and _list_of(data.get("files", []), lambda f: isinstance(f, str))
            and _is_int(data.get("claims", 0)) and _coverage_ok(data.get("coverage"))):
        return False
    from .report.model import report_from_json

    try:
        return report_from_json(data).to_json() == data
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError, RecursionError):
        return False


def _table_ok(t: Any) -> bool:
    return (isinstance(t, dict) and isinstance(t.get("type"), str) and _opt(t.get("title", ""), str)
            and _list_of(t.get("pages", []), _is_int) and _list_of(t.get("lines", []), lambda n: n is None or _is_int(n))
            and _is_int(t.get("facts", 0)) and _opt(t.get("file"), str))


def _finding_ok(f: Any) -> bool:
    return (isinstance(f, dict) and _strs(f, "rule", "severity", "title", "message")
            and bool(_RULE.fullmatch(f["rule"])) and f["severity"] in _SEVERITIES
            and all(_decimal_ok(f.get(k)) for k in ("expected", "actual", "difference"))
            and _opt(f.get("fingerprint"), str) and _list_of(f.get("locations", []), _location_ok))


def _location_ok(loc: Any) -> bool:
    return (isinstance(loc, dict) and all(loc.get(k) is None or _is_int(loc[k]) for k in ("line", "page"))
            and all(_opt(loc.get(k), str) for k in ("table", "row", "column", "label", "file")))


def _coverage_ok(c: Any) -> bool:
    return isinstance(c, dict) and _is_int(c.get("figures", 0)) and _is_int(c.get("placed", 0))


def _decimal_ok(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        return False
    try:
        return Decimal(value).is_finite()
    except InvalidOperation:
        return False


def _list_of(value: Any, ok) -> bool:
    return value is None or (isinstance(value, list) and all(ok(v) for v in value))


def _strs(d: dict, *keys: str) -> bool:
    return all(isinstance(d.get(k), str) for k in keys)


def _opt(value: Any, kind: type) -> bool:
    return value is None or isinstance(value, kind)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
