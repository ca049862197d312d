"""db/gazetteer.py: the unit gazetteer read defensively, with local-bureau templates."""

from __future__ import annotations

import json

import pytest

from db.gazetteer import Gazetteer

ENTRY = {"name": "衛生福利部心理健康司", "parent": "衛生福利部", "level": "central", "aliases": ["心健司"]}


@pytest.mark.parametrize(
    "data",
    [
        [ENTRY],
        {"central": [ENTRY], "about": "a description, not units"},
        {"衛生福利部心理健康司": {k: v for k, v in ENTRY.items() if k != "name"}},
        [dict({k: v for k, v in ENTRY.items() if k != "name"}, canonical="衛生福利部心理健康司")],
    ],
    ids=["list", "categories", "name-map", "canonical-key"],
)
def test_gazetteer_shapes(data):
    row = Gazetteer.from_json(data).units["衛生福利部心理健康司"]
    assert (row["parent"], row["level"], json.loads(row["aliases"])) == ("衛生福利部", "central", ["心健司"])


def test_names_are_normalised_and_junk_skipped():
    units = Gazetteer.from_json([{"name": "台中市政府"}, 3, {"aliases": ["x"]}, "各網絡單位", {"name": " "}]).units
    assert sorted(units) == ["各網絡單位", "臺中市政府"]
    assert units["各網絡單位"]["level"] == "generic"


def test_templates_expand_for_each_government():
    gazetteer = Gazetteer.from_json({
        "governments": [{"name": "臺中市政府", "place": "臺中市"}, {"name": "嘉義市政府", "place": "嘉義市"}],
        "local_units": [
            {"name": "衛生局", "template": "{government}{name}", "aliases": ["衛政"]},
            {"name": "少年輔導委員會", "template": "{place}{name}"},
            {"name": "怪", "template": "{district}{name}"},
        ],
    })
    assert sorted(gazetteer.templated) == ["嘉義市少年輔導委員會", "嘉義市政府衛生局", "臺中市少年輔導委員會", "臺中市政府衛生局"]
    assert gazetteer.templated["臺中市少年輔導委員會"]["parent"] == "臺中市政府"
    assert "衛生局" not in gazetteer.units  # a template is not a unit on its own


def test_missing_or_broken_file_gives_an_empty_gazetteer(tmp_path):
    broken = tmp_path / "units.json"
    broken.write_text('{"central": [', encoding="utf-8")
    assert Gazetteer.load(broken).units == {}
    assert Gazetteer.load(tmp_path / "absent.json").units == {}


def test_the_bundled_gazetteer_loads():
    gazetteer = Gazetteer.load()
    assert "衛生福利部" in gazetteer.units
    assert gazetteer.units["行政院人事行政總處"]["parent"] == "行政院"
    assert "臺中市政府衛生局" in gazetteer.templated


def test_state_companies_are_under_their_ministries():
    """臺鐵公司 and 台電公司 were missing: state companies answer to a ministry
    (臺鐵 a company since 2024), and the catalogue lists them under it."""
    units = Gazetteer.load().units
    assert units["國營臺灣鐵路股份有限公司"]["parent"] == "交通部"
    assert "臺鐵公司" in json.loads(units["國營臺灣鐵路股份有限公司"]["aliases"])
    assert units["臺灣電力股份有限公司"]["parent"] == "經濟部"
