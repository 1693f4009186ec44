"""The audit pipeline for one file: read → ledger → prose claims → rules → FileReport."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .paths import require_builtin_data
from .report.model import FileReport

# The built-in packs, in the order their rules are listed (aliases.yaml and vocabulary.yaml in
# the same folder are data for the readers, not rule packs).
BUILTIN_PACKS = ("common.yaml", "budget.yaml", "final.yaml", "narrative.yaml", "document.yaml")
INPUT_SUFFIXES = (".txt", ".pdf")


@dataclass(slots=True)
class AuditOptions:
    extra_rules: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    kind: str | None = None  # overrides the detected document kind
    show_rounding: bool = False
    pdf_engine: str = "auto"


def builtin_pack_paths() -> list[Path]:
    """The built-in packs; `BuiltinDataMissing` when the install has none (exit status 2)."""
    return require_builtin_data(BUILTIN_PACKS)


def load_all_rules(extra: Iterable[Path] = ()):
    from .engine import load_rules

    return load_rules([*builtin_pack_paths(), *extra])


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the .txt and .pdf files below them, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in INPUT_SUFFIXES)
        else:
            out.append(p)
    return out


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
    chosen = select_rules(rules, options.select, options.ignore, kind=ledger.info.kind, family=ledger.info.family)
    findings, skipped = run_rules(ledger, chosen, show_rounding=options.show_rounding)
    return FileReport.from_ledger(ledger, findings, skipped)
