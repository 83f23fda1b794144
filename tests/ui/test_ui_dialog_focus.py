"""Where the keyboard focus is in the dialogs and lists the style's own marks left unringed:
a list (File > Chamber order, a practise rehearsal's Read-outs) showed only a faint outline
of its current row, and History's tab bar, where Ctrl+H puts the focus, showed nothing at
all, so a desk working by keyboard could not see where it was. Each is now ringed as a
table is, in the theme's focus colour, driven here by real key presses. And every stop of
File > Publishing has a name to be found by."""

from __future__ import annotations

from helpers.history import on_history
from helpers.seats import HENDON
from PySide6.QtCore import QObject, QRect, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from resultsdesk.charts.theme import contrast_ratio
from resultsdesk.desk.graphics import KINDS
from resultsdesk.domain.model import Party
from resultsdesk.ui.about import show_about
from resultsdesk.ui.app import application
from resultsdesk.ui.history_dialog import HistoryDialog
from resultsdesk.ui.party_order import PartyOrderDialog
from resultsdesk.ui.publish_dialog import PublishDialog
from resultsdesk.ui.readout_panel import ReadoutPanel
from resultsdesk.ui.rehearsal_dialog import RehearsalDialog
from resultsdesk.ui.style import colours

CTRL = Qt.KeyboardModifier.ControlModifier



def _ring_in(image: QImage, box: QRect | None = None) -> bool:
    """Whether the theme's focus colour is drawn anywhere in `box` of `image` (all of it
    if none)."""
    box = box or image.rect()
    target = QColor(colours().focus)
    return any(image.pixelColor(x, y) == target
               for y in range(box.top(), box.bottom() + 1)
               for x in range(box.left(), box.right() + 1))


def _tab_to(qtbot, start: QWidget, target: QWidget) -> None:
    """Tab from `start` until `target` has the focus (real key presses)."""
    for _ in range(10):
        now = QApplication.focusWidget() or start
        if now is target:
            return
        qtbot.keyClick(now, Qt.Key.Key_Tab)
    assert target.hasFocus(), QApplication.focusWidget()


def _chamber_order(qtbot) -> PartyOrderDialog:
    """File > Chamber order on Lab, LD and Con, shown and active."""
    parties = [Party(a, a, "#888888", political_order=i)
               for i, a in enumerate(("Lab", "LD", "Con"))]
    dialog = PartyOrderDialog(parties)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_chamber_order_list_shows_the_focus(qtbot, theme):
    dialog = _chamber_order(qtbot)
    _tab_to(qtbot, dialog, dialog.list)  # round from the buttons
    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)
    assert not dialog.list.hasFocus()
    assert not _ring_in(dialog.list.grab().toImage())  # the ring is the focus's alone
    _tab_to(qtbot, dialog, dialog.list)
    qtbot.waitUntil(lambda: _ring_in(dialog.list.grab().toImage()), timeout=2000)


def test_read_outs_list_shows_the_focus(qtbot, theme):
    panel = ReadoutPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    _tab_to(qtbot, panel, panel.list)
    qtbot.waitUntil(lambda: _ring_in(panel.list.grab().toImage()), timeout=2000)


def test_ctrl_h_puts_the_focus_on_a_ringed_tab_and_it_follows_the_arrows(
        qtbot, night_db, main_window, theme):
    window = main_window(night_db, user="carol")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    seen: list[tuple[int, bool, bool]] = []  # (current tab, its tab ringed, the other's)

    def look(tabs: QTabWidget) -> None:
        bar = tabs.tabBar()
        image = bar.grab().toImage()
        current = bar.currentIndex()
        seen.append((current, _ring_in(image, bar.tabRect(current)),
                     _ring_in(image, bar.tabRect(1 - current))))

    def act(dialog: HistoryDialog) -> None:
        tabs = dialog.findChild(QTabWidget)
        qtbot.waitUntil(tabs.tabBar().hasFocus)  # where the dialog opens
        look(tabs)
        qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Right)  # to the audit trail
        look(tabs)
        qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Tab)  # into its table
        assert isinstance(dialog.focusWidget(), QTableWidget)
        bar = tabs.tabBar()
        seen.append((bar.currentIndex(), _ring_in(bar.grab().toImage()), False))

    on_history(qtbot, window, act)
    assert seen == [(0, True, False), (1, True, False), (1, False, False)]


def test_history_keeps_each_tab_title_whole_as_the_focus_comes_and_goes(
        qtbot, night_db, main_window, theme):
    """A focused tab was drawn by the ring's rule alone, without the style's padding: the
    bar sized "Audit trail (n)" so as Right chose it, and kept that size once Tab took the
    focus into its table, where the tab, drawn padded again, read "udit trail (". Each tab
    is now the same size focused or not."""
    window = main_window(night_db, user="carol")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    seen: list[object] = []

    def sizes(bar) -> list[tuple[int, int]]:
        return [(bar.tabSizeHint(i).width(), bar.tabSizeHint(i).height())
                for i in range(bar.count())]

    def act(dialog: HistoryDialog) -> None:
        bar = dialog.findChild(QTabWidget).tabBar()
        qtbot.waitUntil(bar.hasFocus)
        qtbot.keyClick(bar, Qt.Key.Key_Right)  # to the audit trail, focused
        focused = sizes(bar)
        qtbot.keyClick(bar, Qt.Key.Key_Tab)  # into its table: the tab without focus
        assert not bar.hasFocus()
        seen.append(focused == sizes(bar))
        seen.append(all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width()
                        for i in range(bar.count())))  # every title whole

    on_history(qtbot, window, act)
    assert seen == [True, True]


