"""db/tracking.py: statuses, case numbers, repeated directives and next-meeting dates across meetings."""

from __future__ import annotations

import pytest

from db.build import build
from db.migrate import connect
from db.status import history
from db.tracking import case_list, new_cases, same_body
from tests.kb_fixtures import item, json_extractor, meeting, write_doc

BODY = "臺中市強化社會安全網推動會報"


def build_docs(db_path, paths):
    return build(db_path, paths, workers=0, extractor=json_extractor, now="2024-06-01T00:00:00Z")


@pytest.fixture
def pair(tmp_path):
    """Two meetings of one body; the second releases cases 1 and 3 and continues case 2.

    Case numbers count the first meeting's directives, resolutions, decisions and
    requests in order — the noted item and the milestone are not cases.
    """
    first = write_doc(
        tmp_path, "first.txt",
        meeting=meeting(BODY, "2023-03-01"),
        items=[
            item("洽悉。", "noted"),
            item("請衛生局於一個月內完成社區關懷訪視員招募", "directive", ["臺中市政府衛生局"],
                 deadline={"raw": "一個月內", "kind": "relative", "date": "2023-04-01"}),   # case 1
            item("下次會議預訂於112年6月召開", "milestone"),
            item("請社會局於下次會議報告脆弱家庭個案追蹤情形", "directive", ["臺中市政府社會局"],
                 deadline={"raw": "下次會議", "kind": "next_meeting"}),                    # case 2
            item("照案通過", "resolution", ["臺中市政府民政局"]),                           # case 3
            item("建請中央補助社工人力經費", "request", ["衛生福利部"]),                    # case 4
        ],
    )
    second = write_doc(
        tmp_path, "second.txt",
        meeting=meeting("台中市強化社會安全網推動會報", "2023-06-15", next_meeting_date="2023-09-20"),
        items=[
            item("確認前次會議紀錄", "noted"),
            item("第1案、第3案解除列管；第9案不存在", "decision", tracking="解除列管", refs=[1, 3, 9]),
            item("第2案繼續列管，請社會局持續追蹤", "decision", ["臺中市政府社會局"], tracking="繼續列管", refs=[2]),
            item("請社會局於下次會議報告脆弱家庭個案之追蹤情形", "directive", ["臺中市政府社會局"],
                 deadline={"raw": "下次會議", "kind": "next_meeting"}),
        ],
    )
    other_body = write_doc(
        tmp_path, "other.txt",
        meeting=meeting("嘉義市行政輔導團", "2023-05-01"),
        items=[item("第1案解除列管", "decision", tracking="解除列管", refs=[1])],
    )
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [second, other_body, first])
    return connect(db_path)


def items_of(database, date):
    return database.execute(
        "SELECT i.id FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE m.date = ? ORDER BY i.position", [date]
    ).fetchall()


def status_of(database, item_id):
    return database.execute("SELECT status FROM item_overview WHERE id = ?", [item_id]).fetchone()[0]


def test_meetings_of_one_body_are_grouped_and_ordered(pair):
    rows = pair.execute("SELECT date, body_group, sequence FROM meetings ORDER BY date").fetchall()
    assert rows == [
        ("2023-03-01", BODY, 1),
        ("2023-05-01", "嘉義市行政輔導團", 1),
        ("2023-06-15", BODY, 2),
    ]
    first, second = pair.execute("SELECT id FROM meetings WHERE body_group = ? ORDER BY date", [BODY]).fetchall()
    assert pair.execute("SELECT previous_meeting_id FROM meetings WHERE id = ?", [second[0]]).fetchone() == first
    assert pair.execute("SELECT next_meeting_id FROM meetings WHERE id = ?", [first[0]]).fetchone() == second


