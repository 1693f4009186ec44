"""Bad input never gives a traceback: a one-line Chinese message and exit status 2, and the other
files of the run are still audited and reported."""

from __future__ import annotations

import json
import random

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.audit import AuditOptions, audit_file, load_all_rules
from auditor.cli import app
from auditor.engine.expr import ExprSyntaxError, parse
from auditor.errors import InputError
from auditor.readers import read_document
from auditor.readers.txt import decode

runner = CliRunner()
SEED = FIXTURES / "seeds" / "pingfang-smart-city-2023-final.txt"
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    message = result.output.strip()
    assert message.startswith("错误："), message
    assert "\n" not in message, message
    return message


# --- .txt decoding -------------------------------------------------------------------------------

def test_utf16_with_bom_cut_short_is_read():
    data = b"\xff\xfe" + SEED.read_text(encoding="utf-8").encode("utf-16-le")[:-1]
    assert decode(data, "x.txt").startswith(SEED.read_text(encoding="utf-8")[:50])


def test_utf8_cut_in_the_middle_of_a_character_keeps_what_was_read():
    data = SEED.read_bytes()
    cut = data.index("决算".encode(), len(data) // 2) + 1  # one byte into a three-byte character
    text = decode(data[:cut], "x.txt")
    assert text == data[: cut - 1].decode("utf-8")


def test_undecodable_text_is_an_input_error():
    with pytest.raises(InputError):
        decode(b"\x81\x30" * 3 + b"\xff\xff\xff abc", "x.txt")


def test_broken_utf16_file_in_a_batch(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe" + SMALL.read_text(encoding="utf-8").encode("utf-16-le")[:-1])
    result = runner.invoke(app, ["check", str(bad), str(SMALL), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert paths == sorted([str(bad), str(SMALL)])


def test_extract_of_broken_utf16_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe" + SMALL.read_text(encoding="utf-8").encode("utf-16-le")[:-1])
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 0, result.output


def test_extract_internal_error_is_one_line(monkeypatch, tmp_path):
    import auditor.cli

    def boom(path, pdf_engine="auto"):
        raise RuntimeError("boom")

    monkeypatch.setattr(auditor.cli, "load_ledger", boom)
    message = _one_line_error(runner.invoke(app, ["extract", str(SMALL)]))
    assert "内部错误" in message


# --- fuzzed files: no exception escapes the in-process API ---------------------------------------

def test_fuzzed_files_never_raise(tmp_path):
    rng = random.Random(20261125)
    seed = SMALL.read_text(encoding="utf-8")
    files = []
    for _ in range(12):
        chars = list(seed)
        for _ in range(rng.randint(1, 60)):
            j = rng.randrange(len(chars))
            chars.insert(j, rng.choice(["\t", "\n", "1,2,3", "1..2", "--5", "1e5", "∞", "NaN", "合计",
                                        "１２３４５６７８９０１２３４５６７８９０", "0.1234567890123"]))
        files.append(("t", "".join(chars).encode("utf-8")))
    files.append(("r", bytes(rng.getrandbits(8) for _ in range(2000))))
    files.append(("p", b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(2000))))
    rules, options = load_all_rules(), AuditOptions()
    for n, (kind, data) in enumerate(files):
        path = tmp_path / f"f{n}.{'pdf' if kind == 'p' else 'txt'}"
        path.write_bytes(data)
        report = audit_file(path, rules, options)
        assert report.error is None or report.error.strip()


def test_folder_named_like_a_file_is_an_input_error(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    with pytest.raises(InputError):
        read_document(folder)


# --- rule files ----------------------------------------------------------------------------------

def _rule_file(tmp_path, expr: str):
    path = tmp_path / "rules.yaml"
    path.write_text(f'pack: x\nrules:\n  - id: C990\n    title: t\n    severity: error\n    expr: "{expr}"\n',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("expr", [
    "+".join(["1"] * 3000) + " == 1",  # a long flat expression: a deep tree
    "(" * 3000 + "1" + ")" * 3000 + " == 1",  # deep parentheses
    "-" * 3000 + "1 == 1",  # a chain of signs
    "1" * 20_000 + " == 1",  # too long
])
def test_rule_expression_too_deep_or_long(tmp_path, expr):
    with pytest.raises(ExprSyntaxError):
        parse(expr)
    path = _rule_file(tmp_path, expr)
    for args in (["rules", "--rules", str(path)], ["check", "--rules", str(path), str(SMALL)]):
        assert "C990" in _one_line_error(runner.invoke(app, args))


def test_non_utf8_rule_file(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("pack: 规则\nrules: []\n".encode("gbk"))
    for args in (["rules", "--rules", str(path)], ["check", "--rules", str(path), str(SMALL)],
                 ["explain", "F101", "--rules", str(path)]):
        assert "UTF-8" in _one_line_error(runner.invoke(app, args))


def test_recursive_yaml_alias_rule_file(tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text("pack: x\nrules: &a [*a]\n", encoding="utf-8")
    _one_line_error(runner.invoke(app, ["rules", "--rules", str(path)]))
