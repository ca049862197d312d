"""OCR of image-only pages (extract/ocr.py) with Tesseract chi_tra."""

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rapidfuzz import fuzz

from extract.clean import clean
from extract.model import ExtractError
from extract.ocr import normalise, render_dpi
from extract.read import read

SCAN = "corpus/scanned/000_cc469a30a0b85147.pdf"
SOURCE = "corpus/seeds/000_cc469a30a0b85147.txt"

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


@pytest.fixture(scope="module")
def scanned():
    return read(SCAN)


@needs_tesseract
def test_scanned_minutes_are_read_by_ocr_with_high_accuracy(scanned):
    text = re.sub(r"\s+", "", "\n".join(page.text for page in scanned.pages))
    source = re.sub(r"\s+", "", Path(SOURCE).read_text(encoding="utf-8"))
    accuracy = fuzz.ratio(text, source)
    print(f"OCR character accuracy on {Path(SCAN).name}: {accuracy:.1f}")
    assert accuracy >= 85


@needs_tesseract
def test_ocr_pages_and_lines_are_marked(scanned):
    assert all(page.ocr for page in scanned.pages)
    assert all(line.ocr and line.page == page.number for page in scanned.pages for line in page.lines)
    assert "盧召集人秀燕" in scanned.pages[0].text


@needs_tesseract
def test_ocr_text_is_nfkc_normalised(scanned):
    text = "\n".join(page.text for page in scanned.pages)
    assert not re.search("[\uff01-\uff5e]", text)  # no full-width ASCII forms left


@needs_tesseract
def test_ocr_page_numbers_are_cleaned_like_any_other(scanned):
    cleaned = clean(scanned)
    assert "第 1 頁，共 3 頁" not in cleaned.pages[0].text


def test_scan_is_rendered_at_its_own_resolution_not_upsampled():
    # The corpus scan is 200 dpi; upsampling it to 300 dpi cost 9 points of accuracy.
    page = pdfium.PdfDocument(SCAN)[0]
    assert render_dpi(page) == 200


def test_vector_pages_render_at_300_dpi():
    page = pdfium.PdfDocument("corpus/pdf/000_cc469a30a0b85147.pdf")[0]
    assert render_dpi(page) == 300


def test_missing_tesseract_is_a_clear_no_text_error(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ExtractError) as error:
        read(SCAN)
    assert error.value.reason == "no_text"
    assert "tesseract" in error.value.message


def test_normalise_folds_width_and_spaces_between_cjk():
    assert normalise("主 席 裁 示：請 社會局 辦理（１１２年）") == "主席裁示:請社會局辦理(112年)"
    assert normalise("  Level 1 共通性課程  ") == "Level 1 共通性課程"
