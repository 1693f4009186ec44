"""SARIF 2.1.0 (`--format sarif`) for code-scanning dashboards.

One run. Every rule chosen for the audited files is a reportingDescriptor; every finding is a
result whose location is the file (relative to the current directory) and the line; for a PDF
the page goes into the message and `properties.page` (conventions.md, "Paged input"). An input
that could not be audited is a result of its `E` rule and a tool execution notification.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.errors import INPUT_ERROR_TITLES

from .model import FileReport, Finding, Location, finding_file
from .paths import relative_path
from .wording import message_text, place_text

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "auditorFinding/v1"  # partialFingerprints: see fingerprint.py


def render(reports: list[FileReport], rules_by_path: dict[str, list], cwd: Path | None = None) -> str:
    return json.dumps(sarif_log(reports, rules_by_path, cwd), ensure_ascii=False, indent=2)


def sarif_log(reports: list[FileReport], rules_by_path: dict[str, list], cwd: Path | None = None) -> dict:
    base = Path(cwd or Path.cwd())
    descriptors = _descriptors(reports, rules_by_path)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        uri = artifact_location(report.path, base)
        results += [_result(f, artifact_location(finding_file(report, f), base), index) for f in report.findings]
        if report.error:
            code = report.findings[0].rule if report.findings else "E001"
            notifications.append({"level": "error", "message": {"text": report.error},
                                  "locations": [{"physicalLocation": {"artifactLocation": uri}}],
                                  "associatedRule": {"id": code, "index": index[code]} if code in index
                                  else {"id": code}})
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "auditor", "version": __version__, "semanticVersion": __version__,
                            "language": "zh-CN", "rules": descriptors}},
        "invocations": [{"executionSuccessful": not any(r.error for r in reports),
                         "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {SRCROOT: {"uri": base.resolve().as_uri().rstrip("/") + "/"}},
        "language": "zh-CN",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _descriptors(reports: list[FileReport], rules_by_path: dict[str, list]) -> list[dict[str, Any]]:
    """The rules chosen for any file, in pack order, then the `E` rules of inputs not audited."""
    rules: dict[str, Any] = {}
    for report in reports:
        for rule in rules_by_path.get(report.path, []):
            rules.setdefault(rule.id, rule)
    out = [_descriptor(rule) for rule in rules.values()]
    codes = sorted({f.rule for r in reports if r.error for f in r.findings} - set(rules))
    out += [{"id": code, "name": "InputNotAudited", "shortDescription": {"text": INPUT_ERROR_TITLES.get(code, "文件无法审核")},
             "defaultConfiguration": {"level": "error"}} for code in codes]
    return out


def _descriptor(rule) -> dict[str, Any]:
    description = " ".join((rule.description or rule.title).split())
    return {
        "id": rule.id,
        "name": _pascal(rule.check) if rule.check else "Identity",
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": description},
        "help": {"text": f"{description}\n\n规则定义：audit explain {rule.id}"},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"pack": rule.pack, "kinds": list(rule.kinds) or ["budget", "final"]},
    }


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _result(finding: Finding, uri: dict[str, str], index: dict[str, int]) -> dict[str, Any]:
    first = finding.locations[0] if finding.locations else None
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result |= {"level": LEVELS.get(finding.severity, "warning"), "message": {"text": message_text(finding)},
               "locations": [_location(first, uri) if first else {"physicalLocation": {"artifactLocation": uri}}]}
    if len(finding.locations) > 1:
        result["relatedLocations"] = [_location(loc, uri, i) for i, loc in enumerate(finding.locations[1:], 1)]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    properties: dict[str, Any] = {"title": finding.title}
    if first and first.page is not None:
        properties["page"] = first.page
    properties |= {k: format(v, "f") for k, v in
                   (("expected", finding.expected), ("actual", finding.actual), ("difference", finding.difference))
                   if v is not None}
    result["properties"] = properties
    return result


def _location(loc: Location, uri: dict[str, str], number: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": uri}
    if loc.line is not None and loc.line >= 1:
        physical["region"] = {"startLine": loc.line}
    out: dict[str, Any] = {}
    if number is not None:
        out["id"] = number
    out["physicalLocation"] = physical
    where = place_text(loc)
    if where:
        out["message"] = {"text": where}
    properties = {k: v for k, v in (("page", loc.page), ("table", loc.table), ("row", loc.row),
                                    ("label", loc.label), ("column", loc.column)) if v is not None}
    if properties:
        out["properties"] = properties
    return out


def artifact_location(path: str, base: Path) -> dict[str, str]:
    """The file relative to the current directory (under %SRCROOT%), else as an absolute file URI."""
    relative = relative_path(path, base)
    if relative is None:
        return {"uri": Path(os.path.abspath(base / path)).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}
