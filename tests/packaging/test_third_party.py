"""packaging/THIRD-PARTY.md and the licence texts the bundle carries, checked without building.

The bundle ships every distribution ResultsDesk depends on (pyproject's `dependencies` and
what they depend on in turn): each must be named in THIRD-PARTY.md with its licence, or the
bundle is handed to a newsroom with software it does not say it contains. psycopg (LGPL-3.0),
its pool and its libpq with OpenSSL, Kerberos and LDAP came with the team desk and were not
named; nor were tzdata and typing_extensions. Qt and PySide6 are LGPL-3.0, whose text (and
the GPL-3.0's, which it supplements) their wheels do not carry: the bundle ships both from
packaging/licenses/.
"""

from __future__ import annotations

import re

import pytest
from helpers.distributions import normalised, runtime_distributions
from helpers.locations import ROOT

THIRD_PARTY = ROOT / "packaging" / "THIRD-PARTY.md"
LICENCES = ROOT / "packaging" / "licenses"
BUILD = ROOT / "packaging" / "build.sh"


def _named(name: str, text: str) -> bool:
    """`name` (a distribution, normalised) appears in `text` as a word of its own:
    "psycopg" is not named by "psycopg-binary" alone."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", normalised(text)) is not None


def test_every_bundled_distribution_is_named_in_third_party():
    pytest.importorskip("packaging.requirements")
    wanted = runtime_distributions() - {"resultsdesk"}
    assert {"psycopg", "matplotlib", "pyside6-essentials"} <= wanted, wanted
    text = THIRD_PARTY.read_text(encoding="utf-8")
    missing = sorted(name for name in wanted if not _named(name, text))
    assert not missing, f"bundled but not named in packaging/THIRD-PARTY.md: {missing}"


def test_the_lgpl_and_gpl_texts_ship_with_the_bundle():
    """Qt and Qt for Python are LGPL-3.0; their wheels carry no licence text (their
    dist-info holds METADATA only), so the bundle must bring it, with the GPL-3.0 it
    supplements, and say where."""
    lgpl = (LICENCES / "LGPL-3.0.txt").read_text(encoding="utf-8")
    gpl = (LICENCES / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "Version 3" in gpl
    assert "packaging/licenses/" in BUILD.read_text(encoding="utf-8")
    assert "licenses/LGPL-3.0.txt" in THIRD_PARTY.read_text(encoding="utf-8")
