"""charts.text_memory: the screen's text as last drawn, kept in a file between runs, comes
back exactly (the same pixels, nothing asked of FreeType), and only where it still holds."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest
from helpers.screens import KINDS, Screen
from helpers.verifications import night

from resultsdesk.charts import _glyphs, text_memory


def _forget_everything() -> None:
    """As a new process starts: nothing measured, laid out or rasterised yet."""
    for store in (_glyphs._METRICS, _glyphs._LAYOUTS, _glyphs._GLYPHS):
        store.clear()
    text_memory._saved_size = (-1, -1, -1)


@pytest.fixture
def fresh(monkeypatch):
    """The stores emptied before the test and put back after it (other tests' counts)."""
    kept = [dict(s) for s in (_glyphs._METRICS, _glyphs._LAYOUTS, _glyphs._GLYPHS)]
    _forget_everything()
    asked = {"measured": 0, "laid out": 0}
    real_extent = _glyphs.text_extent
    real_font = _glyphs._prepared_font

    def extent(*args, **kwargs):
        asked["measured"] += 1
        return real_extent(*args, **kwargs)

    def prepared(*args, **kwargs):  # placed_glyphs asks for it only to lay a string out
        asked["laid out"] += 1
        return real_font(*args, **kwargs)

    monkeypatch.setattr(_glyphs, "text_extent", extent)
    monkeypatch.setattr(_glyphs, "_prepared_font", prepared)
    yield asked
    monkeypatch.undo()
    for store, old in zip((_glyphs._METRICS, _glyphs._LAYOUTS, _glyphs._GLYPHS), kept,
                          strict=True):
        store.clear()
        store.update(old)


def _first_frames(steps) -> dict[str, np.ndarray]:
    out = {}
    for kind in KINDS:
        screen = Screen(kind)
        assert screen.show(steps[0].of(kind)).full
        out[kind] = screen.pixels().copy()
    return out


def test_a_new_start_draws_the_same_pixels_without_freetype(fresh, tmp_path):
    steps = night(650, steps=1)
    cold = _first_frames(steps)
    assert fresh["measured"] > 0 and fresh["laid out"] > 0 and _glyphs._GLYPHS
    path = tmp_path / "text-memory.bin"
    assert text_memory.save(path)
    assert not text_memory.save(path)  # nothing new since: not written again

    _forget_everything()
    assert text_memory.load(path) > 0
    fresh.update({"measured": 0, "laid out": 0})
    renders = _glyphs.renders
    warm = _first_frames(steps)
    for kind in KINDS:
        assert np.array_equal(warm[kind], cold[kind]), f"{kind} differs after a restart"
    assert fresh == {"measured": 0, "laid out": 0}
    assert _glyphs.renders == renders  # no glyph rasterised again


def test_other_conditions_put_nothing_back(fresh, tmp_path, monkeypatch):
    _first_frames(night(650, steps=1))
    path = tmp_path / "text-memory.bin"
    text_memory.save(path)
    _forget_everything()
    monkeypatch.setattr(text_memory.matplotlib, "__version__", "0.0-another")
    assert text_memory.load(path) == 0
    assert not _glyphs._METRICS and not _glyphs._LAYOUTS and not _glyphs._GLYPHS


def test_a_changed_font_file_is_passed_over(fresh, tmp_path, monkeypatch):
    _first_frames(night(650, steps=1))
    path = tmp_path / "text-memory.bin"
    text_memory.save(path)
    _forget_everything()
    real = text_memory._font_stamp

    def touched(fname):
        stamp = real(fname)
        return None if stamp is None else [stamp[0], stamp[1], stamp[2] + 1]

    monkeypatch.setattr(text_memory, "_font_stamp", touched)
    text_memory.load(path)
    # Measured, laid out or rasterised with that font: none of it trusted.
    assert not _glyphs._METRICS and not _glyphs._LAYOUTS and not _glyphs._GLYPHS


@pytest.mark.parametrize("damage", ["truncated", "not ours", "bad header", "empty"])
def test_a_damaged_file_is_ignored_whole(fresh, tmp_path, damage, caplog):
    _first_frames(night(650, steps=1))
    path = tmp_path / "text-memory.bin"
    text_memory.save(path)
    data = path.read_bytes()
    start = len(text_memory.MAGIC) + 8
    (length,) = struct.unpack_from("<Q", data, len(text_memory.MAGIC))
    if damage == "truncated":  # the bitmaps cut short: nothing of it goes in
        data = data[:start + length + 10]
    elif damage == "not ours":
        data = b"PK\x03\x04" + data[4:]
    elif damage == "bad header":
        header = json.loads(data[start:start + length])
        header["glyphs"][0] = ["x"]
        raw = json.dumps(header).encode()
        data = data[:len(text_memory.MAGIC)] + struct.pack("<Q", len(raw)) + raw \
            + data[start + length:]
    else:
        data = b""
    path.write_bytes(data)
    _forget_everything()
    assert text_memory.load(path) == 0
    assert not _glyphs._METRICS and not _glyphs._LAYOUTS and not _glyphs._GLYPHS
    assert "ignored" in caplog.text


def test_no_file_is_no_memory(fresh, tmp_path):
    assert text_memory.load(tmp_path / "none.bin") == 0
    assert not text_memory.save(tmp_path / "none.bin")  # nothing drawn: nothing to keep


def test_a_folder_that_cannot_be_written_costs_only_the_memory(fresh, tmp_path, caplog):
    _first_frames(night(650, steps=1))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert not text_memory.save(blocker / "text-memory.bin")
    assert "not saved" in caplog.text


def test_its_conditions_are_the_charts_own_however_it_is_reached():
    """Reached first (before any chart), it still compares the text settings the charts
    draw with (`charts._base` sets the hinting), not matplotlib's defaults."""
    import subprocess
    import sys

    code = ("from resultsdesk.charts import text_memory as t; "
            "from matplotlib import rcParams; "
            "print(t.conditions()['rc'][0])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    from matplotlib import rcParams

    from resultsdesk.charts import _base  # noqa: F401 (the charts' settings, here too)

    assert done.stdout.strip() == str(rcParams["text.hinting"]) == "no_hinting"
