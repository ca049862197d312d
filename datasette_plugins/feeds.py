"""Feeds: Atom (new and newly overdue items) and iCalendar (deadlines, also per unit).

Both are canned queries in metadata.json, rendered by the datasette-atom and
datasette-ics plugins: ``/lieguan/new_and_overdue_feed.atom`` and
``/lieguan/deadlines_calendar.ics?unit=臺中市政府衛生局``.

datasette-atom 0.9 fails (HTTP 500, ``max() arg is an empty sequence``) when
a query returns no rows, as a new catalogue's feed does; this plugin takes
over the ``.atom`` extension and answers an empty, valid feed in that case,
delegating everything else to datasette-atom (after making the queries'
site-relative ``atom_link`` values absolute).
"""

from __future__ import annotations

import datetime as dt
from html import escape

import datasette_atom
from datasette import hookimpl
from datasette.utils.asgi import Response

EMPTY_FEED = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>{url}</id><title>{title}</title><updated>{updated}</updated>\
<link href="{url}" rel="self"/></feed>
"""


def render_atom(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
    if rows:
        if "atom_link" in columns:  # feed readers need absolute links; the queries write "/item/<id>"
            rows = [{**dict(row), "atom_link": datasette.absolute_url(request, row["atom_link"])}
                    if (row["atom_link"] or "").startswith("/") else row for row in rows]
        return datasette_atom.render_atom(
            datasette, request, sql, columns, rows, database, table, query_name, view_name, data
        )
    query = (datasette.metadata(database=database) or {}).get("queries", {}).get(query_name or "", {})
    return Response(
        EMPTY_FEED.format(
            url=escape(request.url),
            title=escape(query.get("title") or table or "lieguan"),
            updated=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        ),
        content_type="application/xml; charset=utf-8",
    )


@hookimpl(trylast=True)
def register_output_renderer():
    # trylast: registered after datasette-atom's renderer, so this one is kept for ".atom".
    return {"extension": "atom", "render": render_atom, "can_render": datasette_atom.can_render_atom}
