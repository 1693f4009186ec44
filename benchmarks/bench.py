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


def time_extract(path: Path, repeat: int) -> tuple[float, int]:
    runs = []
    pages = 1
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read_document(path)
        build_ledger(doc)
        runs.append(time.perf_counter() - start)
        pages = doc.page_count or 1
    return statistics.median(runs), pages


def time_cli(path: Path, repeat: int = 3) -> float:
    """Wall time of a whole `audit FILE` run, start-up included."""
    audit = ROOT / ".venv" / "bin" / "audit"
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(audit), str(path), "--no-color"], capture_output=True, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    print(f"{'file':48} {'pages':>5} {'extract s':>10} {'s/page':>8} {'s/1000 docs':>12} {'audit wall s':>13}")
    for path in fixtures():
        try:
            seconds, pages = time_extract(path, repeat=5)
        except Exception as exc:  # a benchmark reports a failing fixture and goes on
            print(f"{path.name:48} failed: {exc}")
            continue
        wall = time_cli(path)
        print(f"{path.name:48} {pages:5d} {seconds:10.4f} {seconds / pages:8.4f} {seconds * 1000:12.1f} {wall:13.3f}")


if __name__ == "__main__":
    main()
