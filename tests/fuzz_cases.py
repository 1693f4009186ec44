"""Hostile and odd inputs, generated from a fixed seed: mutated text and PDF disclosures, rule
files, resume logs and command lines, as a careful user or an attacker would try them.

`case(k, seed)` is the k-th case; each names the files to write (into a fresh folder) and the
command line to run there. tests/test_fuzz.py runs a few hundred in CI; `make fuzz` runs
thousands (FUZZ_CASES). The same seed and k give the same case, made only when it runs.
"""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import hostile

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "tricky").glob("*.txt"))
PDFS = [ROOT / "fixtures" / "pdf" / "generated" / name for name in (
    "mohe-smart-city-2025-budget.pdf", "pingfang-smart-city-2023-final-unruled.pdf",
    "pingfang-smart-city-2023-final-threeline.pdf")]
PACKS = sorted(p for p in (ROOT / "rules").glob("*.yaml") if "\nrules:" in p.read_text(encoding="utf-8"))
SEED = 20261201

# What a hostile document may hold: terminal controls, markup, odd numbers and separators.
TOKENS = ["\x1b[2J", "\x1b[31m", "\x1b]0;title\x07", "\x9b1m", "\u202e", "\u2066", "\x00", "\x08", "\r",
          "[/]", "[bold]", "[link=file:///etc/passwd]x[/link]", "{actual}", "%s", "\t", "\t\t\t", "\n", "\ufeff",
          "1" * 31, "0." + "0" * 40 + "1", "9" * 29 + ".99", "-0.00", "(5.00)", "1,2,3", "1e5", "NaN", "∞",
          "１２３．４５", "合计", "总计", "小计", "其中：", "一、", "（一）", "201", "2010101", "万元", "%",
          "增长100.00%", "持平", "XXX万元", "单位：元", "单位：", "栏次", "\u3000", "—", "-", "\\", "\"", "'"]
JUNK_VALUES = [None, True, 0, -1, 1.5, "", "x", "~[", "{actual:d}", "$row", "code:9", [], [None], [[1]], {},
               {"a": [1]}, {1: 2}, "a" * 3000, ["F101"], "E001", "(", "*", "ordinal:3", "\x1b[2J"]
OPTIONS = ["--format", "--select", "--ignore", "--extend-select", "--fail-on", "--jobs", "--timeout", "--kind",
           "--pdf-engine", "--color", "--exclude", "--stdin-filename", "--rules", "--log", "--baseline",
           "--config", "-o", "--write-baseline"]
OPTION_VALUES = ["json", "text", "sarif", "junit", "github", "gitlab", "csv", "markdown", "xml", "ALL", "F", "F1",
                 "Z9", "[/]", "E", "error", "warning", "fatal", "0", "1", "2", "-1", "abc", "0.5", "1e9", "budget",
                 "final", "pdfium", "pdfminer", "always", "never", "*.txt", "", "\x1b[2J", "a" * 300,
                 "missing.txt", "nofolder/x.json", "."]
FLAGS = ["--quiet", "--verbose", "--statistics", "--exit-zero", "--show-rounding", "--resume", "--together",
         "--isolated", "--show-settings", "--show-files", "--prune-baseline", "--no-color"]


@dataclass
class Case:
    kind: str
    name: str
    argv: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    fifo: str | None = None  # a named pipe to make in the folder

def wants_json(argv: list[str]) -> bool:
    """The command line (after routing) asks for a JSON document on stdout: its last --format is
    json, and nothing else (settings, the file list, a report file, a baseline) goes there instead."""
    formats = [b for a, b in zip(argv, argv[1:], strict=False) if a in ("--format", "-f")]
    elsewhere = {"--show-settings", "--show-files", "-o", "--output-file", "--write-baseline", "-h", "--help"}
    return (bool(argv) and argv[0] in ("check", "rules", "extract") and formats[-1:] == ["json"]
            and not elsewhere & set(argv))


MAKERS = (("text", 30), ("pdf", 14), ("rules", 18), ("log", 12), ("cli", 18), ("special", 8))


def case(k: int, seed: int = SEED) -> Case:
    rng = random.Random(f"{seed}:{k}")
    kind = rng.choices([m for m, _ in MAKERS], [w for _, w in MAKERS])[0]
    return globals()[f"_{kind}_case"](rng, k)


# --- text disclosures ----------------------------------------------------------------------------

def mutate_text(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8")
    lines = text.split("\n")
    for _ in range(rng.randint(1, 12)):
        op = rng.random()
        j = rng.randrange(len(lines))
        if op < 0.45:
            cells = lines[j].split("\t")
            c = rng.randrange(len(cells))
            at = rng.randint(0, len(cells[c]))
            cells[c] = cells[c][:at] + rng.choice(TOKENS) + cells[c][at:]
            lines[j] = "\t".join(cells)
        elif op < 0.6:
            lines.insert(j, lines[rng.randrange(len(lines))])
        elif op < 0.7:
            del lines[j]
        elif op < 0.8:
            cells = lines[j].split("\t")
            rng.shuffle(cells)
            lines[j] = "\t".join(cells)
        elif op < 0.9:
            lines[j] = lines[j] * rng.randint(2, 40)
        else:
            lines[j:j] = lines[j:j + rng.randint(1, 30)] * rng.randint(2, 8)
    out = "\n".join(lines).encode("utf-8")
    roll = rng.random()
    if roll < 0.08:
        out = out[: rng.randrange(1, len(out))]  # cut short, maybe inside a character
    elif roll < 0.14:
        out = out.decode("utf-8", "ignore").encode(rng.choice(["utf-16", "utf-16-le", "gb18030"]), "ignore")
    elif roll < 0.18:
        pos = rng.randrange(len(out))
        out = out[:pos] + bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64))) + out[pos:]
    return out


