"""Repairs of OCR misreadings (extract/ocr_repair.py): one fixture per misreading seen."""

from extract.clean import clean
from extract.model import Document, Line, Page
from extract.ocr_repair import repair_formal_numbering, repair_formula, repair_ocr


def ocr_page(rows: list[str], number: int = 1, ocr: bool = True) -> Page:
    return Page(number, [Line(text, number, ocr=ocr) for text in rows], ocr=ocr)


def texts(pages: list[Page]) -> list[str]:
    return [line.text for page in pages for line in page.lines]


def test_misread_numeral_in_a_gap_of_the_formal_series_is_filled():
    """Tesseract read 貳 as 京 and 柒 as 染 on the scan of minutes 000: 京、地點
    lost the meeting's place, 染、討論提案：無 was glued to the item before."""
    pages = [ocr_page(["壹、時間：112年", "京、地點：本府", "參、主席：市長"]),
             ocr_page(["陸、工作報告：", "主席指(裁)示：洽悉。", "染、討論提案：無", "捌、臨時動議："], 2)]
    assert texts(repair_formal_numbering(pages)) == [
        "壹、時間：112年", "貳、地點：本府", "參、主席：市長", "陸、工作報告：", "主席指(裁)示：洽悉。", "柒、討論提案：無", "捌、臨時動議："]


def test_the_last_heading_is_repaired_only_when_short():
    """柒、散會 ends many minutes: no later heading confirms it, so only a
    heading-sized line is taken; a long line after the last heading is left."""
    short = repair_formal_numbering([ocr_page(["伍、報告", "陸、討論", "染、散會"])])
    long = repair_formal_numbering([ocr_page(["伍、報告", "陸、討論", "染、" + "很長的一段文字" * 4])])
    assert texts(short)[-1] == "柒、散會"
    assert texts(long)[-1].startswith("染、")


def test_numbering_is_left_alone_without_a_gap_or_off_ocr_pages():
    """A line between consecutive numerals is no missing numeral; heavenly stems
    (甲、乙、) are a series of their own; a text-layer page is never repaired."""
    between = [ocr_page(["壹、時間", "京、地點", "貳、主席"])]
    stems = [ocr_page(["壹、時間", "甲、地點", "參、主席"])]
    text_layer = [ocr_page(["壹、時間", "京、地點", "參、主席"], ocr=False)]
    for pages in (between, stems, text_layer):
        assert repair_formal_numbering(pages) == pages


def test_near_formula_becomes_the_formula_and_other_short_points_stay():
    """洽悉 read as 浴悉 on the scan of minutes 000: the point no longer paired
    with its gold text. A real short resolution (同意) is two edits from any formula."""
    assert repair_formula("(一)浴悉。") == "(一)洽悉。"
    assert repair_formula("主席指(裁)示：洽悉。") == "主席指(裁)示：洽悉。"
    assert repair_formula("決議：照案通遏") == "決議：照案通過"
    assert repair_formula("(二)同意。") == "(二)同意。"
    assert repair_formula("一、時間") == "一、時間"


def test_clean_repairs_ocr_pages_only():
    """The repairs run in the cleaning stage, on pages read by OCR."""
    scanned = Document("s.pdf", "0" * 64, "pdf", [ocr_page(["壹、時間", "京、地點", "參、主席", "(一)浴悉。"])])
    typed = Document("t.pdf", "0" * 64, "pdf", [ocr_page(["(一)浴悉。"], ocr=False)])
    assert texts(clean(scanned).pages) == ["壹、時間", "貳、地點", "參、主席", "(一)洽悉。"]
    assert texts(clean(typed).pages) == ["(一)浴悉。"]
    assert repair_ocr(typed.pages) is typed.pages
