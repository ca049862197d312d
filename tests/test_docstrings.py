"""Every docstring example in the library runs and gives what it shows."""

import doctest
import importlib
import pkgutil

import pytest

import datasette_plugins
import db
import extract

MODULES = sorted(
    f"{package.__name__}.{info.name}"
    for package in (extract, db, datasette_plugins)
    for info in pkgutil.iter_modules(package.__path__)
)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module):
    failures, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failures == 0