def test_later_meeting_releases_and_continues_earlier_cases(pair):
    noted, case1, milestone, case2, case3, case4 = [r[0] for r in items_of(pair, "2023-03-01")]
    assert status_of(pair, noted) is None
    assert status_of(pair, case1) == "released"
    assert status_of(pair, case2) == "continued"
    assert status_of(pair, case3) == "released"
    assert status_of(pair, case4) == "open"
    assert status_of(pair, milestone) == "open"
    released = {r[0]: r[1] for r in pair.execute("SELECT id, released_at FROM released_items")}
    assert released == {case1: "2023-06-15", case3: "2023-06-15"}


def test_history_shows_open_then_release_with_the_stating_item(pair):
    _, case1, *_ = [r[0] for r in items_of(pair, "2023-03-01")]
    statement = items_of(pair, "2023-06-15")[1][0]
    events = history(pair, case1)
    assert [(e["status"], e["at"], e["source"]) for e in events] == [
        ("open", "2023-03-01", "extracted"),
        ("released", "2023-06-15", "extracted"),
    ]
    assert events[1]["source_item_id"] == statement
    assert "解除列管" in events[1]["note"]


def test_tracking_in_another_body_touches_nothing_here(pair):
    """嘉義市行政輔導團 says 第1案解除列管, but it has no earlier meeting: nothing changes."""
    other = pair.execute("SELECT id FROM meetings WHERE body_group = '嘉義市行政輔導團'").fetchone()[0]
    assert pair.execute("SELECT count(*) FROM status_events WHERE set_by = ? AND status <> 'open'", [other]).fetchone() == (0,)


def test_mixed_statement_releases_some_cases_and_continues_others(tmp_path):
    """第1案解除列管，第2案繼續列管 in one sentence: the item's ``tracking`` holds only
    the first status, so the second part was lost until tracking read each part
    from ``extra["tracking"]``."""
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"), items=[
        item("請衛生局完成招募", "directive"), item("請社會局完成訪視", "directive"),
    ])
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-15"), items=[
        item("第1案解除列管，第2案繼續列管。", "noted", tracking="解除列管", refs=[1],
             extra={"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": [2]}]}),
    ])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first, second])
    database = connect(db_path)
    case1, case2 = [r[0] for r in items_of(database, "2023-03-01")]
    assert status_of(database, case1) == "released"
    assert status_of(database, case2) == "continued"


def test_repeated_directive_is_linked_to_its_earlier_form(pair):
    case2 = items_of(pair, "2023-03-01")[3][0]
    repeat = items_of(pair, "2023-06-15")[3][0]
    assert pair.execute("SELECT previous_item_id FROM items WHERE id = ?", [repeat]).fetchone() == (case2,)
    unlinked = pair.execute("SELECT count(*) FROM items WHERE previous_item_id IS NOT NULL").fetchone()[0]
    assert unlinked == 1


def test_short_generic_items_are_not_repeats(tmp_path):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"), items=[item("同意。")])
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"), items=[item("同意。")])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first, second])
    assert connect(db_path).execute("SELECT count(*) FROM items WHERE previous_item_id IS NOT NULL").fetchone() == (0,)


def test_next_meeting_deadline_takes_the_next_meeting_date(pair):
    case2 = items_of(pair, "2023-03-01")[3][0]
    repeat = items_of(pair, "2023-06-15")[3][0]
    rows = pair.execute(
        "SELECT id, deadline_date, deadline_date_source FROM items WHERE deadline_kind = 'next_meeting'"
    ).fetchall()
    assert set(rows) == {(case2, "2023-06-15", "next_meeting"), (repeat, "2023-09-20", "announced")}


def test_next_meeting_date_appears_once_the_next_minutes_are_built(tmp_path):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"),
                      items=[item("請社會局於下次會議報告", "directive", deadline={"raw": "下次會議", "kind": "next_meeting"})])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first])
    assert connect(db_path).execute("SELECT deadline_date FROM items").fetchone() == (None,)
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-15"), items=[])
    build_docs(db_path, [first, second])
    assert connect(db_path).execute("SELECT deadline_date FROM items").fetchone() == ("2023-06-15",)


