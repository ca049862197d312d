"""The home page catalogue (datasette_plugins/catalogue.py), ROC date filters
(datasette_plugins/roc_dates.py), charts (datasette_plugins/charts.py) and
serving (db/serve.py), through Datasette's own client on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from datasette_plugins.roc_dates import days_between, roc_date
from db.serve import make_datasette
from tests.catalogue_fixtures import BODY, DOC2_ID, build_corpus_db, build_sample_db, iso

ROOT = Path(__file__).resolve().parent.parent


def listed_items(html: str) -> list[str]:
    """Item ids in the order the catalogue lists them."""
    return re.findall(r'class="item-link" href="/item/([^"]+)"', html)


async def get(datasette, path, **params):
    response = await datasette.client.get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    return response.text


async def test_home_lists_open_items_first_by_deadline_and_hides_noted(datasette):
    ids = listed_items(await get(datasette, "/"))
    # open with dates (nearest first), open without date, then closed
    assert ids[:3] == ["i-overdue", "i-soon", "i-later"]
    assert set(ids[3:5]) == {"i-script", "i-tai"}
    assert ids[-1] == "i-released"
    assert "i-noted" not in ids
    assert "i-noted" in listed_items(await get(datasette, "/", kind="noted"))


async def test_row_shows_lead_unit_roc_deadline_status_and_days_open(datasette):
    html = await get(datasette, "/", unit="臺中市政府衛生局", overdue="1")
    assert listed_items(html) == ["i-overdue"]
    row = html[html.index('href="/item/i-overdue"'):]
    row = row[:row.index("</tr>")]
    deadline = dt.date.fromisoformat(iso(-10))
    assert f"{deadline.year - 1911}年{deadline.month}月{deadline.day}日（{deadline.isoformat()}）" in row
    assert "臺中市政府衛生局" in row and "協辦：臺中市政府社會局" in row
    assert "列管中" in row and "逾期" in row
    assert "<td>40</td>" in row  # meeting 40 days ago


@pytest.mark.parametrize("params, expected", [
    ({"unit": "臺中市政府社會局"}, {"i-overdue", "i-later"}),  # lead or assisting
    ({"kind": "resolution"}, {"i-later"}),
    ({"status": "in_progress"}, {"i-later"}),
    ({"status": "released"}, {"i-released"}),
    ({"meeting": DOC2_ID}, {"i-script", "i-tai"}),
    ({"body": BODY, "due": "30"}, {"i-soon"}),
    ({"due": "90"}, {"i-soon"}),
    ({"month": iso(100)[:7]}, {"i-later"}),
    ({"overdue": "1"}, {"i-overdue"}),
    ({"q": "社工"}, {"i-overdue", "i-later"}),
    ({"q": "卫生局", "overdue": "1"}, {"i-overdue"}),
    ({"unit": "不存在的單位"}, set()),
])
async def test_filters(datasette, params, expected):
    assert set(listed_items(await get(datasette, "/", **params))) == expected


async def test_sort_by_deadline_descending(datasette):
    ids = listed_items(await get(datasette, "/", sort="-deadline"))
    assert ids[:3] == ["i-later", "i-soon", "i-overdue"]


async def test_search_box_highlights_matches_and_escapes_text(datasette):
    html = await get(datasette, "/", q="網站安全")
    assert "<mark>網站安全</mark>" in html
    assert "&lt;script&gt;alert" in html
    assert '<script>alert("x")' not in html
    html = await get(datasette, "/", q="<script>")
    assert "<mark>&lt;script&gt;</mark>" in html


async def test_filter_form_offers_units_and_bodies(datasette):
    html = await get(datasette, "/")
    assert '<option value="臺中市政府衛生局"' in html
    assert f'<option value="{BODY}"' in html


def test_roc_dates():
    assert roc_date("2024-03-08") == "113年3月8日（2024-03-08）"
    assert roc_date("1999-12-31", with_gregorian=False) == "88年12月31日"
    assert roc_date("下次會議") == "下次會議"
    assert days_between("2024-02-28", "2024-03-01") == 2  # leap year


async def test_charts_page_renders_svg_with_units_and_meetings(datasette):
    html = await get(datasette, "/charts")
    assert html.count("<svg") == 2
    assert "臺中市政府衛生局" in html
    assert "112年第4次會議" in html
    # the 4th meeting released one item
    assert re.search(r"112年第4次會議（[0-9-]+）：1</title>", html)


async def test_exports_csv_and_json(datasette):
    csv = await get(datasette, "/lieguan/item_overview.csv", _size="max")
    assert csv.splitlines()[0].startswith("id,")
    assert "i-overdue" in csv
    rows = (await datasette.client.get("/lieguan/open_items.json", params={"_shape": "array"})).json()
    assert {row["id"] for row in rows} == {"i-overdue", "i-soon", "i-later", "i-script", "i-tai"}


async def test_canned_queries(datasette):
    overdue = (await datasette.client.get("/lieguan/overdue_by_unit.json", params={"_shape": "array"})).json()
    assert [(row["主辦單位"], row["id"]) for row in overdue] == [("臺中市政府衛生局", "i-overdue")]
    released = (await datasette.client.get("/lieguan/released_last_meeting.json", params={"_shape": "array"})).json()
    assert [row["id"] for row in released] == ["i-released"]
    due = (await datasette.client.get("/lieguan/due_within_30_days.json", params={"_shape": "array"})).json()
    assert [row["id"] for row in due] == ["i-soon"]
    html = await get(datasette, "/lieguan/overdue_by_unit")
    assert "逾期事項依單位" in html


async def test_metadata_is_traditional_chinese(datasette):
    html = await get(datasette, "/lieguan/items")
    assert "列管事項" in html
    assert "類別：directive 主席指示" in html  # column description


def test_make_datasette_refuses_a_missing_database(tmp_path):
    with pytest.raises(FileNotFoundError, match="lieguan build"):
        make_datasette(tmp_path / "missing.db")


def test_cli_serve_and_publish_report_a_missing_database(tmp_path):
    lieguan = shutil.which("lieguan", path=str(Path(sys.executable).parent))
    for args in (["serve", "--db", str(tmp_path / "none.db")], ["publish", str(tmp_path / "out"), "--db", str(tmp_path / "none.db")]):
        result = subprocess.run([lieguan, *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 1
        assert "no such database" in result.stderr


async def test_real_built_corpus(tmp_path):
    """The catalogue, search and item pages on the knowledge base `lieguan build`
    makes from the corpus PDFs, served in public mode."""
    ds = make_datasette(build_corpus_db(tmp_path / "lieguan.db"), public=True)
    await ds.invoke_startup()
    ids = listed_items(await get(ds, "/"))
    assert len(ids) > 10
    hits = (await ds.client.get("/lieguan/items.json",
                                params={"_search": "卫生局", "_shape": "array", "_size": "max"})).json()
    assert hits and all("衛生局" in "".join(row["text"].split()) for row in hits)
    latencies = []
    for query in ("社工", "局", "心理衛生", "社會安全網", "理事長", "衛生局 訪視"):
        started = time.perf_counter()
        assert (await ds.client.get("/", params={"q": query})).status_code == 200
        latencies.append(time.perf_counter() - started)
    print(f"\ncatalogue search page over HTTP: max {max(latencies) * 1000:.0f} ms for {len(latencies)} queries")
    for item_id in ids[:5]:
        html = await get(ds, "/item/" + item_id)
        assert "/document/" in html
        assert "<mark>" in html  # the passage was found in its page's text
    for path in ("/charts", "/lieguan/new_and_overdue_feed.atom", "/lieguan/deadlines_calendar.ics",
                 "/lieguan/overdue_by_unit", "/lieguan/released_last_meeting", "/lieguan/due_within_30_days"):
        assert (await ds.client.get(path)).status_code == 200, path


async def test_month_facet_on_table_pages(datasette):
    data = (await datasette.client.get("/lieguan/item_overview.json")).json()
    months = data["facet_results"]["deadline_date"]
    assert months["type"] == "month"
    soon = iso(10)[:7]
    value = next(v for v in months["results"] if v["value"] == soon)
    year, month = soon.split("-")
    assert value["label"] == f"{int(year) - 1911}年{int(month)}月（{soon}）"
    assert f"deadline_date__startswith={soon}" in value["toggle_url"]
    assert sum(v["count"] for v in months["results"]) == 3  # items with a deadline date


async def test_long_lists_are_paged_keeping_the_filters(datasette, monkeypatch):
    from datasette_plugins import catalogue

    monkeypatch.setattr(catalogue, "PAGE_SIZE", 2)
    first = await get(datasette, "/", unit="臺中市政府衛生局")
    assert first.count('class="item-link"') == 2 and "下一頁" not in first
    pages = [listed_items(await get(datasette, "/", page=str(n))) for n in (1, 2, 3)]
    assert pages == [["i-overdue", "i-soon"], ["i-later", pages[1][1]], [pages[2][0], "i-released"]]
    html = await get(datasette, "/", page="2", kind="directive")
    assert 'href="/?page=1&amp;kind=directive" rel="prev"' in html
    assert 'href="/?page=3&amp;kind=directive" rel="next"' not in html  # 4 directives: 2 pages
    assert listed_items(await get(datasette, "/", page="99")) == pages[2]  # clamped to the last page


async def test_search_without_an_index_says_so_instead_of_failing(tmp_path):
    path = build_sample_db(tmp_path / "lieguan.db")
    with sqlite3.connect(path) as connection:
        connection.execute("drop table items_fts")
    ds = make_datasette(path)
    html = await get(ds, "/", q="社工")
    assert "搜尋索引尚未建立" in html
    assert len(listed_items(html)) == 6  # the unfiltered catalogue


async def test_other_datasettes_keep_their_own_index_page(tmp_path):
    """The plugins are installed for every Datasette in the environment; one that
    does not serve the lieguan database must still have a working home page."""
    from datasette.app import Datasette

    from db.serve import register_plugins

    register_plugins()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (a)").connection.commit()
    response = await Datasette([str(other)]).client.get("/")
    assert response.status_code == 200
    assert 'href="/other"' in response.text