def _text_case(rng: random.Random, k: int) -> Case:
    source = rng.choice(TEXTS)
    name = rng.choice([f"t{k}.txt", f"[bold]{k}.txt", f"\x1b[31m{k}.txt", f"报告{k}.txt", f"{k}.dat"])
    argv = ["check", name, "--format", rng.choice(["json", "json", "text", "sarif", "github", "csv"])]
    if rng.random() < 0.2:
        argv += ["--show-rounding", "-v"]
    return Case("text", f"{k}:text:{source.name}", argv, {name: mutate_text(rng, source.read_bytes())})


# --- PDFs ----------------------------------------------------------------------------------------

def mutate_pdf(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    roll = rng.random()
    if roll < 0.3:
        for _ in range(rng.randint(1, 40)):
            out[rng.randrange(len(out))] = rng.getrandbits(8)
    elif roll < 0.45:
        del out[rng.randrange(len(out) // 2, len(out)):]
    elif roll < 0.6:
        at = rng.randrange(len(out))
        out[at:at] = rng.choice([b"/Length 999999999", b"0 0 obj", b"<<<<<<", b"stream\n", b"endobj",
                                 b"/Kids [1 0 R 1 0 R]", b"/Count 99999", b"%%EOF"]) * rng.randint(1, 50)
    elif roll < 0.75:
        out = out.replace(b"/Length ", b"/Length 1", rng.randint(1, 5))
    else:
        chunk = rng.randrange(len(out))
        out = out[:chunk] + out[chunk: chunk + rng.randint(1, 4096)] * rng.randint(2, 20) + out[chunk:]
    return bytes(out)


def _pdf_case(rng: random.Random, k: int) -> Case:
    roll = rng.random()
    if roll < 0.55:
        source = rng.choice(PDFS)
        data, what = mutate_pdf(rng, source.read_bytes()), source.name
    else:
        what, data = rng.choice([
            ("bomb", lambda: hostile.inflation_bomb(rng.choice([20, 24]))),
            ("pages", lambda: hostile.repeated_page(rng.choice([2001, 5000]))),
            ("length", hostile.self_length), ("loop", hostile.page_tree_loop),
            ("flood", lambda: hostile.glyph_flood(rng.choice([210_000, 250_000]))),
            ("text", lambda: hostile.simple_pdf(hostile.text_content(rng.choice(TOKENS) * 3 for _ in range(20)))),
            ("junk-stream", lambda: hostile.simple_pdf(b"q " * 100 + bytes(rng.getrandbits(8) for _ in range(500)))),
        ])
        data = data()
    engine = rng.choice(["pdfium", "pdfium", "pdfminer"])
    return Case("pdf", f"{k}:pdf:{what}", ["check", f"p{k}.pdf", "--format", "json", "--pdf-engine", engine],
                {f"p{k}.pdf": data})


# --- rule files ----------------------------------------------------------------------------------

def mutate_rules(rng: random.Random) -> bytes:
    import yaml

    pack = yaml.safe_load(rng.choice(PACKS).read_text(encoding="utf-8"))
    rule = rng.choice(pack["rules"])
    rid = rule["id"]
    for _ in range(rng.randint(1, 3)):
        key = rng.choice([*rule, "extra"])
        value = rule.get(key)
        if isinstance(value, dict) and value and rng.random() < 0.5:
            value[rng.choice(list(value))] = rng.choice(JUNK_VALUES)
        elif isinstance(value, list) and value and rng.random() < 0.4:
            value[rng.randrange(len(value))] = rng.choice(JUNK_VALUES)
        else:
            rule[key] = rng.choice(JUNK_VALUES)
    rule["id"] = rng.choice(["C9" + rid[2:], "E099", "C990", "F1", 101, None, "C991"])
    pack["rules"] = [rule]
    text = yaml.safe_dump(pack, allow_unicode=True)
    roll = rng.random()
    if roll < 0.1:
        text = text[: rng.randrange(len(text))]
    elif roll < 0.15:
        text = "a: &a [" + ",".join(["x"] * 20) + "]\n" + "".join(
            f"{c}: &{c} [{','.join(['*' + p] * 20)}]\n" for p, c in zip("abcde", "bcdef", strict=True)) + text
    elif roll < 0.2:
        text = "pack: x\nrules: " + "[" * rng.randint(100, 20_000) + "]" * rng.randint(100, 20_000) + "\n"
    return text.encode("utf-8") if rng.random() > 0.05 else text.encode("utf-16")


def _rules_case(rng: random.Random, k: int) -> Case:
    source = rng.choice(TEXTS[:4])
    command = rng.choice([["check", "doc.txt", "--format", "json"], ["rules"], ["rules", "--format", "json"],
                          ["explain", "C990"]])
    return Case("rules", f"{k}:rules", [*command, "--rules", "r.yaml"],
                {"r.yaml": mutate_rules(rng), "doc.txt": source.read_bytes()})


# --- resume logs ---------------------------------------------------------------------------------

def _log_line(rng: random.Random, path: str) -> bytes:
    entry = {"version": 1, "path": path, "abspath": path, "size": rng.choice([960, 0, -1, "x", None]),
             "mtime_ns": rng.choice([0, 10**30, None, 1.5]), "status": "done", "counts": {}, "seconds": 0.1,
             "error": None, "config": rng.choice(["0" * 16, 5, None]),
             "report": rng.choice([{"path": path, "findings": [{"rule": "F109", "severity": "error",
                                                                "title": "t", "message": "m",
                                                                "expected": rng.choice(["NaN", "1e99999", "1.0", 5])}]},
                                   [], None, "x", {"path": 5}])}
    if rng.random() < 0.3:
        entry = rng.choice([[entry], "line", 5, None, {"abspath": [path]}])
    return json.dumps(entry, ensure_ascii=False).encode("utf-8")


def _log_case(rng: random.Random, k: int) -> Case:
    source = rng.choice(TEXTS[:4])
    lines = []
    for _ in range(rng.randint(1, 8)):
        roll = rng.random()
        if roll < 0.4:
            lines.append(_log_line(rng, "doc.txt"))
        elif roll < 0.6:
            lines.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 200))))
        elif roll < 0.7:
            lines.append(b"[" * 50_000 + b"]" * 50_000)
        elif roll < 0.8:
            lines.append(b'{"abspath": "doc.txt", "report": {' * 200)
        else:
            lines.append(_log_line(rng, "doc.txt")[: rng.randint(1, 60)])
    log = b"\n".join(lines) + rng.choice([b"\n", b""])
    return Case("log", f"{k}:log", ["check", "doc.txt", "--log", "run.jsonl", "--resume", "--format", "json"],
                {"doc.txt": source.read_bytes(), "run.jsonl": log})