@pytest.mark.parametrize("statement, expected", [
    ("前次會議列管事項均解除列管", ["released", "released"]),
    ("全數繼續列管", ["continued", "continued"]),
    ("解除列管", ["open", "open"]),  # no number, no 均/全數: too vague to apply
    ("前次會議列管事項均已辦理完竣，解除列管", ["released", "released"]),
    ("請所有區公所完成避難處所盤點", ["open", "open"]),  # a row quoting no case: 所有 is not "all cases"
])
def test_statement_without_case_numbers(tmp_path, statement, expected):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"),
                      items=[item("請社會局辦理", "directive"), item("請衛生局辦理", "directive")])
    tracking = "繼續列管" if "繼續" in statement else "解除列管"
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"),
                       items=[item(statement, "decision", tracking=tracking)])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first, second])
    database = connect(db_path)
    assert [status_of(database, i) for (i,) in items_of(database, "2023-03-01")] == expected


def test_new_cases_are_the_tracked_kinds_that_state_no_status():
    items = [{"id": k, "kind": k} for k in ("noted", "directive", "target", "milestone", "resolution", "decision", "request")]
    items.append({"id": "follow-up", "kind": "decision", "tracking": "繼續列管", "tracked_refs": "[4]"})
    items.append({"id": "mixed", "kind": "decision", "tracking": "解除列管", "tracked_refs": "[1]",
                  "extra": '{"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": [2]}]}'})
    items.append({"id": "new-after-release", "kind": "decision", "tracking": "解除列管", "tracked_refs": "[1, 2]"})
    assert [c["id"] for c in new_cases(items)] == ["directive", "resolution", "decision", "request", "new-after-release"]


def build_series(tmp_path, meetings):
    """Build one body's meetings given as (date, items); return the database and
    each meeting's item ids in document order."""
    paths = [write_doc(tmp_path, f"m{n}.txt", meeting=meeting(BODY, date), items=items)
             for n, (date, items) in enumerate(meetings, start=1)]
    db_path = tmp_path / "kb.db"
    build_docs(db_path, list(reversed(paths)))
    database = connect(db_path)
    return database, [[r[0] for r in items_of(database, date)] for date, _ in meetings]


def test_a_continued_case_is_carried_to_the_next_list_before_the_new_cases(tmp_path):
    """Meeting 2 continues case 2 of meeting 1; meeting 3's list is then
    1 = that carried case, 2-3 = meeting 2's new directives, so 第1案解除列管 at
    meeting 3 releases the case first raised at meeting 1. Before, only the
    previous meeting's own items were numbered and 第1案 hit meeting 2's first
    directive."""
    database, (m1, m2, m3) = build_series(tmp_path, [
        ("2023-03-01", [item("請衛生局完成社區關懷訪視員招募", "directive"),
                        item("請社會局建置脆弱家庭個案追蹤系統", "directive")]),
        ("2023-06-01", [item("第1案解除列管，第2案繼續列管。", "noted", tracking="解除列管", refs=[1],
                             extra={"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": [2]}]}),
                        item("請民政局盤點轄內避難處所容量", "directive"),
                        item("請消防局辦理防災演練並回報成果", "directive")]),
        ("2023-09-01", [item("第1案解除列管；第2案繼續列管", "decision", tracking="解除列管", refs=[1],
                             extra={"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": [2]}]})]),
    ])
    assert [status_of(database, i) for i in m1] == ["released", "released"]
    assert [e["at"] for e in history(database, m1[1])] == ["2023-03-01", "2023-06-01", "2023-09-01"]
    assert [status_of(database, i) for i in m2[1:]] == ["continued", "open"]
    assert status_of(database, m3[0]) == "open"  # a statement about old cases is itself tracked, not a case
    ids = [r[0] for r in database.execute("SELECT id FROM meetings ORDER BY date")]
    assert case_list(database, ids[0]) == []
    assert case_list(database, ids[1]) == m1 == case_list(database, ids[0], upcoming=True)
    assert case_list(database, ids[2]) == [m1[1], *m2[1:]]
    assert case_list(database, ids[2], upcoming=True) == [m2[1]]  # continued at 3; 消防局 was not mentioned


