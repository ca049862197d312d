"""Public mode (db/serve.py, datasette_plugins/public_mode.py) and `publish`:
read-only, no arbitrary SQL, no download, escaped text, CSP header; the
published directory served by its own run script in a separate process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from db.serve import make_datasette, publish
from tests.catalogue_fixtures import DOC_ID, SOURCE_PDF, build_sample_db


@pytest.fixture
async def public(tmp_path):
    ds = make_datasette(build_sample_db(tmp_path / "lieguan.db"), public=True)
    await ds.invoke_startup()
    return ds


async def test_arbitrary_sql_is_forbidden(public):
    for path in ("/lieguan", "/lieguan.json", "/_memory"):
        response = await public.client.get(path, params={"sql": "select * from items"})
        assert response.status_code == 403, path


async def test_database_download_is_forbidden(public):
    assert (await public.client.get("/lieguan.db")).status_code == 403


async def test_canned_queries_search_and_pages_still_work(public):
    for path, params in [
        ("/lieguan/overdue_by_unit.json", {}),
        ("/lieguan/due_within_30_days", {}),
        ("/lieguan/items.json", {"_search": "社工"}),
        ("/", {"q": "社工"}),
        ("/item/i-overdue", {}),
        ("/charts", {}),
        ("/lieguan/new_and_overdue_feed.atom", {}),
    ]:
        response = await public.client.get(path, params=params)
        assert response.status_code == 200, path
    rows = (await public.client.get("/lieguan/items.json", params={"_search": "社工", "_shape": "array"})).json()
    assert {row["id"] for row in rows} == {"i-overdue", "i-later"}
    rows = (await public.client.get("/lieguan/search_items.json", params={"q": "卫生局 訪視", "_shape": "array"})).json()
    assert [row["id"] for row in rows] == ["i-overdue"]
    rows = (await public.client.get("/lieguan/search_items.json", params={"q": "", "_shape": "array"})).json()
    assert rows == []


async def test_database_is_immutable_and_time_limited(public):
    assert public.databases["lieguan"].is_mutable is False
    assert public.setting("sql_time_limit_ms") == 1000
    assert public.setting("allow_download") is False


async def test_content_security_policy_on_every_response(public):
    for path in ("/", "/item/i-overdue", "/lieguan/items", "/lieguan.db"):
        policy = (await public.client.get(path)).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src


@pytest.mark.parametrize("path", ["/", "/item/i-script", "/lieguan/items", "/lieguan/items/i-script", "/lieguan/item_overview"])
async def test_injected_script_comes_back_escaped(public, path):
    html = (await public.client.get(path)).text
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(" in html


async def test_local_mode_allows_sql(tmp_path):
    ds = make_datasette(build_sample_db(tmp_path / "lieguan.db"))
    response = await ds.client.get("/lieguan.json", params={"sql": "select count(*) as n from items", "_shape": "array"})
    assert response.json() == [{"n": 7}]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read().decode()}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def test_published_directory_serves_itself(tmp_path):
    out = publish(build_sample_db(tmp_path / "lieguan.db"), tmp_path / "site")
    assert (out / "documents" / SOURCE_PDF.name).read_bytes() == SOURCE_PDF.read_bytes()
    assert {"lieguan.db", "metadata.json", "requirements.txt", "serve.py", "lib", "documents"} <= {
        p.name for p in out.iterdir()}
    metadata = out / "metadata.json"  # the published site's own, editable metadata
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("列管事項知識庫", "某某市列管事項"), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--port", str(port), "--host", "127.0.0.1"],
        cwd=out, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base + "/", process)
        status, body = fetch(base + "/?q=" + urllib.request.quote("社工"))
        assert status == 200 and "<mark>社工</mark>" in body.decode()
        assert "某某市列管事項" in body.decode()
        assert fetch(base + "/lieguan?sql=select+1")[0] == 403
        assert fetch(base + "/lieguan.db")[0] == 403
        status, pdf = fetch(f"{base}/document/{DOC_ID}")
        assert status == 200 and pdf == SOURCE_PDF.read_bytes()
    finally:
        process.terminate()
        process.wait(timeout=20)
