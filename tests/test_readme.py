"""The README's two commands, as a newcomer runs them on a clean checkout."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent


def first_code_block(markdown: str) -> list[str]:
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", markdown, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_readme_opens_with_exactly_the_two_commands_and_ci_runs_the_test_one():
    commands = first_code_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout to clone")
def test_make_demo_on_a_clean_clone_builds_the_corpus_and_serves_it(tmp_path):
    """`make demo` in a fresh clone: builds db/lieguan.db from the committed corpus and
    serves it; the served documents table lists every corpus PDF. The clone reuses
    this run's virtual environment (VENV=…) so the test does not reinstall packages."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    venv = Path(sys.executable).parent.parent
    port = free_port()
    process = subprocess.Popen(
        # -o: take the environment as installed; a fresh clone's pyproject.toml is
        # newer, and make would otherwise reinstall the clone into this venv.
        ["make", "-o", f"{venv}/.installed", "demo", f"VENV={venv}", f"PORT={port}"],
        cwd=clone, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        names = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/lieguan/documents.json?_shape=array&_size=max")
                names = {row["file_name"] for row in response.json()}
                break
            except (httpx.HTTPError, ValueError):
                time.sleep(1)
        assert names is not None, process.stdout.read().decode(errors="replace") if process.poll() is not None else "timeout"
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    corpus = {p.name for folder in ("pdf", "real-pdf") for p in (clone / "corpus" / folder).glob("*.pdf")}
    assert corpus and corpus <= names
    assert (clone / "db" / "lieguan.db").exists()
