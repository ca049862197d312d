"""Format dispatch and errors of the reading layer (extract/read.py)."""

import hashlib
import io
import shutil

import docx
import pytest

from extract.model import ExtractError
from extract.read import detect_format, read

SEED_PDF = "corpus/pdf/000_cc469a30a0b85147.pdf"


def test_sha256_is_the_hash_of_the_file_bytes():
    document = read(SEED_PDF)
    with open(SEED_PDF, "rb") as handle:
        assert document.sha256 == hashlib.sha256(handle.read()).hexdigest()


def test_pdf_under_a_txt_name_is_read_as_pdf(tmp_path):
    renamed = tmp_path / "minutes.txt"
    shutil.copy(SEED_PDF, renamed)
    document = read(renamed)
    assert document.format == "pdf"
    assert document.pages[0].lines[0].bbox is not None


def test_docx_under_a_pdf_name_is_read_as_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("決議：照案通過。")
    buffer = io.BytesIO()
    document.save(buffer)
    renamed = tmp_path / "minutes.pdf"
    renamed.write_bytes(buffer.getvalue())
    assert read(renamed).format == "docx"


def test_text_under_a_pdf_name_is_read_as_text(tmp_path):
    renamed = tmp_path / "minutes.pdf"
    renamed.write_text("主席裁示：照辦。", encoding="utf-8")
    assert read(renamed).format == "txt"


@pytest.mark.parametrize(
    "content, name, reason",
    [
        (b"", "empty.txt", "empty"),
        (b" \n\n", "blank.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.png", "unsupported"),
        (b"\x00\x01\x02garbage", "broken.pdf", "corrupt"),
        (b"PK\x03\x04 not really a zip", "broken.docx", "corrupt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "legacy.doc", "unsupported"),
    ],
)
def test_bad_input_raises_extract_error_with_reason(tmp_path, content, name, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractError) as error:
        read(path)
    assert error.value.reason == reason
    assert "\n" not in str(error.value)


def test_zip_that_is_not_an_office_document_is_unsupported(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ExtractError) as error:
        read(path)
    assert error.value.reason == "unsupported"


def test_missing_file_is_an_extract_error(tmp_path):
    with pytest.raises(ExtractError):
        read(tmp_path / "nowhere.pdf")


def test_detect_format_prefers_magic_bytes():
    assert detect_format("a.docx", b"%PDF-1.4\n...") == "pdf"
    assert detect_format("a.pdf", "純文字".encode()) == "txt"
