"""File > Export graphic…'s preview on a scaled screen (a newsroom's 4K monitor at 200 %, a
laptop at 150 %): the picture is scaled to the device pixels the preview has, not to its
logical pixels and then stretched by the screen, which showed the graphic blurred at half
its sharpness, its small print unreadable, on exactly the screens the graphics desk checks
a graphic on before it airs."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("ratio", [1.5, 2.0])
def test_the_preview_has_the_screens_pixels(main_window, qtbot, night_db, ratio):
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    # The screen's scale, as the label is told it on such a screen (one offscreen is 1).
    dialog.preview.devicePixelRatioF = lambda: ratio
    given = []  # what the preview is given (its pixmap() is redrawn for the real screen)
    real = dialog.preview.setPixmap
    dialog.preview.setPixmap = lambda p: (given.append(p), real(p))
    dialog.render_preview()
    qtbot.waitUntil(lambda: bool(given), timeout=20_000)
    pixmap = given[-1]
    shown = pixmap.deviceIndependentSize()  # what it covers on screen, in logical pixels
    assert shown.width() <= dialog.preview.width() and shown.height() <= dialog.preview.height()
    assert max(shown.width() / dialog.preview.width(),
               shown.height() / dialog.preview.height()) > 0.95  # filling the preview
    assert pixmap.devicePixelRatio() == ratio  # a device pixel of the picture each
    assert pixmap.width() == pytest.approx(shown.width() * ratio, abs=1)
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