def test_tab_goes_through_publishing_top_to_bottom_every_stop_named(qtbot):
    """File > Publishing: each stop found by its name (the folder's Choose… and the theme
    and size lists had none, so nothing could find them but their place)."""
    application()
    dialog = PublishDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.folder.hasFocus)
    stops = []
    for _ in range(20):
        stops.append(QApplication.focusWidget())
        qtbot.keyClick(stops[-1], Qt.Key.Key_Tab)
        if QApplication.focusWidget() is dialog.folder:
            break
    names = [w.objectName() or getattr(w, "text", str)() for w in stops]  # buttons: text
    assert names == ["publishFolder", "publishChoose",
                     *(f"publish_{kind}" for kind in KINDS),
                     "publishTheme", "publishSize", "publishData", "OK", "Cancel"]
    assert dialog.findChild(QComboBox, "publishTheme") is dialog.theme
    assert dialog.findChild(QComboBox, "publishSize") is dialog.size_box


def _stands_out(widget: QWidget) -> bool:
    """Whether the radio button's mark (its first 20 px, before its words) has a pixel of
    3:1 contrast against the window (WCAG's for a control's edge)."""
    image = widget.grab().toImage()
    window = colours().window
    return any(contrast_ratio(image.pixelColor(x, y).name(), window) >= 3
               for y in range(image.height()) for x in range(min(20, image.width())))


def test_a_rehearsals_two_sources_can_be_told_apart(qtbot, theme, tmp_path):
    """Rehearsal's radio buttons: on dark, the one not chosen was a near-black disc with no
    edge on the dark window; which night would be replayed could not be seen. Arrow keys
    move the choice, and the chosen one is marked in the highlight colour."""
    dialog = RehearsalDialog(tmp_path / "rehearsal.db")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.bundled.hasFocus)
    highlight = QColor(colours().highlight)
    assert dialog.bundled.isChecked() and not dialog.own_files.isChecked()
    assert _stands_out(dialog.own_files)  # its edge, unchosen
    qtbot.keyClick(dialog.bundled, Qt.Key.Key_Down)
    assert dialog.own_files.isChecked() and dialog.own_files.hasFocus()
    image = dialog.own_files.grab().toImage()
    assert any(image.pixelColor(x, y) == highlight
               for y in range(image.height()) for x in range(20))


def _near(a: QColor, b: QColor) -> bool:
    """The same colour but for the rounding of a blend (one step in a channel)."""
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= 2


def _chosen(dialog: PartyOrderDialog) -> tuple[str, list[str]]:
    """The current party and the selected ones (abbreviations)."""
    return (dialog.list.currentItem().data(Qt.ItemDataRole.UserRole),
            [item.data(Qt.ItemDataRole.UserRole) for item in dialog.list.selectedItems()])


def test_chamber_order_opens_with_its_first_party_chosen_and_a_moved_one_stays_chosen(
        qtbot, theme):
    """The list took the focus with Lab current but not selected (only a faint outline),
    so Ctrl+Down moved a party that did not look chosen."""
    dialog = _chamber_order(qtbot)
    _tab_to(qtbot, dialog, dialog.list)
    assert _chosen(dialog) == ("Lab", ["Lab"])
    row = dialog.list.visualItemRect(dialog.list.item(0))
    drawn = dialog.list.viewport().grab().toImage().pixelColor(row.right() - 2,
                                                               row.center().y())
    assert _near(drawn, QColor(colours().highlight))  # highlighted, not just outlined
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, CTRL)
    assert dialog.order() == ["LD", "Lab", "Con"] and _chosen(dialog) == ("Lab", ["Lab"])
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, CTRL)
    assert dialog.order() == ["LD", "Con", "Lab"] and _chosen(dialog) == ("Lab", ["Lab"])
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, CTRL)
    assert dialog.order() == ["LD", "Lab", "Con"] and _chosen(dialog) == ("Lab", ["Lab"])


class _Browser(QObject):
    """Stands in for the desktop's browser: the links it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_about_opens_on_ok_and_tab_reaches_the_licence_link(qtbot, theme):
    """Help > About: the Open Parliament Licence link was the mouse's alone; Tab never left
    OK. Now OK still has the focus the box opens with (Enter closes it), Tab goes to the
    link, outlined, and Enter there opens it; Tab again is back on OK. The outline alone,
    Qt's 1 px of dots, was hard to find on dark: the text is ringed as every stop is."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    seen: list[object] = []

    def drive() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, parent, drive)
            return
        try:
            qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPushButton))
            ok = QApplication.focusWidget()
            seen.append(ok.text())
            text = box.findChild(QLabel, "qt_msgbox_label")
            unfocused = text.grab().toImage()
            qtbot.keyClick(ok, Qt.Key.Key_Tab)
            seen.append((text.hasFocus(), text.selectedText()))
            seen.append(text.grab().toImage() != unfocused)  # the link's outline drawn
            edge = QRect(0, 0, 4, unfocused.height())  # and the text ringed, as every stop
            seen.append((_ring_in(unfocused, edge), _ring_in(text.grab().toImage(), edge)))
            qtbot.keyClick(text, Qt.Key.Key_Return)
            seen.append((browser.opened, box.isVisible()))
            qtbot.keyClick(text, Qt.Key.Key_Tab)
            seen.append(QApplication.focusWidget() is ok)
            qtbot.keyClick(ok, Qt.Key.Key_Return)
        finally:
            if box.isVisible():
                box.done(0)

    QTimer.singleShot(0, parent, drive)
    try:
        show_about(parent)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    licence = ("https://www.parliament.uk/site-information/copyright-parliament/"
               "open-parliament-licence/")
    assert seen == ["OK", (True, "Open Parliament Licence v3.0"), True, (False, True),
                    ([licence], True), True]
