"""Benchmark: seconds to read and extract each fixture, and per 1,000 documents.

Run with `make bench`. Prints figures; asserts nothing (speed is measured here, not in tests).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.extract import build_ledger  # noqa: E402
from auditor.readers import read_document  # noqa: E402


def fixtures() -> list[Path]:
    found = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    found += sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
    return found


def time_extract(path: Path, repeat: int, engine: str = "auto") -> tuple[float, int]:
    runs = []
    pages = 1
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read_document(path, pdf_engine=engine)
        build_ledger(doc)
        runs.append(time.perf_counter() - start)
        pages = doc.page_count or 1
    return statistics.median(runs), pages


def time_cli(path: Path, engine: str, repeat: int = 5) -> float:
    """Median wall time of a whole `audit FILE` run, start-up included."""
    audit = ROOT / ".venv" / "bin" / "audit"
    options = [] if engine == "txt" else ["--pdf-engine", engine]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(audit), str(path), "--no-color", *options], capture_output=True, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    print("read + extract: median of 5 in-process runs; audit wall: a whole `audit FILE` process, start-up included")
    print(f"{'file':40} {'engine':>8} {'pages':>5} {'extract s':>10} {'s/page':>8} {'s/1000 docs':>12} {'audit wall s':>13}")
    for path in fixtures():
        engines = ("pdfium", "pdfminer") if path.suffix == ".pdf" else ("txt",)
        for engine in engines:
            try:
                seconds, pages = time_extract(path, repeat=5, engine="auto" if engine == "txt" else engine)
            except Exception as exc:  # a benchmark reports a failing fixture and goes on
                print(f"{path.name:40} {engine:>8} failed: {exc}")
                continue
            wall = time_cli(path, engine)
            print(f"{path.name:40} {engine:>8} {pages:5d} {seconds:10.4f} {seconds / pages:8.4f} "
                  f"{seconds * 1000:12.1f} {wall:13.3f}")


if __name__ == "__main__":
    main()
