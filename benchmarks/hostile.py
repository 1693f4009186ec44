"""Hostile inputs, timed: wall time and peak memory of a whole `audit FILE` run on each bomb.

The bombs are written by tests/hostile.py (a content stream inflating to 1 GB, a page listed
20,000 times, a self-referencing /Length, a page of 2 million glyphs), plus /dev/zero, a 5 MB line
of 2.5 million cells and a "billion laughs" rule file. Peak memory is the largest resident set of
the `audit` process and its worker (wait4). Run with `make bench`; asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402

AUDIT = ROOT / ".venv" / "bin" / "audit"
SEED = ROOT / "fixtures" / "seeds" / "pingfang-smart-city-2023-final.txt"
LAUGHS = "".join(f"{a}: &{a} [{', '.join([f'*{p}'] * 9 if p else ['lol'] * 9)}]\n"
                 for p, a in zip(["", *"abcdefgh"], "abcdefghi", strict=True)) + "pack: x\nrules: []\n"


def run(args: list[str]) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, last line of output) of one `audit` run."""
    start = time.perf_counter()
    process = subprocess.Popen([str(AUDIT), *args, "--no-color"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [ln.strip() for ln in out.splitlines() if "无法审核" in ln or ln.startswith("错误")]
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode, (lines or [""])[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "inflation-1gb.pdf": hostile.inflation_bomb(1024),
            "pages-20000.pdf": hostile.repeated_page(20_000),
            "self-length.pdf": hostile.self_length(),
            "glyphs-2m.pdf": hostile.glyph_flood(2_000_000),
            "cells-2.5m.txt": SEED.read_bytes() + b"\n" + b"1\t" * 2_500_000 + b"\n",
        }
        for name, data in files.items():
            (folder / name).write_bytes(data)
        (folder / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
        runs = [(name, [str(folder / name)]) for name in files]
        runs += [("/dev/zero", ["/dev/zero"]), ("billion laughs", [str(SEED), "--rules", str(folder / "laughs.yaml")])]
        print("hostile inputs: a whole `audit FILE` run (start-up included)")
        print(f"{'input':18} {'seconds':>8} {'peak MB':>8} {'exit':>4}  message")
        for name, args in runs:
            seconds, peak, status, line = run(args)
            print(f"{name:18} {seconds:8.2f} {peak:8.0f} {status:4d}  {line[:90]}")


if __name__ == "__main__":
    main()
