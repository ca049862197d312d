"""The item page (``/item/<id>``) and the source documents (``/document/<id>``).

The item page shows the meeting, agenda item, full text, units with their
roles, the deadline, the status history and the provenance: a link to the
source file opened at the item's page (``/document/<id>#page=N``) and the
source page's text around the passage, marked.

Documents are served only if the ``documents`` table names them: from the
plugin's ``documents_dir`` (a published catalogue) by file name, else from the
path recorded at build time.
"""

from __future__ import annotations

import html
import mimetypes
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Response

from datasette_plugins.catalogue import DATABASE, KIND_LABELS
from db.search import fold, fold_with_offsets

CONTEXT_CHARS = 200
ROLE_LABELS = {"lead": "主辦", "assist": "協辦"}


def locate(page_text: str, passage: str) -> tuple[int, int] | None:
    """Where ``passage`` lies in ``page_text``, ignoring layout whitespace and
    script variants; None if it is not there. Only the passage's first
    characters are required to match, so a passage that runs onto the next
    page is still found.

    >>> locate("(二) 請衛生局\\n儘速完成補登。", "請衛生局儘速完成")
    (4, 13)
    """
    folded_page, offsets = fold_with_offsets(page_text)
    folded_passage = fold(passage)
    for length in (len(folded_passage), 30, 12):
        needle = folded_passage[:length]
        start = folded_page.find(needle) if needle else -1
        if start != -1:
            end = start + len(needle) - 1
            return offsets[start], offsets[end] + 1
    return None


def source_excerpt(page_text: str | None, passage: str | None, around: int = CONTEXT_CHARS) -> str | None:
    """HTML: the page text around ``passage`` with the passage in ``<mark>``, or
    None when the passage is not on the page.

    >>> source_excerpt("前文。請社會局辦理。後文。", "請社會局辦理", around=3)
    '前文。<mark>請社會局辦理</mark>。後文…'
    """
    if not page_text or not passage:
        return None
    span = locate(page_text, passage)
    if span is None:
        return None
    start, end = max(0, span[0] - around), min(len(page_text), span[1] + around)
    return (
        ("…" if start else "")
        + html.escape(page_text[start:span[0]])
        + f"<mark>{html.escape(page_text[span[0]:span[1]])}</mark>"
        + html.escape(page_text[span[1]:end])
        + ("…" if end < len(page_text) else "")
    )


async def item_view(datasette, request):
    db = datasette.get_database(DATABASE)
    item_id = request.url_vars["item_id"]
    found = await db.execute("select * from item_overview where id = :id", {"id": item_id})
    item = found.first()
    if item is None:
        return await not_found(datasette, request, f"沒有這個事項：{item_id}")
    item = dict(item)
    units = (await db.execute(
        "select iu.unit_id, iu.raw, iu.role, u.parent from item_units iu left join units u on u.id = iu.unit_id"
        " where iu.item_id = :id order by iu.role = 'assist', iu.ordinal", {"id": item_id})).rows
    history = (await db.execute(
        "select t.status, s.label, t.source, t.set_by, t.note, t.at, m.title as meeting_title"
        " from item_status_timeline t left join statuses s on s.name = t.status"
        " left join meetings m on m.id = t.set_by where t.item_id = :id order by t.at", {"id": item_id})).rows
    page = None
    if item["page"]:
        page = (await db.execute(
            "select text from pages where document_id = :doc and number = :n",
            {"doc": item["document_id"], "n": item["page"]})).first()
    page_text = page["text"] if page else None
    # the source passage as extracted first; the bare text if the passage's label was rewritten
    excerpt = source_excerpt(page_text, item["source_text"]) or source_excerpt(page_text, item["text"])
    document_url = f"/document/{item['document_id']}"
    if item["page"]:
        document_url += f"#page={item['page']}"
    return Response.html(await datasette.render_template(
        "item.html",
        {
            "item": item,
            "kind_label": KIND_LABELS.get(item["kind"], item["kind"]),
            "units": [dict(u) | {"role_label": ROLE_LABELS.get(u["role"], u["role"])} for u in units],
            "history": history,
            "excerpt": excerpt,
            "document_url": document_url,
            "database": DATABASE,
            "metadata": datasette.metadata(),
        },
        request=request,
    ))


async def not_found(datasette, request, message: str) -> Response:
    """A 404 page in the site's style (raising NotFound would log a traceback)."""
    html = await datasette.render_template(
        "error.html", {"ok": False, "error": message, "status": 404, "title": "找不到"}, request=request)
    return Response.html(html, status=404)


def document_path(file_name: str, recorded_path: str | None, documents_dir: str | Path | None = None) -> Path | None:
    """Where a source document's file is: in ``documents_dir`` by file name, else
    at the path recorded at build time (relative paths are relative to the
    current directory); None if neither exists.

    >>> document_path("x.pdf", None) is None
    True
    """
    candidates = [Path(documents_dir) / Path(file_name).name] if documents_dir else []
    if recorded_path:
        candidates.append(Path(recorded_path))
    return next((path for path in candidates if path.is_file()), None)


async def document_view(datasette, request):
    db = datasette.get_database(DATABASE)
    row = (await db.execute(
        "select file_name, path from documents where id = :id", {"id": request.url_vars["document_id"]}
    )).first()
    documents_dir = (datasette.plugin_config("lieguan") or {}).get("documents_dir")
    path = document_path(row["file_name"], row["path"], documents_dir) if row else None
    if path is None:
        return await not_found(datasette, request, "找不到來源文件")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    return AsgiFileDownload(str(path), content_type=content_type, headers={
        "content-disposition": "inline",
    })


@hookimpl
def register_routes():
    return [
        (r"^/item/(?P<item_id>[^/]+)$", item_view),
        (r"^/document/(?P<document_id>[0-9a-f]{64})$", document_view),
    ]
