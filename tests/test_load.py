"""The catalogue under load: `lieguan serve` on the corpus knowledge base, 50 concurrent clients.

The clients request, round robin, a Chinese search (``/lieguan/items?_search=社工``),
the catalogue home page (``/``) and an item page found from the home page, for
``LOAD_SECONDS`` seconds. Every response must be a 200; p50/p95 latencies are
printed, never asserted.
"""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from db.build import build

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 50
LOAD_SECONDS = 20
STARTUP_SECONDS = 60
SEARCH_PATH = "/lieguan/items?_search=社工"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    """The bundled corpus built into a fresh database, served by `lieguan serve` in a subprocess."""
    db_path = tmp_path_factory.mktemp("load") / "kb.db"
    report = build(db_path)
    assert report.failed == [] and report.added
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from db.cli import main; main()", "serve", "--db", str(db_path), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_serving(base: str, server: subprocess.Popen) -> None:
    give_up = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < give_up:
        if server.poll() is not None:
            raise RuntimeError(f"lieguan serve exited: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"lieguan serve did not answer within {STARTUP_SECONDS} s")


def item_page_path(base: str) -> str:
    """An item page linked from the home page, else the first row of the items table."""
    links = re.findall(r'href="(/item/[^"#?]+)"', httpx.get(base + "/", timeout=10).text)
    if links:
        return links[0]
    rows = httpx.get(base + "/lieguan/items.json?_shape=array&_size=1&_col=id", timeout=10).json()
    return f"/item/{rows[0]['id']}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def client(http: httpx.AsyncClient, paths: list[str], offset: int, stop_at: float, results: list) -> None:
    turn = offset
    while time.monotonic() < stop_at:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.monotonic()
        try:
            response = await http.get(path)
            outcome = response.status_code
        except httpx.HTTPError as error:
            outcome = type(error).__name__
        results.append((path, outcome, time.monotonic() - started))


async def run_load(base: str, paths: list[str]) -> list[tuple[str, object, float]]:
    results: list[tuple[str, object, float]] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        stop_at = time.monotonic() + LOAD_SECONDS
        await asyncio.gather(*(client(http, paths, n, stop_at, results) for n in range(CLIENTS)))
    return results


def test_fifty_clients_get_only_200s(catalogue, capsys):
    item_path = item_page_path(catalogue)
    paths = [SEARCH_PATH, "/", item_path]
    for path in paths:  # each page works before it is loaded
        assert httpx.get(catalogue + path, timeout=30).status_code == 200, path
    results = asyncio.run(run_load(catalogue, paths))
    failures = [(path, outcome) for path, outcome, _ in results if outcome != 200]
    assert results and not failures, failures[:10]
    with capsys.disabled():
        print(f"\n  {len(results)} requests by {CLIENTS} clients in {LOAD_SECONDS} s "
              f"({len(results) / LOAD_SECONDS:.0f}/s), all 200")
        for path in paths:
            seconds = [s for p, _, s in results if p == path]
            print(f"  {path[:60]:<60} n={len(seconds):<5} p50 {percentile(seconds, 0.5) * 1000:6.0f} ms"
                  f"  p95 {percentile(seconds, 0.95) * 1000:6.0f} ms")
