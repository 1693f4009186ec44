"""The machine-readable report (`--format json`): a stable contract, keys only ever added."""

from __future__ import annotations

import json

from .model import FileReport

VERSION = 1


def summary(reports: list[FileReport]) -> dict[str, int]:
    out = {"files": len(reports), "errors": 0, "warnings": 0, "infos": 0, "failed": 0}
    for r in reports:
        counts = r.counts()
        out["errors"] += counts["error"]
        out["warnings"] += counts["warning"]
        out["infos"] += counts["info"]
        out["failed"] += 1 if r.error else 0
    return out


def render(reports: list[FileReport]) -> str:
    data = {"version": VERSION, "files": [r.to_json() for r in reports], "summary": summary(reports)}
    return json.dumps(data, ensure_ascii=False, indent=2)
