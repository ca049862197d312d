"""Document kind detection: minutes, report or deck, from the document itself."""

import shutil
from pathlib import Path

import pytest

from extract.clean import clean
from extract.kind import detect_kind
from extract.layout import paragraphs
from extract.model import Document, Line, Page, Paragraph
from extract.read import read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXPECTED = {"000": "minutes", "001": "report", "002": "minutes", "003": "minutes", "004": "deck"}


def kind_of(path) -> str:
    document = clean(read(path))
    return detect_kind(document, paragraphs(document))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("seeds/*.txt")) + sorted(CORPUS.glob("pdf/*.pdf")),
                         ids=lambda p: f"{p.parent.name}/{p.name[:3]}")
def test_seed_texts_and_their_pdfs(path):
    assert kind_of(path) == EXPECTED[path.name[:3]]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("real-pdf/*.pdf")) + sorted(CORPUS.glob("scanned/*.pdf")),
                         ids=lambda p: p.name[:2])
def test_real_and_scanned_minutes(path):
    assert kind_of(path) == "minutes"


def test_file_name_does_not_decide(tmp_path):
    """A deck saved under a minutes-like name is still a deck."""
    misleading = tmp_path / "會議紀錄.txt"
    shutil.copy(next(CORPUS.glob("seeds/004_*.txt")), misleading)
    assert kind_of(misleading) == "deck"


def document(rows, width=None, height=None, pages=1, fmt="txt"):
    return Document("x", "0" * 64, fmt, [Page(n + 1, [Line(t, n + 1) for t in rows], width, height)
                                           for n in range(pages)])


def test_spaced_and_split_header_labels_are_minutes():
    """Some producers space out labels (時 間：) or break them over two lines."""
    rows = ["某協會第5次理監事會議", "一、時", "間：2023年10月06日", "二、地 點：會議室", "三、主 席：王理事長"]
    doc = document(rows)
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "minutes"


def test_landscape_pages_are_a_deck():
    rows = ["參、計畫指標", "1. 涵蓋率逐年提升至 60%"]
    doc = document(rows, width=960, height=540, pages=4, fmt="pdf")
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "deck"


def test_portrait_prose_is_a_report():
    prose = "本府為推動長期照顧服務，整合社政、衛政及民政資源，" * 4
    rows = ["臺南市議會第4屆第2次定期會", "長期照顧服務專案報告", "報告人：局長"] + [prose] * 12
    doc = document(rows, width=595, height=842, fmt="pdf")
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "report"


def test_short_bullets_without_geometry_are_a_deck():
    rows = ["交通安全簡報", "報告人：交通局", "壹、現況"] + [f"• 重點工作{i}" for i in range(15)]
    doc = document(rows)
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "deck"


def test_decision_page_without_header_fields_is_minutes():
    """Cause: an Executive Yuan decision page has no 時間：/主席： fields, only a
    title and 決定/院長提示 blocks; detection by colon fields alone called it a
    report (or, as text with short lines, a deck)."""
    rows = ["行政院第3915次會議決定", "一、法務部報告「詐騙犯罪防制成效」", "決定：", "(一)洽悉。",
            "(二)請法務部會同數位發展部持續精進防詐作為。", "院長提示：", "(一)打詐是政府施政重點，請各部會通力合作。",
            "二、審計部函送「112年度中央政府總決算審核報告」", "決定：准予備查。"]
    doc = document(rows)
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "minutes"


def test_legislature_header_without_colons_is_minutes():
    """Cause: the Legislative Yuan writes 時　　間　中華民國… with spaces, no
    colon, so no header field was counted."""
    rows = ["立法院第11屆第2會期內政委員會第3次全體委員會議紀錄", "時　　間　中華民國113年10月2日（星期三）上午9時",
            "地　　點　本院群賢樓801會議室", "主　　席　王委員○○", "一、邀請內政部部長列席報告業務概況，並備質詢。"]
    doc = document(rows, width=595, height=842, fmt="pdf")
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "minutes"


def test_one_quoted_resolution_does_not_make_a_report_minutes():
    """A report may quote one earlier 決議： — without a minutes title or header
    field that is still a report."""
    prose = "本局為推動長期照顧服務，整合社政、衛政及民政資源，" * 4
    rows = ["長期照顧服務專案報告", "報告人：局長", "決議：請本局持續推動。"] + [prose] * 12
    doc = document(rows, width=595, height=842, fmt="pdf")
    assert detect_kind(doc, [Paragraph(r, 1) for r in rows]) == "report"
