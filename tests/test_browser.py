"""The catalogue in a real browser: `lieguan serve --public` on a loopback port, headless
Chromium driven over the Chrome DevTools Protocol: filter by a unit, open an
item, save screenshots to tests/artifacts/ and check they are not blank."""

from __future__ import annotations

import base64
import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from websockets.sync.client import connect

from tests.catalogue_fixtures import build_sample_db

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
UNIT = "臺中市政府衛生局"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float = 60, what: str = "condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class DevTools:
    """A minimal CDP client for one page target."""

    def __init__(self, socket):
        self.socket = socket
        self.next_id = 0
        self.log: list[str] = []  # console and browser log messages received so far

    def call(self, method: str, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("method") == "Log.entryAdded":
                self.log.append(message["params"]["entry"]["text"])
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_loaded(self, path_prefix: str):
        wait_for(lambda: self.evaluate(
            f"document.readyState === 'complete' && location.pathname.startsWith({json.dumps(path_prefix)})"),
            what=f"page {path_prefix}")

    def screenshot(self, path: Path) -> Image.Image:
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        path.write_bytes(data)
        return Image.open(io.BytesIO(data))


def not_blank(image: Image.Image) -> bool:
    return ImageStat.Stat(image.convert("L")).var[0] > 100


@pytest.fixture
def server(tmp_path):
    database = build_sample_db(tmp_path / "lieguan.db")
    port = free_port()
    lieguan = shutil.which("lieguan", path=str(Path(sys.executable).parent))
    process = subprocess.Popen([lieguan, "serve", "--public", "--db", str(database), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: process.poll() is None and urllib.request.urlopen(base + "/", timeout=5).status == 200,
                 what="lieguan serve")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def browser(tmp_path):
    profile = tmp_path / "chromium-profile"
    process = subprocess.Popen([
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1280,900", "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        active_port = profile / "DevToolsActivePort"
        port = wait_for(lambda: active_port.is_file() and active_port.read_text().split("\n")[0],
                        what="Chromium's DevTools port")
        targets = wait_for(lambda: [t for t in json.load(urllib.request.urlopen(
            f"http://127.0.0.1:{port}/json/list", timeout=5)) if t["type"] == "page"], what="a page target")
        with connect(targets[0]["webSocketDebuggerUrl"], max_size=None, open_timeout=30) as socket:
            yield DevTools(socket)
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_filter_by_unit_open_item_and_screenshot(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.call("Page.enable")
    browser.call("Log.enable")
    browser.call("Page.navigate", url=server + "/")
    browser.wait_loaded("/")
    assert browser.evaluate("document.querySelectorAll('a.item-link').length") == 6

    browser.evaluate(f"""
        document.querySelector('#filter-unit').value = {json.dumps(UNIT)};
        document.querySelector('form.lieguan-filters').submit();""")
    wait_for(lambda: "unit=" in browser.evaluate("location.search") and
             browser.evaluate("document.readyState") == "complete", what="filtered catalogue")
    listed = browser.evaluate("[...document.querySelectorAll('a.item-link')].map(a => a.getAttribute('href'))")
    assert listed == ["/item/i-overdue", "/item/i-tai"]
    assert browser.evaluate("document.querySelector('#filter-unit').value") == UNIT
    assert not_blank(browser.screenshot(ARTIFACTS / "catalogue_filtered_by_unit.png"))

    browser.evaluate("document.querySelector('a.item-link').click()")
    browser.wait_loaded("/item/")
    assert browser.evaluate("location.pathname") == "/item/i-overdue"
    assert "請衛生局於局務會議提出" in browser.evaluate("document.body.innerText")
    assert browser.evaluate("document.querySelector('a.source-document').getAttribute('href')").endswith("#page=2")
    image = browser.screenshot(ARTIFACTS / "item_page.png")
    assert image.size[0] >= 800 and not_blank(image)


def test_content_security_policy_lets_the_sites_own_scripts_run(server, browser):
    """Datasette's inline scripts are allowed by hash; nothing is reported as blocked."""
    browser.call("Log.enable")
    browser.call("Page.navigate", url=server + "/lieguan/items?_search=" + urllib.request.quote("社工"))
    browser.wait_loaded("/lieguan/items")
    assert browser.evaluate("window.DATASETTE_ALLOW_FACET") is True  # the inline script ran
    assert browser.evaluate("document.querySelectorAll('table.rows-and-columns tbody tr').length") == 2
    browser.call("Page.navigate", url=server + "/item/i-script")
    browser.wait_loaded("/item/")
    assert "<script>alert" in browser.evaluate("document.querySelector('.lieguan-item-text').textContent")
    browser.evaluate("0")  # drain pending log events
    assert not [line for line in browser.log if "Content Security Policy" in line]
