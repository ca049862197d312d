"""db/search.py and the Datasette table search plugin (datasette_plugins/chinese_search.py)."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from db import search
from tests.catalogue_fixtures import build_corpus_db

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"


def items_db(texts: list[str]) -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    db["items"].insert_all(({"id": f"r{n}", "text": text} for n, text in enumerate(texts)), pk="id")
    search.index(db)
    return db


def found(db, query: str) -> set[str]:
    return {row["id"] for row in search.search(db.conn, query)}


def containing(db, query: str) -> set[str]:
    """The oracle: rows whose folded text contains every folded term (a scan)."""
    terms = search.query_terms(query)
    return {
        row["id"] for row in db["items"].rows
        if terms and all(term in search.fold(row["text"]) for term in terms)
    }


def test_fold_maps_simplified_and_tai_to_one_form():
    assert search.fold("卫生局") == search.fold("衛生局")
    assert search.fold("台中市") == search.fold("臺中市")
    assert search.fold("ＡＢＣ１２３") == "abc123"
    assert search.fold("1 0 1 年") == search.fold("101年")


def test_compile_query_has_no_fts_syntax_from_the_user():
    """Quotes, NEAR, OR and column filters in a query are text to find, never FTS syntax."""
    match = search.compile_query('"社工" OR text:NEAR(')
    assert match.count('"') % 2 == 0
    db = items_db(['他說"社工"很好', "社工"])
    assert found(db, '"社工"') == {"r0"}
    assert search.compile_query("   ") is None
    assert found(db, "") == set()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("社", {"r0", "r1"}),  # one character: unigram column
        ("社工", {"r0", "r1"}),  # two: one bigram
        ("社工員", {"r0"}),  # three: a phrase of two bigrams
        ("社工人員", {"r1"}),
        ("工員", {"r0"}),  # inside a word, not at its start
        ("員社", set()),  # the characters exist but never adjacent in this order
        ("卫生局", {"r2"}),  # simplified query, traditional text
        ("台中", {"r2"}),  # 台 finds 臺
        ("社工 衛生局", set()),  # two terms: both must occur
        ("社工員 訪視", {"r0"}),
    ],
)
def test_ngram_queries_find_exactly_the_rows_containing_them(query, expected):
    db = items_db(["請社工員加強訪視", "社工人員之安全", "臺中市政府衛生局儘速辦理"])
    assert found(db, query) == expected


def test_phrase_does_not_match_across_removed_punctuation():
    """Punctuation stays in the gram sequence, so 工，員 is not 工員."""
    db = items_db(["社工，員警"])
    assert found(db, "工員") == set()
    assert found(db, "工，員") == {"r0"}


def test_highlight_escapes_and_maps_back_to_original_characters():
    text = '<script>alert(1)</script>請臺中 市政府辦理'
    marked = search.highlight(text, "台中市")
    assert "<script>" not in marked
    assert "<mark>臺中 市</mark>" in marked
    assert search.snippet("甲" * 200 + "社工" + "乙" * 200, "社工", width=20).count("<mark>") == 1


CJK_SAMPLE = "社工員會議衛生局臺台中市政府，。、 （）1２a"


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet=CJK_SAMPLE, min_size=0, max_size=25), min_size=1, max_size=8),
    query=st.text(alphabet=CJK_SAMPLE, min_size=1, max_size=5),
)
def test_search_equals_a_scan_for_any_text_and_query(texts, query):
    db = items_db(texts)
    assert found(db, query) == containing(db, query)


def corpus_texts() -> list[str]:
    return [item["text"] for path in sorted(GOLD.glob("*.json"))
            for item in json.loads(path.read_text(encoding="utf-8"))["items"]]


def corpus_queries(texts: list[str]) -> list[str]:
    """Words of 1 to 4 characters taken at fixed strides from the corpus (not
    hand-picked), plus two-term queries made of neighbouring samples."""
    compact = "".join("".join(text.split()) for text in texts)
    queries = [compact[start:start + length] for length in (1, 2, 3, 4)
               for start in range(0, len(compact) - length, 97)]
    queries += [f"{a} {b}" for a, b in zip(queries[60:120:3], queries[200:260:3])]
    return queries


@pytest.fixture(scope="module")
def built_corpus(tmp_path_factory):
    return sqlite_utils.Database(build_corpus_db(tmp_path_factory.mktemp("kb") / "lieguan.db"))


@pytest.mark.parametrize("source", ["gold items", "lieguan build"])
def test_corpus_query_set_has_recall_and_precision_one(source, request, capsys):
    if source == "gold items":
        db = items_db(corpus_texts())
    else:  # the index that `lieguan build` made, over the extractor's items
        db = request.getfixturevalue("built_corpus")
    texts = [row["text"] for row in db["items"].rows]
    queries = corpus_queries(texts)
    latencies, like_agree = [], 0
    for query in queries:
        started = time.perf_counter()
        hits = found(db, query)
        latencies.append(time.perf_counter() - started)
        assert hits == containing(db, query), query
        like = {row[0] for row in db.conn.execute(
            "select id from items where " + " and ".join("text like ?" for _ in query.split()),
            [f"%{term}%" for term in query.split()])}
        like_agree += hits == like
    p95 = statistics.quantiles(latencies, n=20)[18] * 1000
    with capsys.disabled():
        print(f"\nsearch: {len(queries)} queries over {len(texts)} items ({source}); recall=precision=1.0 "
              f"vs folded scan; identical to raw LIKE for {like_agree}/{len(queries)} "
              f"(the rest differ by whitespace, width/script folding or LIKE's % wildcard); p95 {p95:.2f} ms")


def test_index_is_rebuilt_not_duplicated():
    db = items_db(["社工"])
    assert search.index(db) == 1
    assert search.index(db) == 1
    assert db.conn.execute(f"select count(*) from {search.FTS_TABLE}").fetchone()[0] == 1


def test_index_survives_items_without_text_and_reports_no_match_for_empty_queries():
    db = items_db(["", "社工"])
    assert found(db, "社工") == {"r1"}
    assert found(db, " \t") == set()


@pytest.mark.parametrize("query, expected", [
    ("社工", {"i-overdue", "i-later"}),
    ("卫生局", {"i-overdue", "i-tai"}),
    ("臺中市政府衛生局", {"i-tai"}),  # written 台中市政府衛生局
    ("安全 通報", {"i-later"}),
    ("局", {"i-overdue", "i-soon", "i-released", "i-tai"}),
])
async def test_datasette_table_search(datasette, query, expected):
    response = await datasette.client.get(
        "/lieguan/items.json", params={"_search": query, "_shape": "array", "_col": "text"})
    assert response.status_code == 200
    assert {row["id"] for row in response.json()} == expected


async def test_datasette_table_page_shows_the_search_box_with_the_query(datasette):
    response = await datasette.client.get("/lieguan/items", params={"_search": "社工"})
    assert response.status_code == 200
    assert 'name="_search"' in response.text
    assert 'value="社工"' in response.text
    assert "搜尋「社工」" in response.text


@pytest.mark.parametrize("view, expected", [
    ("item_overview", {"i-overdue", "i-later"}),
    ("open_items", {"i-overdue", "i-later"}),
    ("overdue_items", {"i-overdue"}),
    ("items_by_unit", {"i-overdue", "i-later"}),
])
async def test_item_views_search_through_the_items_index(datasette, view, expected):
    rows = (await datasette.client.get(f"/lieguan/{view}.json", params={"_search": "社工", "_shape": "array"})).json()
    assert {row["id"] for row in rows} == expected


async def test_tables_without_item_ids_have_no_search(datasette):
    html = (await datasette.client.get("/lieguan/meetings", params={"_search": "社工"})).text
    assert 'id="_search"' not in html  # no search box
