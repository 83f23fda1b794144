"""Help > About credits every election the app ships: the Open Parliament Licence asks that
the House of Commons Library's data be attributed, and the bundled 2019 night and its 2017
baseline (File > Rehearsal, `rehearse`) are its files as much as the 2024 demo is. About named
"general election 2024 results" alone."""

from __future__ import annotations

import re

from resultsdesk.paths import resources_dir
from resultsdesk.ui.about import about_html


def test_about_credits_each_bundled_house_of_commons_election():
    years = sorted(re.match(r"HoC-GE(\d{4})-", f.name).group(1)
                   for f in (resources_dir() / "data").glob("HoC-GE*-results-by-candidate.csv"))
    assert years == ["2017", "2019", "2024"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", about_html()))
    credit = re.search(r"Open Parliament Licence v3\.0 \(House of Commons Library, ([^)]*)\)",
                       text)
    assert credit is not None, text
    for year in years:
        assert year in credit.group(1), f"About does not credit the {year} results it ships"
