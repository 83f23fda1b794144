"""Help > Keyboard shortcuts: every key the app answers to.

Read from the window's own actions and shortcuts when the dialog opens, plus the keys the
window's Tab order, the declaration form and the find box handle themselves (`keys.py`,
which those widgets also use), so the list cannot drift from what the keys do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .keys import FIND_KEYS, FORM_KEYS, FORM_SHORTCUTS, ORDER_KEYS, SAYS_WHY, WINDOW_KEYS
from .sizing import cell_width, fitting_size, keep_headers

NATIVE = QKeySequence.SequenceFormat.NativeText
FIND_GROUP = "Find and the constituency list"
FORM_GROUP = "Declaration form (entry and re-key alike)"
WINDOW_GROUP = "Moving about the window"
ORDER_GROUP = "Chamber order"


@dataclass(frozen=True, slots=True)
class Shortcut:
    group: str  # a menu ("File", "Declaration"...) or a part of the window
    keys: str  # as shown to the user, e.g. "Ctrl+Shift+U"
    does: str


def plain_text(text: str) -> str:
    """A menu item's words without its mnemonic "&" or trailing "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ").strip()


def key_text(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(NATIVE) for s in sequences if not s.isEmpty())


def _in_window(obj: QObject, window: QMainWindow) -> bool:
    """Whether an action or shortcut belongs to the window itself, not to a dialog parented
    to it (an open or closed declaration form has its own keys, listed separately)."""
    while obj is not None and not isinstance(obj, QWidget):
        obj = obj.parent()
    return obj is not None and obj.window() is window


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action or shortcut of the window that has a key, under its menu."""
    found: list[Shortcut] = []
    listed: set[QAction] = set()

    def walk(menu: QMenu, group: str, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, group, f"{path}{plain_text(action.text())} > ")
            elif action.shortcuts():
                listed.add(action)
                found.append(Shortcut(group, key_text(action.shortcuts()),
                                      path + plain_text(action.text())))

    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            walk(top.menu(), plain_text(top.text()), "")
    for action in window.findChildren(QAction):  # outside the menus: context menus, widgets
        if action not in listed and action.shortcuts() and _in_window(action, window):
            found.append(Shortcut("Main window", key_text(action.shortcuts()),
                                  plain_text(action.text())))
    for shortcut in window.findChildren(QShortcut):
        if (shortcut.isEnabled() and not shortcut.key().isEmpty()
                and not shortcut.property(SAYS_WHY)  # a greyed action's own, listed with it
                and _in_window(shortcut, window)):
            found.append(Shortcut("Main window", key_text(shortcut.keys()),
                                  shortcut.whatsThis() or shortcut.objectName()))
    return found


def contract_shortcuts() -> list[Shortcut]:
    """The keys the window, the find box and the declaration form handle (see keys.py)."""
    rows = [Shortcut(WINDOW_GROUP, keys, does) for keys, does in WINDOW_KEYS]
    rows += [Shortcut(FIND_GROUP, keys, does) for keys, does in FIND_KEYS]
    rows += [Shortcut(FORM_GROUP, QKeySequence(key).toString(NATIVE), does)
             for key, does in FORM_SHORTCUTS]
    rows += [Shortcut(FORM_GROUP, keys, does) for keys, does in FORM_KEYS]
    rows += [Shortcut(ORDER_GROUP, keys, does) for keys, does in ORDER_KEYS]
    return rows


def all_shortcuts(window: QMainWindow) -> list[Shortcut]:
    return window_shortcuts(window) + contract_shortcuts()


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to its column. A tree's word wrap alone only
    paints wrapped: it measures each row as one line, so a long description was cut short
    ("… the docks' tab bars (a dock behind …")."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.column() != 1 or not index.parent().isValid():
            return super().sizeHint(option, index)  # keys and group titles: one line
        width = self.tree.header().sectionSize(1)
        measured = QStyleOptionViewItem(option)
        measured.rect = QRect(0, 0, max(width, 1), 1 << 16)  # the style wraps to its width
        return super().sizeHint(measured, index)


class ShortcutsDialog(QDialog):
    """The list, grouped by menu; read-only, closes with Esc or Enter."""

    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel("Every key ResultsDesk answers to. Menu shortcuts work anywhere in the "
                       "main window; the declaration form's keys work in the form.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setAccessibleName(self.windowTitle())  # not a bare "tree"
        self.tree.setHeaderLabels(["Keys", "What it does"])
        keep_headers(self.tree)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)  # long descriptions wrap rather than being cut short
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in shortcuts:
            group = groups.get(shortcut.group)
            if group is None:
                group = groups[shortcut.group] = QTreeWidgetItem(self.tree, [shortcut.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                # Selectable, so a title the arrows step onto is drawn chosen as a key's row
                # is: unselectable, it was only current, a faint tint (next to none on dark).
                group.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            QTreeWidgetItem(group, [shortcut.keys, shortcut.does])
        self.tree.expandAll()
        if self.tree.topLevelItemCount():  # the keys are on the first row: shown so
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        header = self.tree.header()
        # The keys as wide as the widest with the room the app's tables leave between
        # columns (`cell_width`: the text's margins and SLACK). Fitted to the keys alone
        # (ResizeToContents), "Ctrl+Tab, Ctrl+Shift+Tab" all but ran into "The same".
        keys = cell_width(self.tree, [shortcut.keys for shortcut in shortcuts])
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, max(self.tree.indentation() + keys,
                                    header.sectionSizeFromContents(0).width()))
        header.setStretchLastSection(True)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(fitting_size(self, 860, 600))

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what it does) as listed, for tests and screen readers' sake."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                out.append((group.text(0), item.text(0), item.text(1)))
        return out
