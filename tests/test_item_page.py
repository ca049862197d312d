"""The item page and source documents (datasette_plugins/item_page.py)."""

from __future__ import annotations


from datasette_plugins.item_page import locate, source_excerpt
from db.serve import make_datasette
from tests.catalogue_fixtures import DOC2_ID, DOC_ID, SOURCE_PDF, build_sample_db, pdf_page_text


async def test_item_page_shows_meeting_units_deadline_and_provenance(datasette):
    response = await datasette.client.get("/item/i-overdue")
    assert response.status_code == 200
    html = response.text
    assert "主席指示" in html
    assert "請衛生局於局務會議提出並加強策進社工人員訪視評估比率。" in html
    assert "臺中市強化社會安全網推動會報112年第3次會議" in html
    assert "強化社會安全網績效考核辦理情形" in html  # agenda item
    assert "臺中市政府衛生局</a>（主辦，原文「衛生局」）" in html
    assert "臺中市政府社會局</a>（協辦" in html
    assert "（原文「一個月內」）" in html
    assert f'href="/document/{DOC_ID}#page=2"' in html


async def test_item_page_marks_the_passage_in_the_real_pdf_page_text(datasette):
    """The fixture's page text is pdfplumber's text of the real PDF page, where
    the passage is broken across lines; it must still be found and marked."""
    html = (await datasette.client.get("/item/i-soon")).text
    marked = html[html.index("<mark>"):html.index("</mark>")]
    assert "請民政局加強督導同仁" in marked
    assert "(六) 考核指標五(二)跨部門區域聯繫會議" in html  # context before the passage


async def test_item_page_status_history(datasette):
    html = (await datasette.client.get("/item/i-released")).text
    assert "解除列管" in html
    assert "第5案解除列管" in html
    assert "112年第4次會議" in html  # the meeting that released it
    html = (await datasette.client.get("/item/i-later")).text
    assert "辦理中" in html and "人工登錄" in html and "張嘉玲" in html


async def test_item_page_escapes_injected_markup(datasette):
    html = (await datasette.client.get("/item/i-script")).text
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(" in html


async def test_unknown_item_is_404(datasette):
    assert (await datasette.client.get("/item/no-such-item")).status_code == 404


async def test_document_is_served_inline_as_pdf(datasette):
    response = await datasette.client.get(f"/document/{DOC_ID}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == SOURCE_PDF.read_bytes()


async def test_document_without_a_file_or_unknown_is_404(datasette):
    assert (await datasette.client.get(f"/document/{DOC2_ID}")).status_code == 404
    assert (await datasette.client.get("/document/" + "c" * 64)).status_code == 404
    assert (await datasette.client.get("/document/../../etc/passwd")).status_code == 404


def test_locate_ignores_layout_whitespace_and_script_variants():
    page = pdf_page_text(2)
    start, end = locate(page, "請社會局加強與警察局等相關單位之橫向聯繫")
    assert page[start:end].replace("\n", "") == "請社會局加強與警察局等相關單位之橫向聯繫"
    assert locate("臺中市政府", "台中市") == (0, 3)
    assert locate("完全無關", "請社會局") is None


def test_source_excerpt_is_escaped():
    assert source_excerpt("<b>前文</b>請辦理", "請辦理") == "&lt;b&gt;前文&lt;/b&gt;<mark>請辦理</mark>"
    assert source_excerpt(None, "請辦理") is None


async def test_documents_folder_supplies_files_not_at_their_recorded_path(tmp_path):
    """A catalogue served elsewhere than it was built (`serve --documents DIR`, a published site)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "second.txt").write_text("第二次會議紀錄", encoding="utf-8")
    ds = make_datasette(build_sample_db(tmp_path / "lieguan.db"), documents_dir=folder)
    response = await ds.client.get(f"/document/{DOC2_ID}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "第二次會議紀錄"
    assert (await ds.client.get(f"/document/{DOC_ID}")).status_code == 200  # recorded path still used
