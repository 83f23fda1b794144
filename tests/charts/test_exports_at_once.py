"""Two exports at once (File > Export graphic…'s preview rendering on one worker while Save
writes on another; two saves): each is drawn with the export's settings (`EXPORT_RC`: a
PDF's fonts embedded whole, an SVG's ids from a fixed salt) to its end, and the settings the
app had come back once both are done. The first to end put back what it found, under the
other still writing: a window's PDF came out with Type 3 fonts, another run's with
TrueType, the same graphic two files (found comparing exports from windows at 100 % and
200 %); and the last to end put the export's settings back for good."""

from __future__ import annotations

import pytest
from matplotlib import rcParams

from resultsdesk.charts._rc import rc_set
from resultsdesk.charts.export import EXPORT_RC


def _now() -> dict:
    return {key: rcParams[key] for key in EXPORT_RC}


def test_an_export_ending_first_leaves_the_others_settings():
    app = _now()
    assert app != EXPORT_RC  # (else this proves nothing)
    preview, save = rc_set(EXPORT_RC), rc_set(EXPORT_RC)
    preview.__enter__()
    save.__enter__()  # a save started while the preview renders
    preview.__exit__(None, None, None)  # the preview ends first
    try:
        assert _now() == EXPORT_RC  # the save still writing keeps them
    finally:
        save.__exit__(None, None, None)
    assert _now() == app


def test_the_app_gets_its_settings_back_whichever_ends_first():
    app = _now()
    preview, save = rc_set(EXPORT_RC), rc_set(EXPORT_RC)
    preview.__enter__()
    save.__enter__()
    save.__exit__(None, None, None)  # the save ends first, then the preview
    preview.__exit__(None, None, None)
    assert _now() == app


def test_a_refused_setting_holds_nothing():
    app = _now()
    with pytest.raises(ValueError), rc_set({**EXPORT_RC, "pdf.fonttype": 7}):  # no type
        pass
    with rc_set(EXPORT_RC):
        pass
    assert _now() == app
