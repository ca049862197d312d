"""Chinese search in Datasette's own table search: ``/lieguan/items?_search=社工``.

Datasette's built-in search sends ``?_search=`` straight to ``fts MATCH``,
which cannot find Chinese words (see :mod:`db.search`). This plugin compiles
the query into character n-gram terms instead. It answers the
``filters_from_request`` hook for tables that have an n-gram index; the index
is deliberately not linked to its table with ``content=``, so Datasette's
built-in search does not claim it and the two never both filter.

Example: ``/lieguan/items?_search=卫生局`` lists the items whose text contains
衛生局; the item views (``open_items``, ``overdue_items``…) search the same way.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.filters import FilterArguments

from db import search

# Tables and views whose ``id`` column is the item id: all searchable through the items index.
SEARCHABLE = {"items", "item_details", "item_overview", "open_items", "overdue_items",
              "released_items", "items_by_unit"}
MATCHING_IDS = (
    f"id in (select items.id from items join [{search.FTS_TABLE}] on [{search.FTS_TABLE}].rowid = items.rowid"
    f" where [{search.FTS_TABLE}] match :lieguan_match)"
)


@hookimpl
def prepare_connection(conn):
    search.register_functions(conn)


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    if table not in SEARCHABLE:
        return None

    async def inner():
        if not await datasette.get_database(database).table_exists(search.FTS_TABLE):
            return None
        query = request.args.get("_search", "")
        # trylast: this context is applied after the built-in search's supports_search=False.
        context = {"supports_search": True, "search": query}
        match = search.compile_query(query)
        if match is None:
            return FilterArguments([], extra_context=context)
        return FilterArguments([MATCHING_IDS], {"lieguan_match": match}, [f"搜尋「{query}」"], context)

    return inner
