"""The charts package's names load on demand (`charts.__getattr__`): the list exported and
the table saying where each name lives must agree, and each name must resolve to what its
module defines."""

import importlib

import pytest

import resultsdesk.charts as charts


def test_every_exported_name_has_a_home_and_every_home_is_exported():
    assert sorted(charts.__all__) == sorted(charts._WHERE)


def test_each_name_resolves_to_its_modules_own_object():
    for name, module in charts._WHERE.items():
        defined = getattr(importlib.import_module(f"resultsdesk.charts.{module}"), name)
        assert getattr(charts, name) is defined, name


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchChart"):
        charts.NoSuchChart  # noqa: B018
