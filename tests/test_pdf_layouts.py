"""The same minutes printed to PDF in other layouts read as their text does.

Each house-style fixture (tests/fixtures/house_styles/*.txt, one paragraph a
line) is set as an HTML page and printed by headless Chromium with a layout
variant: a narrow column so that points wrap, justified text, hanging indents
for numbered points, a page break inside the document, double line spacing,
header fields in a two-column table, and the browser's own print header and
footer. The items (kinds, texts without whitespace, units, deadlines) and the
meeting header of the PDF must equal those of the text file.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.clean import clean
from extract.layout import paragraphs
from extract.outline import FIELDS
from extract.pipeline import extract
from extract.read import read
from extract.read_pdf import Char, build_lines

STYLES = Path(__file__).parent / "fixtures" / "house_styles"
LAYOUT_FIXTURES = Path(__file__).parent / "fixtures" / "pdf_layouts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BASE_CSS = ("body{font-family:'Noto Serif CJK TC';font-size:12pt;margin:0} p,td{white-space:pre-wrap}"
            " p{margin:0 0 .3em 0}")
LAYOUTS = {
    "narrow": "body{width:22em}",
    "justified": "body{width:22em} p{text-align:justify}",
    "hanging_indent": "p.point{padding-left:2em;text-indent:-2em}",
    "page_break": "p.middle{break-before:page}",
    "double_spacing": "body{line-height:2.0}",
    "small_sans": "body{font-size:10pt;font-family:'Noto Sans CJK TC'}",
}
HEADER_ROW = re.compile(rf"^((?:{FIELDS}))\s*[:：]\s*(.*)$")
POINT = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、])")


def page_html(source: Path, css: str, header_table: bool = False) -> str:
    """The fixture as an HTML page: a <p> per line, or a table row per header field."""
    texts = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    body, rows = [], []
    for index, text in enumerate(texts):
        field = HEADER_ROW.match(text) if header_table else None
        if field:
            rows.append(f"<tr><td>{html.escape(field.group(1))}</td><td>{html.escape(field.group(2))}</td></tr>")
            continue
        if rows:
            body.append(f"<table border=1 style='border-collapse:collapse'>{''.join(rows)}</table>")
            rows = []
        classes = " ".join(name for name, yes in (("point", POINT.match(text)), ("middle", index == len(texts) // 2))
                           if yes)
        body.append(f"<p class='{classes}'>{html.escape(text)}</p>")
    return (f"<!doctype html><html><head><meta charset=utf-8><title>{source.stem}</title>"
            f"<style>{BASE_CSS}{css}</style></head><body>{''.join(body)}</body></html>")


def print_pdf(tmp_path: Path, source: Path, css: str = "", header_table: bool = False,
              browser_margins: bool = False) -> Path:
    """Chromium's print of the fixture; with ``browser_margins`` its date/title header and URL/page footer."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    page = tmp_path / f"{source.stem}.html"
    page.write_text(page_html(source, css, header_table), encoding="utf-8")
    pdf = tmp_path / f"{source.stem}.pdf"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()]
    if not browser_margins:
        command.insert(-1, "--no-pdf-header-footer")
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    return pdf


def reading(path: Path) -> tuple[list[tuple], dict]:
    """Items (kind, text without whitespace, units, deadline) and the meeting header, whitespace aside."""
    record = extract(path)
    items = [(item.kind, re.sub(r"\s+", "", item.text),
              sorted((unit.canonical, unit.role) for unit in item.responsible_units),
              (item.deadline.kind, item.deadline.date)) for item in record.items]
    meeting = {name: re.sub(r"\s+", "", value) if isinstance(value, str) else value
               for name, value in record.meeting.to_json().items()}
    return items, meeting


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("style", ["county_affairs_meeting_magistrate_rulings", "taipei_city_meeting_mayor_remarks_ascii_colons"])
def test_same_items_as_the_text_in_every_layout(tmp_path, style, layout):
    """Wrapped, justified, hanging-indented, page-broken and respaced prints of
    one text: lines joined across wraps and pages with nothing inserted."""
    source = STYLES / f"{style}.txt"
    assert reading(print_pdf(tmp_path, source, LAYOUTS[layout])) == reading(source)


