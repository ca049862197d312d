"""Golden test: each corpus minutes document, from its text and from its PDF,
scored with corpus/score.py against its gold annotation (thresholds, not frozen output)."""

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from extract import extract

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MINUTES = ["000_cc469a30a0b85147", "002_8ecfc175fd86162a", "003_51f5db653f3c666d"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


score = load_scorer()


@pytest.mark.parametrize("source", ["seeds/{}.txt", "pdf/{}.pdf"])
@pytest.mark.parametrize("stem", MINUTES)
def test_minutes_scores(stem, source, tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    shutil.copy(CORPUS / "gold" / f"{stem}.json", gold_dir)
    record = extract(CORPUS / source.format(stem))
    (pred_dir / f"{stem}.json").write_text(json.dumps(record.to_json(), ensure_ascii=False), encoding="utf-8")

    result = score(gold_dir, pred_dir)

    assert record.kind == "minutes"
    assert result["actionable"]["f1"] >= 0.95
    assert result["items"]["f1"] >= 0.9
    assert result["kind"] >= 0.9
    assert result["meeting"] >= 0.95


STYLES = CORPUS / "styles"
FRESH = CORPUS / "fresh"


def scored_folder(folder: Path, tmp_path: Path) -> dict:
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    for source in sorted(folder.glob("*.txt")):
        record = extract(source)
        (pred_dir / f"{source.stem}.json").write_text(json.dumps(record.to_json(), ensure_ascii=False), encoding="utf-8")
    return score(folder / "gold", pred_dir)


def test_house_style_minutes_score(tmp_path):
    """corpus/styles: minutes in other bodies' house styles, scored together."""
    result = scored_folder(STYLES, tmp_path)

    assert result["actionable"]["f1"] >= 0.95
    assert result["units"]["f1"] >= 0.9
    assert result["deadline"] >= 0.9


def test_fresh_minutes_by_other_annotators_score(tmp_path):
    """corpus/fresh: 57 minutes by annotators who never saw the code (see its
    README for their first, unseen scores), scored together. Measured when
    the last round was added: items 0.976, actionable 0.952, kind 0.900,
    units 0.844, deadline 0.942, meeting 0.979."""
    result = scored_folder(FRESH, tmp_path)
    print(f"fresh: items {result['items']['f1']:.3f}, actionable {result['actionable']['f1']:.3f}, "
          f"units {result['units']['f1']:.3f}, deadline {result['deadline']:.3f}")

    assert result["items"]["f1"] >= 0.95
    assert result["actionable"]["f1"] >= 0.92
    assert result["kind"] >= 0.85
    assert result["units"]["f1"] >= 0.78
    assert result["deadline"] >= 0.9
    assert result["meeting"] >= 0.95
