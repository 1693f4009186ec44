"""The audit pipeline for one file: read → ledger → prose claims → rules → FileReport."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ignorefile import Pattern
from .paths import require_builtin_data
from .report.model import FileReport

# The built-in packs, in the order their rules are listed (aliases.yaml and vocabulary.yaml in
# the same folder are data for the readers, not rule packs).
BUILTIN_PACKS = ("common.yaml", "budget.yaml", "final.yaml", "narrative.yaml", "document.yaml")


@dataclass(frozen=True, slots=True)
class PerFileIgnore:
    """`per-file-ignores`: rules not run on the files a pattern (relative to its config file) matches,
    or with `!pattern` on the files it does not match."""

    pattern: Pattern
    rules: tuple[str, ...]


@dataclass(slots=True)
class AuditOptions:
    extra_rules: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    kind: str | None = None  # overrides the detected document kind
    show_rounding: bool = False
    pdf_engine: str = "auto"
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    cwd: str = field(default_factory=os.getcwd)  # what relative input paths are relative to

    def ignore_for(self, path: str) -> list[str]:
        """`ignore` and the per-file ignores whose pattern matches `path`."""
        if not self.per_file_ignores:
            return self.ignore
        absolute = os.path.join(self.cwd, path)
        extra = [r for p in self.per_file_ignores if p.pattern.matches(absolute, False) != p.pattern.negate
                 for r in p.rules]
        return [*self.ignore, *extra]


def builtin_pack_paths() -> list[Path]:
    """The built-in packs; `BuiltinDataMissing` when the install has none (exit status 2)."""
    return require_builtin_data(BUILTIN_PACKS)


def load_all_rules(extra: Iterable[Path] = ()):
    from .engine import load_rules

    return load_rules([*builtin_pack_paths(), *extra])


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the .txt and .pdf files below them (see discover.py)."""
    from .discover import discover

    return discover(paths).files


def audit_file(path: Path, rules: list, options: AuditOptions) -> FileReport:
    from .readers import read_document

    try:
        document = read_document(path, pdf_engine=options.pdf_engine)
    except InputError as exc:
        return FileReport.failed(str(path), str(exc), exc.code)
    return audit_document(document, rules, options)


def audit_together(paths: list[Path], rules: list, options: AuditOptions) -> FileReport:
    """Several files of one disclosure (the text and the tables published apart), audited as one."""
    from .disclosure import join_documents
    from .readers import read_document

    documents = []
    for path in paths:
        try:
            documents.append(read_document(path, pdf_engine=options.pdf_engine))
        except InputError as exc:
            return FileReport.failed(str(path), str(exc), exc.code)
    # the text first: its pages keep their numbers in the joined document (and in messages)
    documents.sort(key=lambda d: sum(1 for ln in d.lines if ln.is_tabular) / max(1, len(d.lines)))
    return audit_document(join_documents(documents), rules, options)


def audit_bytes(name: str, data: bytes, rules: list, options: AuditOptions) -> FileReport:
    """A file's content read already (`audit -` reads stdin), reported under `name`."""
    try:
        if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
            from .readers import pdf

            document = pdf.read_pdf(Path(name), data, engine=options.pdf_engine)
        else:
            from .readers.txt import read_txt_bytes

            document = read_txt_bytes(name, data)
    except InputError as exc:
        return FileReport.failed(name, str(exc), exc.code)
    return audit_document(document, rules, options)


def audit_document(document, rules: list, options: AuditOptions) -> FileReport:
    """Ledger, claims and rules for a document already read (the in-process entry point)."""
    from .engine import run_rules, select_rules
    from .extract import build_ledger

    try:
        ledger = build_ledger(document)
    except InputError as exc:
        return FileReport.failed(document.path, str(exc), exc.code)
    if options.kind:
        ledger.info.kind = options.kind
    chosen = select_rules(rules, options.select, options.ignore_for(document.path), kind=ledger.info.kind,
                          family=ledger.info.family)
    findings, skipped = run_rules(ledger, chosen, show_rounding=options.show_rounding)
    return FileReport.from_ledger(ledger, findings, skipped)
