"""Fixtures shared by the catalogue tests."""

import pytest

from db.serve import make_datasette
from tests.catalogue_fixtures import build_sample_db


@pytest.fixture
async def datasette(tmp_path):
    """A Datasette over a small sample knowledge base built with sqlite-utils."""
    ds = make_datasette(build_sample_db(tmp_path / "lieguan.db"))
    await ds.invoke_startup()
    return ds
