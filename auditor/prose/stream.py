"""Prose lines → paragraphs → sentences, each character keeping the line and page it came from.

Disclosures wrap sentences freely: a PDF breaks lines every thirty characters, and a .txt
converted from Word may split a sentence, a word or even a number over two lines with a blank
line between ("对4项目支出开展了绩" / "" / "效自评，…"). A line that does not end with sentence
punctuation therefore continues on the next non-blank line, unless either line is a heading
or the next one opens with an ordinal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Line
from ..text import CN_ORDINAL, CN_PAREN_ORDINAL, normalize_chars

Place = tuple[int, int | None]  # (line, page) of one character

_END = "。！？!?"
# A line ending with ；may end a list item; it continues a sentence unless the next line opens
# an item of its own (an ordinal), as PDF text wraps `…占0.31%；` / `住房保障支出…` freely.
_SENTENCE_END = re.compile(r"[。！？!?]")
# "其中：1、…" — a colon before a numbered item ends the introducing sentence.
_COLON_BEFORE_ITEM = re.compile(
    r"[：:](?=(?:\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、))"
)
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d{1,4})?[-—–\s]*$")
_BULLET = re.compile(r"^(?:[-*+>#]\s+)+")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_ARABIC_DOT = re.compile(r"^\d{1,2}[.．](?!\d)")
_ARABIC_COMMA = re.compile(r"^\d{1,2}、")
_ARABIC_PAREN = re.compile(r"^[（(]\d{1,2}[）)]")
_CIRCLED = re.compile(r"^[①-⑳]")
_FIGURE = re.compile(r"\d(?:[\d,.]*)\s*(?:万元|亿元|元|%|个|辆|台|套|平方米|人)")
_TITLE_END = re.compile(r"(?:表|情况|说明|目录|目\s*录|解释|概况|职责|设置)$")
_INNER_PUNCT = re.compile(r"[，,；;。！？]")


def ordinal_style(text: str) -> str | None:
    """The kind of ordinal a text opens with: 第一部分, 一、, （一）, 1., 1、, (1), ①; None without."""
    for style, pattern in (
        ("部分", _PART),
        ("一、", CN_ORDINAL),
        ("（一）", CN_PAREN_ORDINAL),
        ("1.", _ARABIC_DOT),
        ("1、", _ARABIC_COMMA),
        ("（1）", _ARABIC_PAREN),
        ("①", _CIRCLED),
    ):
        if pattern.match(text):
            return style
    return None


def heading_level(text: str) -> int | None:
    """0 for 第X部分, 1 for 一、…, 2 for （一）… headings; None for body text.

    A heading is short and holds no figure: `（二）公务用车购置及运行费0.00万元。` is a
    statement that happens to be numbered, `（一）总体情况。` is a heading.
    """
    t = text.strip()
    if _PART.match(t):
        return 0
    style = ordinal_style(t)
    if style not in ("一、", "（一）"):
        return None
    body = t[:-1] if t.endswith(("。", ".")) else t
    if len(body) > 40 or _FIGURE.search(body) or _INNER_PUNCT.search(body) or "：" in body:
        return None
    return 1 if style == "一、" else 2


def _is_title(text: str) -> bool:
    """A line that stands alone: a heading, a table title, a 单位： line."""
    t = text.strip()
    if heading_level(t) is not None or t.startswith(("单位：", "单位:")):
        return True
    return (
        len(t) <= 25 and not _INNER_PUNCT.search(t) and not _FIGURE.search(t) and bool(_TITLE_END.search(t))
    )


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # normalised: ASCII digits, layout spaces and line breaks removed
    places: tuple[Place, ...]  # (line, page) of every character of `text`
    paragraph: int  # index of the paragraph (joined source lines) it belongs to
    index: int  # position among all sentences

    def place(self, i: int) -> Place:
        return self.places[min(max(i, 0), len(self.places) - 1)]


def _squeeze(text: str, place: Place) -> tuple[str, list[Place]]:
    """Drop layout spaces (PDF text puts them around every number) but keep `ups 电源`-like gaps."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not (_ASCII_WORD.match(before or " ") and _ASCII_WORD.match(after or " ")):
                continue
            if out and out[-1] == " ":
                continue
        out.append(ch)
    s = "".join(out).replace("**", "")
    return s, [place] * len(s)


def _continues(prev: Line, prev_text: str, line: Line, text: str) -> bool:
    if prev_text.endswith(tuple(_END)) or _is_title(prev_text) or _is_title(text):
        return False
    if ordinal_style(text) is not None:
        return False
    if prev.page == line.page:
        return 0 < line.number - prev.number <= 3  # a blank line or two between the halves
    return prev.page is not None and line.page == prev.page + 1  # a sentence across a page break


def paragraphs(lines: list[Line]) -> list[tuple[str, list[Place]]]:
    """Join the prose lines into paragraphs (text, place of every character)."""
    out: list[tuple[str, list[Place]]] = []
    prev: Line | None = None
    prev_text = ""
    for line in lines:
        if line.is_tabular:  # a table row interrupts the prose
            prev = None
            continue
        raw = normalize_chars(line.text).strip()
        if not raw or _PAGE_NUMBER.match(raw):
            continue
        raw = _BULLET.sub("", raw)
        text, places = _squeeze(raw, (line.number, line.page))
        if not text:
            continue
        if prev is not None and out and _continues(prev, prev_text, line, text):
            joined, where = out[-1]
            out[-1] = (joined + text, where + places)
        else:
            out.append((text, places))
        prev, prev_text = line, text
    return out


def sentences(lines: list[Line]) -> list[Sentence]:
    """The sentences of the prose in reading order; a sentence ends with 。！？ (or a list colon)."""
    result: list[Sentence] = []
    for p, (text, places) in enumerate(paragraphs(lines)):
        cuts = sorted(
            {m.end() for m in _SENTENCE_END.finditer(text)}
            | {m.end() for m in _COLON_BEFORE_ITEM.finditer(text)}
        )
        start = 0
        for end in [*cuts, len(text)]:
            if end <= start:
                continue
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            if body:
                result.append(
                    Sentence(body, tuple(places[start + lead : start + lead + len(body)]), p, len(result))
                )
            start = end
    return result
