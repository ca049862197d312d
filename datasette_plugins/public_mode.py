"""Security headers on every response: a Content-Security-Policy and friends.

Datasette itself enforces the rest of public mode from the settings and
metadata that :func:`db.serve.make_datasette` gives it: ``allow_sql: false``
(``?sql=`` answers 403), ``allow_download: false`` (the ``.db`` file answers
403), ``sql_time_limit_ms`` and an immutable database.

Scripts: only files from this site, plus the inline ``<script>`` blocks that
Datasette's and lieguan's templates contain, allowed by their SHA-256 hashes
(computed from the template files, so they follow the installed Datasette).
An inline script whose only template expression is a flag
(``DATASETTE_ALLOW_FACET = {{ datasette_allow_facet }};``) is hashed for both
``true`` and ``false``. Any other inline script — an injected one — is
refused by the browser, on top of every template escaping item text.

Example::

    >>> script_hashes("<script>a = 1;</script><script src=x.js></script>")
    ["'sha256-+B4P3mELzC9+K6hvRZAJzBhAm2vqILTv5LBWPkH5ONA='"]
    >>> len(script_hashes("<script>f({{ flag }});</script><script>{% if x %}y{% endif %}</script>"))
    2
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

import datasette
from datasette import hookimpl

TEMPLATE_DIRS = (
    Path(datasette.__file__).parent / "templates",
    Path(__file__).parent / "templates",
)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
ONE_FLAG = re.compile(r"\{\{\s*\w+\s*\}\}")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%")


def _hash(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def script_hashes(template: str) -> list[str]:
    """CSP source expressions for the inline scripts of one template's text."""
    hashes = []
    for body in INLINE_SCRIPT.findall(template):
        if not TEMPLATE_SYNTAX.search(body):
            hashes.append(_hash(body))
        elif len(ONE_FLAG.findall(body)) == 1 and not TEMPLATE_SYNTAX.search(ONE_FLAG.sub("", body)):
            hashes.extend(_hash(ONE_FLAG.sub(flag, body)) for flag in ("true", "false"))
    return hashes


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    hashes = sorted({h for folder in TEMPLATE_DIRS for path in folder.glob("*.html")
                     for h in script_hashes(path.read_text(encoding="utf-8"))})
    return (
        f"default-src 'self'; script-src 'self' {' '.join(hashes)}; "
        # Datasette's table page writes per-column <style> blocks.
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


def headers() -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", content_security_policy().encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]


def add_headers(app):
    async def with_headers(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)

        async def send_with_headers(event):
            if event["type"] == "http.response.start":
                present = {name.lower() for name, _ in event.get("headers", [])}
                extra = [(name, value) for name, value in headers() if name not in present]
                event = {**event, "headers": [*event.get("headers", []), *extra]}
            await send(event)

        return await app(scope, receive, send_with_headers)

    return with_headers


@hookimpl
def asgi_wrapper(datasette):
    return add_headers