def test_the_rest_of_the_cases_follow_a_statement_naming_some(tmp_path):
    """第1案解除列管，其餘繼續列管: the second part names no number; it means every
    case the first part did not name."""
    database, (m1, _) = build_series(tmp_path, [
        ("2023-03-01", [item("請衛生局辦理", "directive"), item("請社會局辦理", "directive"), item("請民政局辦理", "directive")]),
        ("2023-06-01", [item("第1案解除列管，其餘繼續列管。", "noted", tracking="解除列管", refs=[1],
                             extra={"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": []}]})]),
    ])
    assert [status_of(database, i) for i in m1] == ["released", "continued", "continued"]


FIRST_MEETING = ("2023-03-01", [
    item("請衛生局於一個月內完成社區關懷訪視員招募", "directive"),
    item("請社會局於下次會議報告脆弱家庭個案追蹤情形", "directive"),
    item("請民政局盤點轄內避難處所容量並函報", "directive"),
])


@pytest.mark.parametrize("row, refs, expected", [
    ("社會局報告脆弱家庭個案追蹤情形", [1], ["open", "released", "open"]),  # the number disagrees with the quote
    ("民政局盤點轄內避難處所容量", [], ["open", "open", "released"]),  # no number
    ("民政局盤點轄內避難處所容量", [7], ["open", "open", "released"]),  # a number with no case
    ("完成社區關懷訪視員招募", [1], ["released", "open", "open"]),  # number and quote agree
    ("辦理防災演練並回報成果情形", [2], ["open", "released", "open"]),  # quotes nothing: the number stands
    ("辦理防災演練並回報成果情形", [], ["open", "open", "open"]),  # quotes nothing, no number: nothing
])
def test_a_tracking_row_is_matched_to_its_case_by_its_wording(tmp_path, row, refs, expected):
    """A row of a 前次會議列管事項 table (number, subject, 解除列管) numbered by
    another convention still releases the case whose wording it quotes."""
    database, (m1, _) = build_series(tmp_path, [
        FIRST_MEETING, ("2023-06-01", [item(row, "noted", tracking="解除列管", refs=refs)]),
    ])
    assert [status_of(database, i) for i in m1] == expected


def test_a_quote_matching_two_cases_equally_leaves_the_number(tmp_path):
    """A directive repeated at meeting 2 and its continued original are both on
    meeting 3's list with the same wording: the quote cannot choose, the number does."""
    directive = "請社會局於下次會議報告脆弱家庭個案追蹤情形"
    database, (m1, m2, _) = build_series(tmp_path, [
        ("2023-03-01", [item(directive, "directive")]),
        ("2023-06-01", [item("第1案繼續列管", "decision", tracking="繼續列管", refs=[1]), item(directive, "directive")]),
        ("2023-09-01", [item(directive, "noted", tracking="解除列管", refs=[2])]),
    ])
    assert status_of(database, m1[0]) == "continued"
    assert status_of(database, m2[1]) == "released"


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("臺中市強化社會安全網推動會報", "台中市強化社會安全網推動會報", True),
        ("強化社會安全網政策溝通平臺", "衛生福利部強化社會安全網政策溝通平臺", True),
        ("強化社會安全網政策溝通平臺", "強化社會安全網政策溝通平台", True),
        ("臺北市政府市政會議", "新北市政府市政會議", False),
        ("天文學會", "中華民國天文學會理監事聯席會議", False),
        ("天文學會理監事會議", "中華民國天文學會理監事會議", True),
        ("理監事會議", "中華民國天文學會理監事會議", False),  # too generic to join
        ("", "臺北市政府市政會議", False),
    ],
)
def test_same_body(a, b, same):
    assert same_body(a, b) is same