def test_browser_print_header_and_footer_on_a_one_page_print_are_not_read(tmp_path):
    """Cause: a browser prints the date, time and page title at the top and the
    URL and ``1/1`` at the bottom; with one page nothing repeats, so they were
    kept, and joined into a last "item" (11/23/26,2:40PM…file:///….html1/1)."""
    source = STYLES / "legislative_committee_resolutions.txt"
    pdf = print_pdf(tmp_path, source, browser_margins=True)
    texts = [line.text for line in clean(read(pdf)).pages[0].lines]
    assert not any("file://" in text or re.search(r"\d:\d\d", text) for text in texts)
    assert reading(pdf) == reading(source)


def test_header_table_rows_read_as_fields(tmp_path):
    """Cause: in a header table (時間 | 113年…) Chromium's 1-pixel cell padding
    left no gap between the name and the value, which ran together
    (時間113年10月22日); and without a colon the rows were not read as header
    fields: 主席 許議長修睿 became an item. A cell wall now splits the row, and
    a table row opened by a field name reads as 主席：許議長修睿."""
    source = STYLES / "city_council_resolved_motions.txt"
    pdf = print_pdf(tmp_path, source, header_table=True)
    texts = [line.text for line in clean(read(pdf)).pages[0].lines]
    assert "主席 許議長修睿" in texts
    assert reading(pdf) == reading(source)


def test_short_lines_on_a_page_where_no_line_wraps_stay_apart(tmp_path):
    """Cause: the right margin was taken as the usual edge of the longest
    lines; on a page whose lines are all shorter than the column, the longest
    (a table row set as text) counted as reaching the margin and the next row
    was glued to it, losing item 2 of the tracking table."""
    source = STYLES / "bureau_meeting_tracking_table.txt"
    assert reading(print_pdf(tmp_path, source)) == reading(source)


def test_letter_spaced_text_gets_no_spaces_between_its_characters(tmp_path):
    """Cause: with letter spacing (CSS letter-spacing, Word's 字元間距加寬) every
    gap is wider than a word space between Latin characters, and pdfium marks
    each as a word gap: 1.請 read 1 .請 and was no numbered point. Gaps now
    count beyond the line's usual gap."""
    source = STYLES / "bureau_meeting_tracking_table.txt"
    pdf = print_pdf(tmp_path, source, "p{letter-spacing:0.3em} body{width:30em}")
    assert "1.請水質科加強河川巡守隊培訓，每月彙整巡守成果。" in [p.text for p in paragraphs(clean(read(pdf)))]
    assert reading(pdf) == reading(source)


def test_a_glyph_boxed_by_its_outline_stays_on_its_baseline():
    """Cause: in a LibreOffice export of seed 002 (14pt, justified) pdfium boxed
    一 by its outline, 6 points high and centred 3.5 points above the line's
    middle but not flat enough to count as a flat glyph: 一 fell into a row of
    its own (華總 義字…令 / 一). Rows now follow the pen's baseline. (Boxes as
    measured on that page.)"""
    def char(text, x, order, top=109.5, bottom=122.8):
        return Char(text, x, top, x + 14, bottom, order, baseline=121.2)

    chars = [char("華", 100, 0), char("總", 114, 1), char("一", 128, 2, top=109.5, bottom=115.6), char("義", 142, 3)]
    assert [line.text for line in build_lines(chars, 1)] == ["華總一義"]


def test_a_short_line_before_a_page_break_ends_its_paragraph():
    """Cause: a point's last line (…造成編列預算困難：) stopped two characters
    short of the margin, within the 10 % that counts as full, so the speaker
    at the top of the next page (衛生福利部社會及家庭署) was glued to it. A line
    that leaves room for the next line's first word ended by choice.
    (Fixture: LibreOffice export, 16pt, 5 cm margins, hanging indents.)"""
    document = clean(read(LAYOUT_FIXTURES / "libreoffice_colon_line_before_page_break.pdf"))
    assert [p.text for p in paragraphs(document)] == [
        "四、本市策略三人事經費補助未依照核定人數乘以13.5個月，造成編列預算困難：",
        "衛生福利部社會及家庭署",
        "1.請嘉義市政府依強化社會安全網第二期計畫核定本員額編列。",
    ]
