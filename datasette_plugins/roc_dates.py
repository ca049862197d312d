"""Dates as Taiwan's government writes them: template filters, and a
``month`` facet for Datasette's table pages (``{"month": "deadline_date"}`` in
metadata; selecting a month filters ``deadline_date__startswith=YYYY-MM``).

Example::

    >>> roc_date("2024-03-08")
    '113年3月8日（2024-03-08）'
    >>> days_between("2024-03-01", "2024-03-08")
    7
"""

from __future__ import annotations

import datetime as dt

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

ROC_OFFSET = 1911


def _parse(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None


def roc_date(iso: str | None, with_gregorian: bool = True) -> str:
    """``YYYY-MM-DD`` → ``113年3月8日（2024-03-08）``; anything unparseable is
    returned unchanged (empty for None).

    >>> roc_date("2024-03-08", with_gregorian=False)
    '113年3月8日'
    >>> roc_date(None)
    ''
    """
    day = _parse(iso)
    if day is None:
        return iso or ""
    roc = f"{day.year - ROC_OFFSET}年{day.month}月{day.day}日"
    return f"{roc}（{day.isoformat()}）" if with_gregorian else roc


def days_between(start: str | None, end: str | dt.date | None = None) -> int | None:
    """Whole days from ``start`` to ``end`` (default today); None if ``start`` is not a date.

    >>> days_between("not a date") is None
    True
    """
    first = _parse(start)
    if first is None:
        return None
    last = _parse(end) if isinstance(end, str) else (end or dt.date.today())
    return (last - first).days if last else None


def deadline_label(deadline_date: str | None, deadline_raw: str | None) -> str:
    """How a deadline is shown: its ROC date if computed, else the words of the minutes.

    >>> deadline_label(None, "下次會議")
    '下次會議'
    >>> deadline_label("2024-03-08", "3月8日前")
    '113年3月8日（2024-03-08）'
    """
    if deadline_date:
        return roc_date(deadline_date)
    return deadline_raw or "—"


def roc_month(month: str) -> str:
    """``2024-03`` → ``113年3月（2024-03）``.

    >>> roc_month("2024-03")
    '113年3月（2024-03）'
    """
    year, number = month.split("-")
    return f"{int(year) - ROC_OFFSET}年{int(number)}月（{month}）"


class MonthFacet(Facet):
    """Counts of rows per calendar month of a date column, labelled in ROC years."""

    type = "month"

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        selected_args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            sql = (
                f"select substr({escape_sqlite(column)}, 1, 7) as value, count(*) as count from ({self.sql})"
                f" where {escape_sqlite(column)} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
                f" group by value order by value limit {size + 1}"
            )
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            values = []
            for row in rows.rows[:size]:
                key = f"{column}__startswith"
                selected = selected_args.get(key) == row["value"]
                path = (path_with_removed_args(self.request, {key: row["value"]}) if selected
                        else path_with_added_args(self.request, {key: row["value"]}))
                values.append({"value": row["value"], "label": roc_month(row["value"]), "count": row["count"],
                               "toggle_url": self.ds.absolute_url(self.request, path), "selected": selected})
            results.append({
                "name": column, "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_month": column}),
                "truncated": len(rows) > size,
            })
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [MonthFacet]


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["roc_date"] = roc_date
    env.filters["days_since"] = days_between
    env.globals["deadline_label"] = deadline_label
