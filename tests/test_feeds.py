"""Atom and iCalendar feeds (canned queries in datasette_plugins/metadata.json,
rendered by datasette-atom and datasette-ics)."""

from __future__ import annotations

import xml.etree.ElementTree as ET


from db.serve import make_datasette
from tests.catalogue_fixtures import build_empty_db, iso

ATOM = "{http://www.w3.org/2005/Atom}"


async def test_atom_feed_has_new_and_newly_overdue_items(datasette):
    response = await datasette.client.get("/lieguan/new_and_overdue_feed.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "列管事項：新增與逾期"
    entries = {entry.find(f"{ATOM}id").text: entry for entry in feed.findall(f"{ATOM}entry")}
    assert {"new:i-overdue", "new:i-soon", "new:i-later", "overdue:i-overdue"} <= set(entries)
    assert "new:i-released" not in entries  # closed items are not news
    overdue = entries["overdue:i-overdue"]
    assert overdue.find(f"{ATOM}title").text.startswith("逾期：請衛生局")
    assert overdue.find(f"{ATOM}updated").text.startswith(iso(-9))
    assert overdue.find(f"{ATOM}link").get("href") == "http://localhost/item/i-overdue"


async def test_atom_feed_content_is_text_not_markup(datasette):
    body = (await datasette.client.get("/lieguan/new_and_overdue_feed.atom")).text
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


def events(calendar: str) -> list[dict]:
    found, current = [], None
    for line in calendar.replace("\r\n ", "").splitlines():
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None and ":" in line:
            key, value = line.split(":", 1)
            current[key.split(";")[0]] = value
    return found


async def test_icalendar_feed_of_deadlines(datasette):
    response = await datasette.client.get("/lieguan/deadlines_calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    uids = {event["UID"] for event in events(response.text)}
    assert uids == {"i-overdue@lieguan", "i-soon@lieguan", "i-later@lieguan"}
    soon = next(e for e in events(response.text) if e["UID"] == "i-soon@lieguan")
    assert soon["DTSTART"].startswith(iso(10).replace("-", ""))
    assert soon["SUMMARY"].startswith("期限：請民政局")
    assert f"DTSTART;TZID=Asia/Taipei:{iso(10).replace('-', '')}T090000" in response.text


async def test_icalendar_feed_per_unit(datasette):
    response = await datasette.client.get("/lieguan/deadlines_calendar.ics", params={"unit": "臺中市政府社會局"})
    assert {event["UID"] for event in events(response.text)} == {"i-overdue@lieguan", "i-later@lieguan"}
    response = await datasette.client.get("/lieguan/deadlines_calendar.ics", params={"unit": "臺中市政府民政局"})
    assert {event["UID"] for event in events(response.text)} == {"i-soon@lieguan"}


async def test_feeds_of_an_empty_catalogue_are_valid_and_empty(tmp_path):
    """datasette-atom 0.9 answers 500 for a query with no rows (max() of an empty
    sequence); feeds.py answers an empty feed instead."""
    ds = make_datasette(build_empty_db(tmp_path / "lieguan.db"))
    response = await ds.client.get("/lieguan/new_and_overdue_feed.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "列管事項：新增與逾期"
    assert feed.findall(f"{ATOM}entry") == []
    response = await ds.client.get("/lieguan/deadlines_calendar.ics")
    assert response.status_code == 200 and events(response.text) == []
