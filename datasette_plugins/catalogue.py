"""The home page (``/``): the catalogue of follow-up items.

Open items come first, then closed ones; within each, the nearest deadline
first (``?sort=-deadline`` reverses, ``?sort=relevance`` ranks search hits by
bm25). Filters, all optional and combinable: ``q`` (Chinese search),
``body``, ``meeting``, ``unit`` (lead or assisting), ``kind``, ``status``,
``due`` (deadline within N days from today), ``month`` (deadline in YYYY-MM)
and ``overdue=1``; ``page`` pages through long lists. ``noted`` items
(洽悉…) are not follow-ups and are only listed when asked for with
``kind=noted``.

Example: ``/?unit=臺中市政府衛生局&overdue=1`` lists 衛生局's overdue items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Request, Response
from datasette.views.index import IndexView

from db import search

DATABASE = "lieguan"
PAGE_SIZE = 200

KIND_LABELS = {
    "directive": "主席指示", "resolution": "決議", "decision": "決定", "noted": "洽悉",
    "request": "建議事項", "target": "指標", "milestone": "里程碑",
}
DUE_WINDOWS = {"7": "7日內", "30": "30日內", "90": "90日內"}
SORTS = {
    "deadline": "o.deadline_date is null, o.deadline_date, o.meeting_date, o.position",
    "-deadline": "o.deadline_date is null, o.deadline_date desc, o.meeting_date desc, o.position",
    "meeting": "o.meeting_date desc, o.position",
}


# Search hits with their bm25 rank (lower is better), as a CTE named ``hits``.
HITS_SQL = (
    f"select items.id, bm25({search.FTS_TABLE}) as rank from {search.FTS_TABLE}"
    f" join items on items.rowid = {search.FTS_TABLE}.rowid where {search.FTS_TABLE} match :match"
)
OPEN_CONDITION = "o.status in (select name from statuses where is_open = 1)"
OPEN_FIRST = f"case when {OPEN_CONDITION} then 0 else 1 end"

ROW_SELECT = f"""select o.id, o.text, o.kind, o.status, o.status_label, o.body, o.meeting_id,
  o.meeting_title, o.meeting_date, o.deadline_raw, o.deadline_kind, o.deadline_date, o.lead_unit,
  o.assist_units, ({OPEN_CONDITION}) as is_open,
  o.deadline_date < :today and ({OPEN_CONDITION}) as is_overdue
