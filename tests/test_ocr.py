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
    assert accuracy >= 95  # 98.7 when written; 94.4 before despeckling and punctuation mapping


@needs_tesseract
def test_ocr_pages_and_lines_are_marked(scanned):
    assert all(page.ocr for page in scanned.pages)
    assert all(line.ocr and line.page == page.number for page in scanned.pages for line in page.lines)
    assert "盧召集人秀燕" in scanned.pages[0].text


@needs_tesseract
def test_ocr_text_is_nfkc_normalised_except_cjk_punctuation(scanned):
    text = "\n".join(page.text for page in scanned.pages)
    assert not re.search("[\uff01-\uff5e]", re.sub("[：，；！？]", "", text))  # no other full-width ASCII forms
    assert "主席指(裁)示：" in text  # the source's colon, whatever form Tesseract gave


@needs_tesseract
def test_scanned_minutes_give_the_same_items_as_their_text_layer_twin(tmp_path):
    """The scan of minutes 000 through the whole pipeline: the same items, in
    the same order, with the same kinds, units and deadlines as corpus/pdf/000,
    and the gold score of its twin (1.0). Before despeckling and the punctuation
    mapping the scan gave 7 of 19 items; before extract/ocr_repair.py, 17
    (柒 read as 染 glued a heading to an item, 洽悉 read as 浴悉)."""
    import json
    import shutil

    from extract import extract
    from tests.test_golden import CORPUS, score

    scan, twin = extract(SCAN), extract("corpus/pdf/000_cc469a30a0b85147.pdf")
    assert [item.kind for item in scan.items] == [item.kind for item in twin.items]
    for ours, theirs in zip(scan.items, twin.items):
        assert fuzz.ratio(ours.text, theirs.text) >= 90, (ours.text, theirs.text)
        assert (ours.deadline.kind, ours.deadline.date) == (theirs.deadline.kind, theirs.deadline.date)
        assert [u.canonical for u in ours.responsible_units] == [u.canonical for u in theirs.responsible_units]
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    stem = Path(SCAN).stem
    shutil.copy(CORPUS / "gold" / f"{stem}.json", gold_dir)
    (pred_dir / f"{stem}.json").write_text(json.dumps(scan.to_json(), ensure_ascii=False), encoding="utf-8")
    result = score(gold_dir, pred_dir)
    print(f"scan: items F1 {result['items']['f1']:.3f}, actionable F1 {result['actionable']['f1']:.3f}")
    assert result["items"]["f1"] == result["actionable"]["f1"] == 1.0


def test_speckled_page_is_despeckled_and_a_clean_one_left_alone():
    from PIL import Image

    from extract.ocr import despeckle, is_speckled

    clean_page = Image.new("L", (500, 700), 255)
    clean_page.paste(0, (100, 100, 400, 110))  # a line of "text" away from the margins
    speckled = clean_page.copy()
    for x in range(0, 500, 7):
        for y in range(0, 700, 7):
            speckled.putpixel((x, y), 150)  # isolated grey dots everywhere, margins included
    assert not is_speckled(clean_page) and despeckle(clean_page) is clean_page
    assert is_speckled(speckled)
    assert despeckle(speckled).getextrema() == (0, 255)  # the line survives
    assert despeckle(speckled).crop((0, 0, 20, 700)).getextrema() == (255, 255)  # the dots do not


def test_page_too_large_to_render_is_scaled_down_then_refused():
    from extract.ocr import MAX_PIXELS, capped_dpi

    assert capped_dpi("a.pdf", 300, 595, 842) == 300
    dpi = capped_dpi("a.pdf", 300, 2384, 3370)  # A0
    assert 100 <= dpi < 300 and (2384 / 72 * dpi) * (3370 / 72 * dpi) <= MAX_PIXELS
    with pytest.raises(ExtractError) as error:
        capped_dpi("a.pdf", 300, 14400, 14400)  # 200 × 200 inches
    assert error.value.reason == "too_large"


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
    assert normalise("主 席 裁 示：請 社會局 辦理（１１２年）") == "主席裁示：請社會局辦理(112年)"
    assert normalise("整體建議及回應 : 請於 4:05 前 ,完成 ;並") == "整體建議及回應：請於 4:05 前，完成；並"
    assert normalise("Dr. Lin, M.D.: ok") == "Dr. Lin, M.D.: ok"
    assert normalise("  Level 1 共通性課程  ") == "Level 1 共通性課程"
