"""The normalized ledger: one Fact per numeric cell, the tables they came from, and coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

UNKNOWN_TYPE = "未识别表格"  # the type of a table whose title and header name no known type


@dataclass(frozen=True, slots=True)
class Fact:
    table: str  # canonical table type, e.g. "支出决算表"
    table_id: int  # which table of the document (index into Ledger.tables)
    row: str  # row key: the subject/department code when the row has one, else the label
    label: str  # the row label, normalised (may be "" for a code-only row)
    column: str  # column path from the header, e.g. "本年支出/基本支出"
    value: Decimal
    decimals: int  # decimals shown in the source: the figure stands for value ± ½·10^-decimals
    unit: str  # 万元, 元, %, 个 …
    line: int  # 1-based line (in the file for .txt, within the page for PDF)
    page: int | None = None
    code: str | None = None
    row_index: int = 0  # position of the logical row in its table, for ordering
    group: int = 0  # side-by-side column group the row sits in (0 when the table has one)
    guessed: bool = False  # its column was inferred (a row shifted by a dropped merged cell)


@dataclass(slots=True)
class Row:
    """A logical row of a table: one side of a side-by-side line is a row of its own."""

    key: str
    label: str
    code: str | None
    line: int
    page: int | None
    group: int = 0
    index: int = 0
    part_of: str | None = None  # a `其中` row: the key of the row above it that it is a part of
    # columns the row's line has no cell for (a row narrower than the header, read across a
    # page break or a merged cell): never a blank, so never compared as 0
    absent: tuple[str, ...] = ()


@dataclass(slots=True)
class Table:
    id: int
    type: str  # canonical type, or "未识别表格" when no alias matched
    title: str
    unit: str | None  # money unit of the table (万元/元), None when unknown
    first_line: int
    last_line: int
    pages: list[int] = field(default_factory=list)
    first_page: int | None = None
    last_page: int | None = None
    columns: list[str] = field(default_factory=list)  # column paths of the data columns
    rows: list[Row] = field(default_factory=list)
    column_units: dict[str, str] = field(default_factory=dict)  # a column with its own unit (元, %)
    decimals: int = 2  # decimals most figures of the table show; blank cells count as 0 with these
    empty: bool = False  # the table holds no figures, or says it is empty (本表为空)
    money: bool = True  # False for tables of targets or counts, which money rules never sum
    facts: int = 0
    department: str | None = None  # the department its 部门：/单位： meta line names, if any
    department_at: tuple[int, int | None] | None = None  # (line, page) of that meta line
    meta: list[tuple[str, int, int | None]] = field(default_factory=list)  # its 部门：/单位： lines
    file: str | None = None  # the file it is in, when the disclosure is several files


TOKEN_CLASSES = ("fact", "index", "code", "identifier", "unplaced")


@dataclass(frozen=True, slots=True)
class Token:
    """A numeric token found inside a table region, and what became of it."""

    text: str
    kind: str  # one of TOKEN_CLASSES
    line: int
    page: int | None = None
    table_id: int | None = None
    reason: str = ""


@dataclass(slots=True)
class Coverage:
    tokens: list[Token] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(t.kind for t in self.tokens)
        return {k: c.get(k, 0) for k in TOKEN_CLASSES}

    @property
    def placed(self) -> int:
        return sum(1 for t in self.tokens if t.kind == "fact")

    @property
    def figures(self) -> int:
        return sum(1 for t in self.tokens if t.kind in ("fact", "unplaced"))

    @property
    def unplaced(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "unplaced"]


@dataclass(slots=True)
class DocumentInfo:
    kind: str | None = None  # "budget" | "final"
    year: int | None = None
    department: str | None = None
    unit: str | None = None
    family: str | None = None  # template family (rules/families.yaml): national, jiangsu, … or unknown


@dataclass(slots=True)
class Ledger:
    path: str
    info: DocumentInfo
    tables: list[Table]
    facts: list[Fact]
    coverage: Coverage
    paged: bool = False
    claims: list = field(default_factory=list)  # narrative facts from the prose (auditor.prose)
    prose_lines: list = field(default_factory=list)  # document lines outside the tables
    warnings: list[str] = field(default_factory=list)
    parts: list = field(default_factory=list)  # the files of a disclosure of several (document.Part)

    def tables_of(self, table_type: str) -> list[Table]:
        return [t for t in self.tables if t.type == table_type]

    def facts_of(self, table_id: int) -> list[Fact]:
        return [f for f in self.facts if f.table_id == table_id]