# --- command lines -------------------------------------------------------------------------------

def _cli_case(rng: random.Random, k: int) -> Case:
    argv = [rng.choice(["check", "check", "extract", "rules", "explain", "chek", "[/]", "-", "--version"])]
    for _ in range(rng.randint(0, 5)):
        roll = rng.random()
        if roll < 0.5:
            argv += [rng.choice(OPTIONS), rng.choice(OPTION_VALUES)]
        elif roll < 0.75:
            argv.append(rng.choice(FLAGS))
        else:
            argv.append(rng.choice(["doc.txt", "missing.txt", ".", "sub", "F101", "-", "\x1b[2J.txt", "a" * 300]))
    if rng.random() < 0.5:  # whatever went wrong, a script asking for JSON must be able to parse stdout
        argv += ["--format", "json"]
    files = {"doc.txt": TEXTS[2].read_bytes(), "sub/x.txt": TEXTS[3].read_bytes()}
    if rng.random() < 0.2:
        files["audit.toml"] = rng.choice([b"jobs = -1\n", b"[limits]\npages = 0\n", b"timeout = \"x\"\n",
                                          b"select = [\"[/]\"]\n", b"\xff\xfe", b"[limits]\nfile-mb = 0.0001\n",
                                          b"format = \"json\"\nrules = [\"nope.yaml\"]\n"])
    return Case("cli", f"{k}:cli", argv, files)


# --- files that are not files --------------------------------------------------------------------

def _special_case(rng: random.Random, k: int) -> Case:
    roll = rng.random()
    if roll < 0.3:
        return Case("special", f"{k}:fifo", ["check", "pipe.txt", "--format", "json"], fifo="pipe.txt")
    if roll < 0.45:
        return Case("special", f"{k}:fifo-rules", ["check", "doc.txt", "--rules", "pipe.yaml"],
                    {"doc.txt": TEXTS[0].read_bytes()}, fifo="pipe.yaml")
    if roll < 0.6:
        return Case("special", f"{k}:fifo-log", ["check", "doc.txt", "--log", "pipe.jsonl", "--resume"],
                    {"doc.txt": TEXTS[0].read_bytes()}, fifo="pipe.jsonl")
    if roll < 0.75:
        return Case("special", f"{k}:dev-zero", ["check", "/dev/zero", "--format", "json"])
    if roll < 0.88:
        wide = TEXTS[0].read_bytes() + b"\n" + b"1\t" * rng.choice([1500, 100_000, 2_500_000]) + b"\n"
        return Case("special", f"{k}:wide", ["check", "w.txt", "--format", "json"], {"w.txt": wide})
    deep = zlib.compress(b"(" * 100)  # a stream that is neither text nor a PDF
    return Case("special", f"{k}:binary", ["check", "b.txt", "--format", "json"], {"b.txt": deep * 100})