from item_overview o"""


@dataclass
class CatalogueQuery:
    """The SQL of one catalogue request: where clauses and their parameters."""

    where: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)

    def add(self, clause: str, **params) -> None:
        self.where.append(clause)
        self.params.update(params)

    def sql(self, select: str, order: str = "", limit: int | None = None, offset: int = 0) -> str:
        sql = f"{select} where {' and '.join(self.where) or '1'}"
        if "match" in self.params:
            sql = f"with hits as ({HITS_SQL}) {sql}"
        if order:
            sql += f" order by {order}"
        if limit:
            sql += f" limit {int(limit)} offset {int(offset)}"
        return sql


def build_query(args, today: dt.date) -> tuple[CatalogueQuery, str]:
    """Turn request arguments into a :class:`CatalogueQuery` over ``item_overview o``
    and its ORDER BY.

    >>> query, order = build_query({"unit": "臺中市政府衛生局", "overdue": "1"}, dt.date(2024, 3, 8))
    >>> query.params["unit"], query.params["today"]
    ('臺中市政府衛生局', '2024-03-08')
    """
    query = CatalogueQuery(params={"today": today.isoformat()})
    kind = args.get("kind")
    if kind:
        query.add("o.kind = :kind", kind=kind)
    else:
        query.add("o.kind != 'noted'")
    for name, column in (("body", "o.body"), ("meeting", "o.meeting_id"), ("status", "o.status")):
        if args.get(name):
            query.add(f"{column} = :{name}", **{name: args[name]})
    if args.get("unit"):
        query.add("o.id in (select item_id from item_units where unit_id = :unit)", unit=args["unit"])
    if args.get("overdue"):
        query.add("o.deadline_date < :today and " + OPEN_CONDITION)
    if args.get("due") in DUE_WINDOWS:
        query.add("o.deadline_date between :today and date(:today, :window)", window=f"+{int(args['due'])} days")
    if args.get("month"):
        query.add("substr(o.deadline_date, 1, 7) = :month", month=args["month"])
    match = search.compile_query(args.get("q"))
    if match:
        query.add("o.id in (select id from hits)", match=match)
    sort = args.get("sort") or ("relevance" if match else "deadline")
    if sort == "relevance" and match:
        order = "(select rank from hits where hits.id = o.id)"
    else:
        order = SORTS.get(sort, SORTS["deadline"])
    return query, f"{OPEN_FIRST}, {order}"


async def filter_options(db) -> dict:
    """The choices of each filter of the form, as (value, text shown) pairs;
    counts are of follow-up items."""
    async def pairs(sql):
        return [tuple(row) for row in (await db.execute(sql)).rows]

    def counted(rows, label=lambda value: value):
        return [(value, f"{label(value)}（{count}）") for value, count in rows]

    return {
        "body": counted(await pairs(
            "select body, count(*) from item_overview where body is not null and kind != 'noted'"
            " group by body order by body")),
        "meeting": await pairs(
            "select m.id, coalesce(m.title, d.file_name) || coalesce('（' || m.date || '）', '')"
            " from meetings m join documents d on d.id = m.document_id order by m.date desc"),
        "unit": counted(await pairs(
            "select unit_id, count(*) from item_units group by unit_id order by count(*) desc, unit_id")),
        "kind": counted(await pairs("select kind, count(*) from items group by kind order by count(*) desc"),
                        lambda kind: KIND_LABELS.get(kind, kind)),
        "status": await pairs("select name, label from statuses order by is_open desc, rowid"),
        "due": [(value, f"{label}到期") for value, label in DUE_WINDOWS.items()],
        "month": counted(await pairs(
            "select substr(deadline_date, 1, 7) as month, count(*) from items"
            " where deadline_date is not null and kind != 'noted' group by month order by month")),
    }


async def datasette_index(datasette, request):
    """Datasette's own index page: "/" of a Datasette that does not serve the
    lieguan database (the plugin is installed for every Datasette in the environment)."""
    scope = {**request.scope, "url_route": {"kwargs": {"format": ""}}}
    return await IndexView(datasette).get(Request(scope, request.receive))


async def catalogue_view(datasette, request):
    if DATABASE not in datasette.databases:
        return await datasette_index(datasette, request)
    db = datasette.get_database(DATABASE)
    args = {key: request.args.get(key, "").strip() for key in request.args}
    today = dt.date.today()
    notice = None
    if args.get("q") and not await db.table_exists(search.FTS_TABLE):
        notice = "搜尋索引尚未建立，請先執行 lieguan build。"
        del args["q"]
    query, order = build_query(args, today)
    total = (await db.execute(query.sql("select count(*) from item_overview o"), query.params)).single_value()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(int(args["page"]) if args.get("page", "").isdigit() else 1, 1), pages)
    sql = query.sql(ROW_SELECT, order, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    rows = (await db.execute(sql, query.params)).rows
    q = args.get("q", "")
    items = [
        {
            **dict(row),
            "text_html": search.snippet(row["text"], q, width=120) if q else None,
            "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
        }
        for row in rows
    ]
    return Response.html(
        await datasette.render_template(
            "catalogue.html",
            {
                "items": items,
                "notice": notice,
                "total": total,
                "page": page,
                "pages": pages,
                "page_url": lambda number: "/?" + urlencode({**args, "page": number}),
                "args": args,
                "options": await filter_options(db),
                "today": today.isoformat(),
                "metadata": datasette.metadata(),
                "database": DATABASE,
            },
            request=request,
        )
    )


@hookimpl
def register_routes():
    return [(r"^/$", catalogue_view)]
