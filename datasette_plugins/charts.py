"""Charts as server-rendered inline SVG (no scripts, no CDN): ``/charts``.

* open and overdue items per lead unit;
* items opened and closed at each meeting (closed = a closing status event
  the meeting set: 解除列管, 已完成).

Example::

    >>> svg = bar_chart([("衛生局", [3, 1])], [("列管中", "#4e79a7"), ("逾期", "#e15759")])
    >>> svg.startswith("<svg") and "衛生局" in svg
    True
"""

from __future__ import annotations

import datetime as dt
from html import escape

from datasette import hookimpl
from datasette.utils.asgi import Response

from datasette_plugins.catalogue import DATABASE

ROW_HEIGHT = 30
LABEL_WIDTH = 420
LABEL_CHARS = 40  # characters that fit in LABEL_WIDTH at 12px (dates are half-width)
BAR_WIDTH = 420

OPEN_BY_UNIT_SQL = """
select coalesce(lead_unit, '（未指定）') as label,
       count(case when deadline_date is null or deadline_date >= :today then 1 end) as open_not_overdue,
       count(case when deadline_date < :today then 1 end) as overdue
from open_items group by label order by count(*) desc, label limit 30
"""

PER_MEETING_SQL = """
select coalesce(m.title, d.file_name) || coalesce('（' || m.date || '）', '') as label,
       (select count(*) from items i where i.meeting_id = m.id and i.kind != 'noted') as opened,
       (select count(*) from status_events e where e.set_by = m.id
          and e.status in (select name from statuses where is_open = 0)) as closed
from meetings m join documents d on d.id = m.document_id order by m.date
"""


def shorten(label: str, head: int = 12) -> str:
    """Keep the start (the body) and the end (session and date) of a long label.

    >>> shorten("臺中市強化社會安全網推動會報第二期計畫嘉義市行政輔導團112年第3次會議（2023-11-10）")
    '臺中市強化社會安全網推動…市行政輔導團112年第3次會議（2023-11-10）'
    """
    if len(label) <= LABEL_CHARS:
        return label
    return label[:head] + "…" + label[-(LABEL_CHARS - head - 1):]


def bar_chart(rows: list[tuple[str, list[int]]], series: list[tuple[str, str]], title: str = "") -> str:
    """A horizontal bar chart: one row per label, one bar per series, side by side.
    Labels are escaped; ``series`` is ``[(name, colour)]``.
    """
    largest = max((value for _, values in rows for value in values), default=0) or 1
    bar_height = (ROW_HEIGHT - 6) / max(len(series), 1)
    legend_height = 24
    height = legend_height + ROW_HEIGHT * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lieguan-chart" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    ]
    for index, (name, colour) in enumerate(series):
        x = LABEL_WIDTH + index * 160
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="15">{escape(name)}</text>')
    for row, (label, values) in enumerate(rows):
        top = legend_height + row * ROW_HEIGHT
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{top + ROW_HEIGHT / 2 + 4}" text-anchor="end">'
                     f'{escape(shorten(label))}</text>')
        for index, (value, (_, colour)) in enumerate(zip(values, series)):
            y = top + 3 + index * bar_height
            length = BAR_WIDTH * value / largest
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{length:.1f}" height="{bar_height - 1:.1f}"'
                         f' fill="{colour}"><title>{escape(label)}：{value}</title></rect>'
                         f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + bar_height - 2:.1f}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


async def charts_view(datasette, request):
    db = datasette.get_database(DATABASE)
    today = {"today": dt.date.today().isoformat()}
    by_unit = (await db.execute(OPEN_BY_UNIT_SQL, today)).rows
    per_meeting = (await db.execute(PER_MEETING_SQL)).rows
    charts = [
        ("各單位列管中與逾期事項", bar_chart(
            [(r["label"], [r["open_not_overdue"], r["overdue"]]) for r in by_unit],
            [("列管中（未逾期）", "#4e79a7"), ("逾期", "#e15759")], "各單位列管中與逾期事項")),
        ("各次會議新增與解除列管事項", bar_chart(
            [(r["label"], [r["opened"], r["closed"]]) for r in per_meeting],
            [("新增列管", "#59a14f"), ("解除／完成", "#9c755f")], "各次會議新增與解除列管事項")),
    ]
    return Response.html(await datasette.render_template(
        "charts.html", {"charts": charts, "database": DATABASE, "metadata": datasette.metadata()}, request=request))


@hookimpl
def register_routes():
    return [(r"^/charts$", charts_view)]
