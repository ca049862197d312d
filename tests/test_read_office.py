"""Word (.docx) and OpenDocument (.odt) readers (extract/read_office.py).

The fixtures are written in each test with python-docx and odfpy.
"""

import io

import docx
import pytest
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P

from extract.model import ExtractError
from extract.read import read
from extract.read_office import read_docx, read_odt


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(build) -> bytes:
    document = OpenDocumentText()
    build(document)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def minutes_docx(document):
    document.add_heading("臺中市政府市政會議紀錄", 1)
    document.add_paragraph("壹、時間：113年3月8日")
    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "單位", (0, 1): "辦理事項", (1, 0): "民政局", (1, 1): "請於二週內\n提出報告"}.items():
        table.cell(row, column).text = text
    document.add_paragraph("市長提示：請各局處配合辦理。")
    document.add_page_break()
    document.add_paragraph("散會：下午5時")


def test_docx_paragraphs_and_cells_come_in_document_order(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(docx_bytes(minutes_docx))
    document = read(path)
    assert document.format == "docx"
    texts = [line.text for line in document.pages[0].lines if line.text]
    assert texts == ["臺中市政府市政會議紀錄", "壹、時間：113年3月8日", "單位", "辦理事項", "民政局", "請於二週內",
                     "提出報告", "市長提示：請各局處配合辦理。"]


def test_docx_tables_and_page_breaks(tmp_path):
    pages = read_docx("minutes.docx", docx_bytes(minutes_docx))
    assert pages[0].tables == [[["單位", "辦理事項"], ["民政局", "請於二週內\n提出報告"]]]
    assert [line.text for line in pages[1].lines] == ["散會：下午5時"]
    assert all(line.page == 2 for line in pages[1].lines)


def test_docx_merged_cells_are_read_once():
    def merged(document):
        table = document.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "第一案：預算案"
        for column, text in enumerate(["社會局", "衛生局", "教育局"]):
            table.cell(1, column).text = text

    pages = read_docx("merged.docx", docx_bytes(merged))
    assert pages[0].tables[0][0] == ["第一案：預算案"]
    assert [line.text for line in pages[0].lines].count("第一案：預算案") == 1


def minutes_odt(document):
    document.text.addElement(H(outlinelevel=1, text="新北市政府會議紀錄"))
    document.text.addElement(P(text="決議：照案通過。"))
    table = Table()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in (("單位", "事項"), ("民政局", "辦理戶政")):
        row = TableRow()
        for text in cells:
            cell = TableCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    items = List()
    item = ListItem()
    item.addElement(P(text="一、請各局處配合。"))
    items.addElement(item)
    document.text.addElement(items)


def test_odt_headings_paragraphs_tables_and_lists_in_order(tmp_path):
    path = tmp_path / "minutes.odt"
    path.write_bytes(odt_bytes(minutes_odt))
    document = read(path)
    assert document.format == "odt"
    assert [line.text for line in document.lines] == ["新北市政府會議紀錄", "決議：照案通過。", "單位", "事項", "民政局",
                                                      "辦理戶政", "一、請各局處配合。"]
    assert document.pages[0].tables == [[["單位", "事項"], ["民政局", "辦理戶政"]]]


def test_odt_under_a_docx_name_is_read_as_odt(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(odt_bytes(minutes_odt))
    assert read(path).format == "odt"


def test_damaged_docx_is_corrupt():
    data = docx_bytes(minutes_docx)
    with pytest.raises(ExtractError) as error:
        read_docx("broken.docx", data[: len(data) // 2])
    assert error.value.reason == "corrupt"


def test_damaged_odt_is_corrupt():
    data = odt_bytes(minutes_odt)
    with pytest.raises(ExtractError) as error:
        read_odt("broken.odt", data[: len(data) // 2])
    assert error.value.reason == "corrupt"


def test_empty_docx_has_no_text(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(docx_bytes(lambda document: None))
    with pytest.raises(ExtractError) as error:
        read(path)
    assert error.value.reason == "no_text"


def test_docx_tracked_insertions_and_content_controls_are_read_and_deletions_are_not():
    """python-docx's Paragraph.text skips runs inside w:ins and whole w:sdt
    blocks; Word drafts of minutes carry both."""
    from docx.oxml import parse_xml

    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def drafted(document):
        paragraph = document.add_paragraph("請社會局")
        paragraph._p.append(parse_xml(f'<w:ins {namespace} w:id="1" w:author="a"><w:r><w:t>於二週內</w:t></w:r></w:ins>'))
        paragraph._p.append(parse_xml(f'<w:del {namespace} w:id="2" w:author="a"><w:r><w:delText>儘速</w:delText></w:r></w:del>'))
        paragraph._p.append(parse_xml(f'<w:r {namespace}><w:t>辦理。</w:t></w:r>'))
        control = parse_xml(
            f'<w:sdt {namespace}><w:sdtContent><w:p><w:r><w:t>決議：照案通過。</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        )
        document.element.body.insert(len(document.element.body) - 1, control)

    texts = [line.text for line in read_docx("draft.docx", docx_bytes(drafted))[0].lines]
    assert texts == ["請社會局於二週內辦理。", "決議：照案通過。"]


def test_odt_soft_page_breaks_start_new_pages():
    from odf.text import SoftPageBreak

    def two_pages(document):
        document.text.addElement(P(text="第一頁"))
        document.text.addElement(SoftPageBreak())
        document.text.addElement(P(text="第二頁"))

    pages = read_odt("paged.odt", odt_bytes(two_pages))
    assert [[line.text for line in page.lines] for page in pages] == [["第一頁"], ["第二頁"]]
