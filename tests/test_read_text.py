"""The plain-text reader (extract/read_text.py): encodings, pages, errors."""

import pytest

from extract.model import ExtractError
from extract.read import read
from extract.read_text import decode_text, read_text

MINUTES = "臺中市政府會議紀錄\n壹、時間：112年11月10日\n主席裁示：請社會局於二週內辦理。\n"


def test_utf8_with_and_without_bom_read_the_same(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_bytes(MINUTES.encode("utf-8"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + MINUTES.encode("utf-8"))
    assert read(plain).pages[0].text == read(bom).pages[0].text
    assert read(bom).lines[0].text == "臺中市政府會議紀錄"


def test_big5_file_is_detected_and_decoded(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(MINUTES.encode("cp950"))
    document = read(legacy)
    assert document.format == "txt"
    assert document.lines[2].text == "主席裁示：請社會局於二週內辦理。"


def test_utf16_with_bom_is_read(tmp_path):
    # What Windows Notepad saves as "Unicode".
    path = tmp_path / "notepad.txt"
    path.write_bytes(MINUTES.encode("utf-16"))
    assert read(path).lines[2].text == "主席裁示：請社會局於二週內辦理。"


def test_utf8_is_tried_strictly_before_cp950():
    # UTF-8 bytes of CJK text are often also valid CP950: UTF-8 must win.
    text = "主席決議"
    assert text.encode("utf-8").decode("cp950", errors="strict") != text  # the ambiguity is real
    assert decode_text(text.encode("utf-8")) == text


def test_form_feeds_split_pages_and_number_lines(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("第一頁\n內容\f第二頁\f第三頁", encoding="utf-8")
    document = read(path)
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert [line.page for line in document.lines] == [1, 1, 2, 3]
    assert document.pages[1].text == "第二頁"


def test_crlf_line_ends_are_lines():
    pages = read_text("a.txt", "一\r\n二\r三".encode())
    assert [line.text for line in pages[0].lines] == ["一", "二", "三"]


def test_undecodable_bytes_raise_unsupported():
    with pytest.raises(ExtractError) as error:
        decode_text(b"\x81\x20\xff\xfe\xfd", "x.txt")
    assert error.value.reason == "unsupported"


def test_seed_texts_read_as_one_page_each():
    document = read("corpus/seeds/000_cc469a30a0b85147.txt")
    assert len(document.pages) == 1
    assert document.lines[0].bbox is None
    assert "盧召集人秀燕" in document.pages[0].text
