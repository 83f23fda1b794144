"""Texts whose layout a renderer may keep: matplotlib's `Text` and `Annotation`, asking
the renderer they are laid out for (`kept_text_layout`, which the export SVG writer has:
`charts._svg`, and the screen's recorder: `charts._recording`) before laying themselves
out. Every export makes its chart anew and lays the same strings out again (a new
renderer each file, so matplotlib's own measures start afresh); the writer answers from
what it kept, keyed by everything a layout depends on (`layout_key`). On screen a label is
measured while its chart lays itself out, then laid out again as it draws (an annotation
with a box three times): the recorder answers those from the measure. Other renderers
(PNG, PDF) have no such method: matplotlib lays out.

No state of their own: a figure's text (`Figure.text`) becomes one by `kept`, an
annotation by `annotate`.
"""

from __future__ import annotations

from matplotlib import ft2font
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text

from ..domain.wording import isolated
from ._kept import keep_bounded

# A chart's words are text, never TeX: names, parties and a --title come from the user and
# from imported files, and as maths "$5bn vs $3bn" lost its dollars while a stray "$x_$"
# stopped the graphic (and every publish of it) with a parse error.
PLAIN = {"parse_math": False}

# matplotlib 3.11 on lays a line out with libraqm: bidi order and Arabic shaping, and the
# isolates drawn as nothing. Before it, a line was drawn left to right as stored, and an
# isolate (in no font of the charts) as a box.
_BIDI = hasattr(ft2font, "__libraqm_version__")


def named(name: str) -> str:
    """A name (a party's, a seat's) as a chart's line of its own words embeds it:
    `wording.isolated` where matplotlib reorders right-to-left text, so that "<name> 182"
    keeps its figure after the name; as written where it does not."""
    return isolated(name) if _BIDI else name


class _KeptLayout:
    def _get_layout(self, renderer):
        keep = getattr(renderer, "kept_text_layout", None)
        if keep is None:
            return super()._get_layout(renderer)
        return keep(self, renderer, super()._get_layout)


class KeptText(_KeptLayout, Text):
    """A `Text` whose layout an export's renderer may keep."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{**PLAIN, **kwargs})


class KeptAnnotation(_KeptLayout, Annotation):
    """An `Annotation` whose layout an export's renderer may keep."""


_KEPT = {Text: KeptText, Annotation: KeptAnnotation}
_LAID_OUT: dict[tuple, tuple] = {}  # layouts kept for the screen (`kept_layout`)


def annotate(ax: Axes, *args, **kwargs) -> KeptAnnotation:
    """`ax.annotate(*args, **kwargs)` as a KeptAnnotation (the screen's recorder keeps
    its layout too: `charts._recording`)."""
    return kept(ax.annotate(*args, **kwargs))


def layout_key(text: Text) -> tuple | None:
    """What `text._get_layout` depends on besides its font and the renderer's measures:
    the string and how it is set (alignment, rotation, line spacing) and the figure's
    dpi; None for what is laid out each time (maths, that is any "$" it would parse, TeX,
    wrapped text, or a matplotlib without the method this reads)."""
    s = text.get_text()
    multialignment = getattr(text, "_get_multialignment", None)  # (3.11's name)
    if (multialignment is None or text.get_wrap() or text.get_usetex()
            or (text.get_parse_math() and "$" in s)):
        return None
    return (s, text.get_figure(root=True).dpi, text.get_horizontalalignment(),
            text.get_verticalalignment(), multialignment(), text.get_rotation(),
            text.get_rotation_mode(), text.get_linespacing(), text.get_parse_math())


def kept(t: Text) -> Text:
    """`t` (made by `Figure.text`, which makes a plain Text) as a KeptText."""
    t.__class__ = _KEPT.get(type(t), type(t))
    t.set_parse_math(PLAIN["parse_math"])
    return t


def kept_layout(text: Text, renderer, lay_out, real) -> tuple:
    """`lay_out(renderer)` (`text._get_layout`, asked of the screen's recorder, which
    measures with `real`), kept by what it depends on (`layout_key`, the font properties,
    `real`'s kind and dpi): a label measured while its chart lays itself out is not laid
    out again as it draws (an annotation with a box asks three times), nor next frame."""
    got = layout_key(text)
    if got is None:
        return lay_out(renderer)
    key = (got, hash(text.get_fontproperties()), real.dpi, type(real))
    laid = _LAID_OUT.get(key)
    if laid is None:
        box, lines, corner = lay_out(renderer)
        laid = keep_bounded(_LAID_OUT, key, (box.frozen(), tuple(lines), corner))
    box, lines, corner = laid
    return box.frozen(), list(lines), corner
