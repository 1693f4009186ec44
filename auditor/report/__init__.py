"""Reports: the finished result of auditing files, and its renderings."""

from .model import FileReport, Finding, Location, Skipped, sort_findings

__all__ = ["FileReport", "Finding", "Location", "Skipped", "sort_findings"]
