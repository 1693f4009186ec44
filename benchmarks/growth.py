"""Growth benchmark: how the time of one audit grows with the size of a table.

The final seed's 支出决算表 is grown to k times its rows: each class keeps its code and gets k
copies of its 款 (renumbered, with their 项), and the class and total rows are the sums of their
parts, so that the grown table is consistent. The rest of the document is the seed.
Prints the median in-process time (read, ledger, every rule; no start-up) for each k and the
ratio to k = 1. Run with `make bench` (or `python benchmarks/growth.py`); asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.audit import AuditOptions, audit_bytes, load_all_rules  # noqa: E402

SEED = ROOT / "fixtures" / "seeds" / "pingfang-smart-city-2023-final.txt"
TITLE = "\n支出决算表\n\n公开03表\n"
NOTE = "注：本表反映单位本年度各项支出情况。"


def _sums(rows: list[list[str]]) -> list[str]:
    """Column sums of rows of figures (`1,254.29`), shown with two decimals."""
    return [f"{sum(Decimal(r[j].replace(',', '')) for r in rows):.2f}" for j in range(len(rows[0]))]


def grown_disclosure(k: int) -> str:
    """The final seed with its 支出决算表 grown to k times its rows (k = 1: the seed itself)."""
    text = SEED.read_text(encoding="utf-8")
    if k == 1:
        return text
    start = text.index(TITLE) + 1
    block_end = text.index(NOTE, start)
    lines = text[start:block_end].split("\n")
    header_at = next(i for i, ln in enumerate(lines) if ln.startswith("项目\t"))
    head = lines[: header_at + 3]
    cells = [ln.split("\t") for ln in lines[header_at + 3:]]
    rows = [r for r in cells if len(r) > 2 and (r[0].isdigit() or r[1] == "合计")]
    total = next(r for r in rows if r[1] == "合计")
    classes: dict[str, list[list[str]]] = {}
    for r in rows:
        code = r[0]
        if len(code) == 3:
            classes[code] = [r]
        elif len(code) in (5, 7):
            classes[code[:3]].append(r)
    body: list[list[str]] = []
    for code, members in classes.items():
        kuan = [r for r in members if len(r[0]) == 5]
        copies = []
        for copy in range(k):
            for i, r in enumerate(kuan):
                number = f"{code}{copy * len(kuan) + i + 1:02d}"
                copies.append([number, r[1], *r[2:]])
                copies += [[number + x[0][5:], x[1], *x[2:]] for x in members
                           if len(x[0]) == 7 and x[0].startswith(r[0])]
        # the class row is the sum of its 款 rows, so the grown table is as consistent as can be
        body += [[code, members[0][1], *_sums([c[2:] for c in copies if len(c[0]) == 5])], *copies]
    classes_rows = [r[2:] for r in body if len(r[0]) == 3]
    out = [*head, "\t".join([total[0], total[1], *_sums(classes_rows)]), *("\t".join(r) for r in body)]
    return text[:start] + "\n".join(out) + "\n\n" + text[block_end:]


def repeated_rows(path: Path, table: int, k: int) -> str:
    """`path` with the body of its `table`-th table (its lower half of lines) written k times."""
    from auditor.extract import build_ledger
    from auditor.readers import read_document

    t = build_ledger(read_document(path)).tables[table]
    lines = path.read_text(encoding="utf-8").split("\n")
    first = t.first_line + (t.last_line - t.first_line) // 2  # below any header
    body = lines[first - 1:t.last_line]
    return "\n".join(lines[:first - 1] + body * k + lines[t.last_line:])


def time_audit(k: int, repeat: int = 5, text: str | None = None) -> float:
    rules, options = load_all_rules(), AuditOptions()
    data = (text if text is not None else grown_disclosure(k)).encode("utf-8")
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        audit_bytes(f"grown-{k}x.txt", data, rules, options)
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def main() -> None:
    print("growth: the 支出决算表 of the final seed grown k times (median of 5 in-process audits)")
    base = time_audit(1)
    for k in (1, 2, 4, 8, 16):
        seconds = base if k == 1 else time_audit(k)
        print(f"  {k:>2}×  {seconds:7.3f} s  {seconds / base:6.1f}× the 1× time")
    print("every table of the seeds, its rows repeated 16 times (worst first; median of 3)")
    ratios = []
    for path in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "tricky").glob("*.txt")):
        from auditor.extract import build_ledger
        from auditor.readers import read_document

        for n, table in enumerate(build_ledger(read_document(path)).tables):
            one = time_audit(1, 3, path.read_text(encoding="utf-8"))
            grown = time_audit(16, 3, repeated_rows(path, n, 16))
            ratios.append((grown / one, path.name, table.type, one, grown))
    for ratio, name, kind, one, grown in sorted(ratios, reverse=True)[:5]:
        print(f"  {name} {kind}: {one:.3f} s → {grown:.3f} s, {ratio:.1f}×")


if __name__ == "__main__":
    main()
