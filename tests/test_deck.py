"""Slides (title, bullets re-joined by geometry) and the tables of decks and reports."""

from pathlib import Path

import pytest

from extract.deck import bullets, cell_points, cell_text, read_slide, strategy_units, text_tables, unit_rows
from extract.model import Line, Page
from extract.read import read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def deck_pdf():
    return read(next(CORPUS.glob("pdf/004_*.pdf")))


def test_slide_title_and_wrapped_points(deck_pdf):
    """Points wrap over two lines on a 16:9 slide; the lines are one bullet."""
    slide = read_slide(deck_pdf.pages[8])
    assert slide.title == "參、第二期計畫策略及指標"
    texts = [b.text for b in slide.bullets]
    assert "9.邀集網絡團隊辦理精神疾病者、保安處分、更生保護等轉銜會議，至114年辦理場次達50次" in texts
    assert "新增策略作為" in texts  # a sub-heading stays its own line


def test_parenthesised_remark_joins_its_point(deck_pdf):
    """The rollout years under a point, in parentheses, belong to that point."""
    texts = [b.text for b in read_slide(deck_pdf.pages[7]).bullets]
    assert "2.成立危機處理團隊，協助警消、家屬處理強制送醫、精神病人危機狀況(111年擇1縣市試辦，至113年於2縣市辦理)" in texts
    assert "補實服務人力" in texts


def test_footer_and_table_text_are_not_bullets(deck_pdf):
    slide = read_slide(deck_pdf.pages[12])
    assert slide.title == "伍、所遇困難與待中央協助事項(策略一)"
    assert not any("臺中市政府" in b.text for b in slide.bullets)
    assert not any("建請中央" in b.text for b in slide.bullets)


def test_unit_table_rows_from_a_real_pdf(deck_pdf):
    """Cells wrap (社會局 (社會工\\n作科)); a heading point keeps its own line."""
    [row] = unit_rows(deck_pdf.pages[12].tables[0], 13)
    assert row.unit == "社會局(社會工作科)"
    points = [point.replace(" ", "") for point in row.points]
    assert points[0] == "1.有關人力及權益建議："
    assert points[1].startswith("(1)擴大資深社會工作人員") and points[1].endswith("以利於社工人員久任。")
    assert len(row.points) == 3


def test_other_tables_are_not_unit_tables(deck_pdf):
    assert deck_pdf.pages[9].tables and unit_rows(deck_pdf.pages[9].tables[0]) == []


def test_strategy_by_bureau_table_of_the_report():
    report = read(next(CORPUS.glob("pdf/001_*.pdf")))
    [table] = [t for page in report.pages for t in page.tables]
    units = strategy_units(table)
    assert units["策略二"] == ["家防中心"]
    assert units["策略四"] == ["衛政", "教育", "勞政", "少輔", "警政", "民政", "原民"]


def test_web_export_cells_lose_their_markup():
    """A text export of the deck carries the HTML of its table cells."""
    cell = ('<ol><li data-bbox="631 386 2359 753">1. <u>補充社工督導人事費用</u>：說明。'
            '<li data-bbox="631 782 2328 1072">2. <u>加快計畫核定</u>：建請儘速核定。')
    assert cell_text(cell) == "1. 補充社工督導人事費用：說明。\n2. 加快計畫核定：建請儘速核定。"
    assert cell_points(cell) == ["1. 補充社工督導人事費用：說明。", "2. 加快計畫核定：建請儘速核定。"]


def test_tab_separated_tables_in_text():
    seed = read(next(CORPUS.glob("seeds/004_*.txt")))
    tables = [t for _, t in text_tables(seed.pages[0].lines)]
    rows = [r for t in tables for r in unit_rows(t)]
    assert [r.unit for r in rows] == ["衛生局 (心理健康科)".replace(" ", ""), "教育局", "社會局(社會工作科)",
                                      "社會局(社會工作科)", "社會局(身心障礙福利科)"]


def test_bullet_glyphs_and_gaps():
    lines = [Line("• 1.服務績效 40%", 1, (40, 100, 300, 115)),
             Line("• 2.人員進用率 20%", 1, (40, 125, 300, 140)),
             Line("(未達85%視為未達標)", 1, (40, 143, 300, 158)),
             Line("影響", 1, (40, 190, 80, 205))]
    assert [b.text for b in bullets(lines)] == ["1.服務績效 40%", "2.人員進用率 20%(未達85%視為未達標)", "影響"]


def test_slide_without_geometry_uses_first_line_as_title():
    page = Page(1, [Line("貳、推動策略", 1), Line("1. 擴大服務", 1)])
    assert read_slide(page).title == "貳、推動策略"
