"""JUnit XML (`--format junit`) for CI dashboards.

One testsuite per file, one testcase per rule chosen for it (classname = the file, name = rule id
and title). A finding at or above `--fail-on` is a failure of its rule's testcase; findings below
it go to the testcase's system-out; a rule skipped with nothing found is skipped; a file that
could not be audited is one testcase with an error (its `E` rule).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .model import SEVERITY_ORDER, FileReport, Finding
from .wording import SEVERITY_NAMES, place_text, values_text

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(reports: list[FileReport], rules_by_path: dict[str, list], fail_on: str = "error") -> str:
    root = ET.Element("testsuites", name="auditor")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for report in reports:
        suite = _suite(report, rules_by_path.get(report.path, []), fail_on)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _suite(report: FileReport, rules: list, fail_on: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(report.path))
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    if report.error:
        finding = report.findings[0] if report.findings else None
        code = finding.rule if finding else "E001"
        case = _case(suite, report.path, f"{code} {finding.title if finding else '文件无法审核'}")
        ET.SubElement(case, "error", message=_clean(report.error), type=code).text = _clean(report.error)
        counts.update(tests=1, errors=1)
    else:
        by_rule: dict[str, list[Finding]] = {}
        for finding in report.findings:
            by_rule.setdefault(finding.rule, []).append(finding)
        titles = {rule.id: rule.title for rule in rules}
        for rule_id, findings in by_rule.items():  # a finding of a rule not chosen still shows
            titles.setdefault(rule_id, findings[0].title)
        skipped = {}
        for s in report.skipped:
            skipped.setdefault(s.rule, []).append(s.reason)
        threshold = SEVERITY_ORDER[fail_on]
        for rule_id, title in titles.items():
            case = _case(suite, report.path, f"{rule_id} {title}")
            findings = by_rule.get(rule_id, [])
            failing = [f for f in findings if SEVERITY_ORDER.get(f.severity, 9) <= threshold]
            below = [f for f in findings if SEVERITY_ORDER.get(f.severity, 9) > threshold]
            for finding in failing:
                ET.SubElement(case, "failure", message=_clean(finding.message),
                              type=finding.severity).text = _clean(finding_text(finding))
            if failing:
                counts["failures"] += 1
            elif not findings and rule_id in skipped:
                ET.SubElement(case, "skipped", message=_clean("；".join(skipped[rule_id])))
                counts["skipped"] += 1
            if below:
                ET.SubElement(case, "system-out").text = _clean("\n\n".join(finding_text(f) for f in below))
            counts["tests"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _case(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(name))


def finding_text(finding: Finding) -> str:
    """A finding in plain text: severity, rule, where, message, values, the other figures involved."""
    name = SEVERITY_NAMES.get(finding.severity, finding.severity)
    where = place_text(finding.locations[0]) if finding.locations else ""
    lines = [" ".join(part for part in (name, finding.rule, where) if part), finding.message]
    values = values_text(finding)
    if values:
        lines.append(values)
    if len(finding.locations) > 1:
        lines.append("涉及：" + "；".join(place_text(loc) for loc in finding.locations[1:]))
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
