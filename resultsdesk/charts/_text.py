"""Texts whose layout a renderer may keep: matplotlib's `Text` and `Annotation`, asking
the renderer they are laid out for (`kept_text_layout`, which the export SVG writer has:
`charts._svg`) before laying themselves out. Every export makes its chart anew and lays
the same strings out again (a new renderer each file, so matplotlib's own measures start
afresh); the writer answers from what it kept, keyed by everything a layout depends on.
Other renderers (the screen's, PNG, PDF) have no such method: matplotlib lays out.

No state of their own: a figure's text (`Figure.text`) becomes one by `kept`.
"""

from __future__ import annotations

from matplotlib.text import Annotation, Text


class _KeptLayout:
    def _get_layout(self, renderer):
        keep = getattr(renderer, "kept_text_layout", None)
        if keep is None:
            return super()._get_layout(renderer)
        return keep(self, renderer, super()._get_layout)


class KeptText(_KeptLayout, Text):
    """A `Text` whose layout an export's renderer may keep."""


class KeptAnnotation(_KeptLayout, Annotation):
    """An `Annotation` whose layout an export's renderer may keep."""


_KEPT = {Text: KeptText, Annotation: KeptAnnotation}


def kept(t: Text) -> Text:
    """`t` (made by `Figure.text`, which makes a plain Text) as a KeptText."""
    t.__class__ = _KEPT.get(type(t), type(t))
    return t
