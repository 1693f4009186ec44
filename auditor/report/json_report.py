"""The machine-readable report (`--format json`): a stable contract, keys only ever added."""

from __future__ import annotations

import json

from .model import FileReport

VERSION = 1


def summary(reports: list[FileReport], hidden: int = 0) -> dict[str, int]:
    """Counts over the files; `baselined`: findings a baseline left out of the report."""
    out = {"files": len(reports), "errors": 0, "warnings": 0, "infos": 0, "failed": 0, "baselined": hidden}
    for r in reports:
        counts = r.counts()
        out["errors"] += counts["error"]
        out["warnings"] += counts["warning"]
        out["infos"] += counts["info"]
        out["failed"] += 1 if r.error else 0
    return out


def document(reports: list[FileReport], hidden: int = 0) -> dict:
    return {"version": VERSION, "files": [r.to_json() for r in reports], "summary": summary(reports, hidden)}


def render(reports: list[FileReport], hidden: int = 0) -> str:
    data = document(reports, hidden)
    return json.dumps(data, ensure_ascii=False, indent=2)
