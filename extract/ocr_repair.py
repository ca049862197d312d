"""Repairs of OCR misreadings that the document's own structure makes certain.

Tesseract reads a clean scan at about 98 % of characters; the few it gets
wrong matter most where one character carries the structure: the formal
numerals of the top-level outline (貳 read as 京, 柒 as 染 — complex glyphs)
and two-character outcome formulas (洽悉 read as 浴悉). Such a line loses its
heading, or its point no longer reads as an acknowledgement. Only lines of
OCR-read pages are touched, and only where the repair is forced:

* a line opening with a lone non-numeral character and 、, standing where the
  top-level series (壹、貳、參…, which never restarts) has a gap of exactly
  that one number, takes the missing numeral;
* a numbered point or labelled outcome whose whole text is one character
  away from an outcome formula becomes that formula (the commoner formula
  when two are as near).

Example::

    >>> from extract.model import Line, Page
    >>> page = Page(1, [Line(t, 1, ocr=True) for t in ["壹、時間：上午", "京、地點：本府", "參、主席：市長", "(一)浴悉。"]], ocr=True)
    >>> [line.text for line in repair_ocr([page])[0].lines]
    ['壹、時間：上午', '貳、地點：本府', '參、主席：市長', '(一)洽悉。']
"""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz.distance import Levenshtein

from extract.model import Page
from extract.outline import FORMAL_DIGITS, label, numbering

# Single formal numerals 1–10 in order (叁, a variant of 參, is not a step of the series).
FORMAL_SERIES = FORMAL_DIGITS.replace("叁", "")
# A line opening with one CJK character and 、: a heading whose numeral may be misread.
# 甲乙丙… (heavenly stems) and plain numerals are outline numbers of their own.
SUSPECT_HEADING = re.compile(r"^(?P<char>[\u4e00-\u9fff])\s*、(?P<rest>.*)$")
OTHER_SERIES = set("甲乙丙丁戊己庚辛壬癸一二三四五六七八九十") | set(FORMAL_DIGITS)
SHORT_HEADING = 15  # characters; the last heading of a document (柒、散會) has no successor to confirm it

# Outcome formulas, commonest first: the order breaks ties between equally near ones.
OUTCOME_FORMULAS = ("洽悉", "照案通過", "准予備查", "同意備查", "修正通過", "准予核備", "知悉", "確認", "備查")
FORMULA_BODY = re.compile(r"^(?P<body>[^\s，。,.；;：:]{2,4})(?P<end>[。.]?)$")


def repair_ocr(pages: list[Page]) -> list[Page]:
    """``pages`` with the OCR-read lines repaired (other pages as they are)."""
    if not any(page.ocr for page in pages):
        return pages
    return repair_formal_numbering([_map_ocr_lines(page, repair_formula) for page in pages])


def _map_ocr_lines(page: Page, repair) -> Page:
    if not page.ocr:
        return page
    return dataclasses.replace(page, lines=[dataclasses.replace(line, text=repair(line.text)) for line in page.lines])


def repair_formal_numbering(pages: list[Page]) -> list[Page]:
    """Fill a gap of one in the 壹、貳、參… series from an OCR line that stands in it.

    >>> from extract.model import Line
    >>> rows = ["壹、時間", "京、地點", "參、主席", "陸、報告", "染、討論提案：無"]
    >>> page = Page(1, [Line(t, 1) for t in rows], ocr=True)
    >>> [line.text[0] for line in repair_formal_numbering([page])[0].lines]
    ['壹', '貳', '參', '陸', '柒']
    """
    positions = [(p, i) for p, page in enumerate(pages) for i in range(len(page.lines))]
    values = [_formal_value(pages[p].lines[i].text) for p, i in positions]
    repaired = {}
    for index, (p, i) in enumerate(positions):
        match = SUSPECT_HEADING.match(pages[p].lines[i].text)
        if not (pages[p].ocr and match and match.group("char") not in OTHER_SERIES):
            continue
        before = next((v for v in reversed(values[:index]) if v), 0)
        after = next((v for v in values[index + 1:] if v), None)
        expected = before + 1
        if not before or expected > len(FORMAL_SERIES):
            continue
        if after == expected + 1 or (after is None and len(match.group("rest")) <= SHORT_HEADING):
            repaired[p, i] = FORMAL_SERIES[expected - 1] + "、" + match.group("rest")
            values[index] = expected
    if not repaired:
        return pages
    return [
        dataclasses.replace(page, lines=[
            dataclasses.replace(line, text=repaired[p, i]) if (p, i) in repaired else line
            for i, line in enumerate(page.lines)
        ])
        for p, page in enumerate(pages)
    ]


def _formal_value(text: str) -> int:
    found = numbering(text)
    return found.value if found and found.level == 1 else 0


def repair_formula(text: str) -> str:
    """A point or outcome reading one character away from an outcome formula, as that formula.

    >>> repair_formula("(一)浴悉。"), repair_formula("決議：照案通遏"), repair_formula("(二)同意。")
    ('(一)洽悉。', '決議：照案通過', '(二)同意。')
    """
    body = _body(text)
    match = FORMULA_BODY.match(body)
    if not match or match.group("body") in OUTCOME_FORMULAS:
        return text
    word = match.group("body")
    near = [formula for formula in OUTCOME_FORMULAS
            if len(formula) == len(word) and Levenshtein.distance(formula, word) == 1]
    return text[:len(text) - len(body)] + near[0] + match.group("end") if near else text


def _body(text: str) -> str:
    """A line without its numbering marker and outcome label (a suffix of ``text``)."""
    body = text.rstrip()
    found = numbering(body)
    if found:
        body = found.rest.strip()
    labelled = label(body)
    if labelled and labelled.kind == "outcome" and labelled.rest.strip():
        body = labelled.rest.strip()
    return body if text.endswith(body) else text
