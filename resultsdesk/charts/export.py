"""Charts written to files for a broadcast graphics system, headless (Agg, PDF and SVG).

`render(chart, "card.png", "hd")` writes exactly 1920 x 1080 pixels. The format follows the
file's extension. A file appears whole or not at all: it is written to a hidden temporary
file in the same folder and moved into place in one rename, so a system watching the folder
never picks up half a picture.

Type is sized for the canvas, not for its pixel count: a UHD picture is the HD one at twice
the resolution; a square picture gets type a little smaller than HD, a vertical one a little
larger (it is read full-screen on a phone, and its layouts give long names the whole width).
A small picture (a web thumbnail) is the exception: its type is never smaller than the
window's smallest (SMALLEST_TYPE; in pixels, whatever the theme: `smallest_type`), so its
layout is its own. Each shape has its own
arrangement (`charts.layout`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from matplotlib.colors import to_rgba

from ..domain.errors import KnownError
from ..files import atomic_output, remove_with_set
from ._base import DEFAULT_DPI, MAX_TYPE_SCALE, MIN_SMALL_TYPE, Chart, canvas_reach
from ._rc import rc_set
from .layout import shape_of
from .theme import LIGHT, Theme

SIZES: dict[str, tuple[int, int]] = {
    "hd": (1920, 1080), "uhd": (3840, 2160), "square": (1080, 1080), "vertical": (1080, 1920),
}
FORMATS = ("png", "svg", "pdf")
# Our SVG writer (charts/_svg.py), named, not imported: matplotlib loads it, and its
# backend_svg, only when an SVG is written (the window starts without them).
SVG_BACKEND = "module://resultsdesk.charts._svg"
PDF_BACKEND = "module://resultsdesk.charts._pdf"  # the page's size (`pdf_page`)


def svg_backend() -> str:
    """The writer for an SVG: ours, or matplotlib's own where its private methods that ours
    builds on are missing (another matplotlib version): slower, never broken."""
    from . import _svg

    return SVG_BACKEND if _svg.SUPPORTED else "svg"
MAX_PIXELS = 16_384  # per side: beyond this a PNG is no longer a broadcast graphic
# In all: 8K UHD's area. A side may reach MAX_PIXELS (a video wall's strip), but a square
# that size would need a 1 GB canvas in memory, on the desk PC that is keying the night.
MAX_AREA = 7680 * 4320
MIN_PIXELS = 200
_HD = SIZES["hd"]
_SIZE = re.compile(r"^\s*(\d+)\s*[x\u00d7X]\s*(\d+)\s*$")


def parse_size(text: str | tuple[int, int]) -> tuple[int, int]:
    """(width, height) in pixels from a preset name ("hd", "uhd", "square", "vertical") or
    "WIDTHxHEIGHT" ("1280x720"); a ValueError that says what is allowed otherwise."""
    if isinstance(text, tuple):
        w, h = text
    else:
        key = str(text).strip().lower()
        if key in SIZES:
            return SIZES[key]
        match = _SIZE.match(key)
        if not match:
            raise ValueError(f"size '{text}' is neither a preset ({', '.join(SIZES)}) nor "
                             "WIDTHxHEIGHT in pixels, like 1280x720")
        w, h = int(match.group(1)), int(match.group(2))
    if not (MIN_PIXELS <= w <= MAX_PIXELS and MIN_PIXELS <= h <= MAX_PIXELS):
        raise ValueError(f"size {w}x{h}: each side must be {MIN_PIXELS} to {MAX_PIXELS:,} "
                         "pixels")
    if w * h > MAX_AREA:
        raise ValueError(f"size {w}x{h}: at most {MAX_AREA:,} pixels in all (8K UHD, "
                         "7680x4320), so that drawing it cannot exhaust the desk PC's memory")
    return w, h


def format_of(path: str | Path) -> str:
    """"png", "svg" or "pdf" from the file's extension; a ValueError naming those otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        allowed = ", ".join(f".{f}" for f in FORMATS[:-1]) + f" or .{FORMATS[-1]}"
        got = f"'.{suffix}'" if suffix else "no extension"
        raise ValueError(f"{path}: a graphic is {allowed} (the file has {got})")
    return suffix


TALL_TYPE = 1.1  # a 1080 x 1920 vertical's type against HD
SQUARE_TYPE = 0.9  # a 1080 square's


def type_scale(width: int, height: int) -> float:
    """How big type is against the HD picture: 2 at UHD, 1 at any 1080-high landscape,
    0.9 on a 1080 square, 1.1 on a 1080 x 1920 vertical (whose rows have the height to
    give a long name a line of its own)."""
    shape = shape_of(width, height)
    if shape == "tall":
        return TALL_TYPE * min(width / _HD[1], height / _HD[0])
    if shape == "square":
        return min(SQUARE_TYPE * min(width, height) / _HD[1], 1.6 * width / _HD[0])
    return min(height / _HD[1], 1.6 * width / _HD[0])


# Pixels per inch of type (a point is 1/72 of it): the least the window shows, on its
# smallest docks, and so the least an export gets.
SMALLEST_TYPE = MIN_SMALL_TYPE * DEFAULT_DPI


def smallest_type(theme: Theme | None = None) -> float:
    """SMALLEST_TYPE for `theme`'s points: a theme with larger type (broadcast's, for a
    television picture) reaches the window's smallest type in pixels at fewer pixels per
    inch. Held at SMALLEST_TYPE, a small broadcast picture (300 x 200, 250 x 250) kept type
    a third larger than the window's smallest: the seats' figures ran into each other,
    the chamber's majority into the subtitle, the recount list into the footer."""
    if theme is None:
        return SMALLEST_TYPE
    return SMALLEST_TYPE * min(1.0, LIGHT.label_size / theme.label_size)


def shape_growth(width: int, height: int, theme: Theme | None = None) -> float:
    """How much larger a picture's type is for its shape than the HD rule makes it:
    TALL_TYPE on a vertical, less where that takes it under the smallest type (which it
    never goes below: a 360 x 640 light picture's is the smallest already, grown by
    nothing); 1 on any other shape. A paged list gives it up before a row goes to a next
    page (`set_paging`)."""
    if shape_of(width, height) != "tall":
        return 1.0
    target = canvas_reach(*_HD) * type_scale(width, height)
    least = smallest_type(theme)
    return max(target, least) / max(target / TALL_TYPE, least)


def export_dpi(width: int, height: int, theme: Theme | None = None) -> float:
    """The dpi at which a chart on a `width` x `height` canvas draws type `type_scale` times
    its HD size (in `theme`'s points). (A chart scales its type with the canvas in inches,
    up to MAX_TYPE_SCALE; the dpi then sets how many pixels a point is.)"""

    k = type_scale(width, height)
    target = canvas_reach(*_HD) * k  # pixels per inch of type wanted
    least = smallest_type(theme)
    if target < least:
        # Below about 860 x 480 the HD picture shrunk had type of 3 to 5 pixels: such a
        # picture gets the smallest type the window shows, laid out for it as a dock is.
        return least
    c = canvas_reach(width, height)  # the chart's own type scale times dpi, px/in
    # At dpi d type gets MAX_TYPE_SCALE * d pixels per inch up to d = c / MAX_TYPE_SCALE,
    # then c up to d = c, then d itself: solve for `target`, preferring a round dpi.
    if abs(target - c) <= 1e-9 * c:
        return min(max(DEFAULT_DPI * k, c / MAX_TYPE_SCALE), c)
    return target / MAX_TYPE_SCALE if target < c else target


def render(chart: Chart, path: str | Path, size: str | tuple[int, int] = "hd", *,
           transparent: bool = False) -> Path:
    """Write `chart` to `path` at `size` (a preset or "WxH"): PNG, SVG or PDF by extension.

    A PNG has exactly the size's pixels, and an SVG says them as its width and height (its
    drawing in points in its viewBox); a PDF has the same layout on a page a point a
    pixel (1920 x 1080 pt for HD; `pdf_page`), and a PNG says PLACED_DPI. With
    `transparent` the background is left out, for an overlay (choose a theme whose text
    reads on the video behind). The chart's own size (on screen) is restored afterwards.
    """
    path = Path(path)
    fmt = format_of(path)
    width, height = parse_size(size)
    with at_size(chart, (width, height)) as dpi, _transparent_boxes(chart, transparent), \
            rc_set(EXPORT_RC), atomic_output(path) as fh:
        # an SVG's writer (ours or matplotlib's) sizes it in points: written here first,
        # then given the pixels asked for (`in_pixels`)
        svg = io.BytesIO() if fmt == "svg" else None
        chart.figure.savefig(fh if svg is None else svg, format=fmt, dpi=dpi,
                             transparent=transparent,
                             facecolor="none" if transparent else chart.theme.background,
                             metadata=_metadata(fmt), **_placed(fmt, width, height))
        if svg is not None:
            fh.write(in_pixels(svg.getvalue().decode("utf-8"), width, height)
                     .encode("utf-8"))
    return path


# What a PNG says its pixels per inch are, and a PDF's points per pixel: a layout tool then
# places the PNG and the PDF at the same size (and an SVG, in one that takes a px for a
# point). matplotlib tagged a PNG with the dpi its type was drawn at, which is no size at
# all to a graphics system (100 for HD, 126.5 for a square, 59.99 for a thumbnail), and made
# a PDF's page that size in inches. Only the tag: every pixel is drawn as it was.
PLACED_DPI = 72
# The largest page side Acrobat and the PDF standard allow (200 inches); a longer picture's
# page is scaled down, whole, to it (a 200 x 16,384 strip: 175.8 x 14,400 pt).
MAX_PAGE_POINTS = 14_400


def pdf_page(width: int, height: int) -> tuple[float, float]:
    """A PDF's page in points for a `width` x `height` picture: a point a pixel, both sides
    scaled alike where the longer would pass MAX_PAGE_POINTS."""
    scale = min(1.0, MAX_PAGE_POINTS / max(width, height))
    return width * scale, height * scale


def _placed(fmt: str, width: int, height: int) -> dict:
    """savefig's arguments that give the file its size on a page (PLACED_DPI, `pdf_page`)
    and, for an SVG or a PDF, our writer."""
    if fmt == "png":
        return {"pil_kwargs": {"dpi": (PLACED_DPI, PLACED_DPI)}}
    if fmt == "pdf":
        return {"backend": PDF_BACKEND, "page": pdf_page(width, height)}
    return {"backend": svg_backend()}


# An SVG root's size as matplotlib writes it: points, 72 to the figure's inch.
_ROOT_SIZE = re.compile(r'width="[0-9.]+pt" height="[0-9.]+pt"')


def in_pixels(svg: str, width: int, height: int) -> str:
    """The picture's size in CSS pixels, the size asked for (`--size 1920x1080`): in points,
    a browser or a CasparCG template placed an HD graphic as 1843 x 1037 (96 pixels to the
    inch, where the figure has its own dpi) and a 300 x 200 one as 480 x 320. The viewBox
    keeps the drawing's own units, so only its scale on the page changes."""
    return _ROOT_SIZE.sub(f'width="{width}px" height="{height}px"', svg, count=1)


MAX_PAGES = 50  # continuation pages at most (and the stale ones looked for beyond the last)


class TooManyPages(KnownError, ValueError):
    """A list that would take more than MAX_PAGES graphics at the size asked for: 50 were
    written, the last saying "continued on the next graphic", and the rest never were."""


def page_path(path: str | Path, page: int) -> Path:
    """Where page `page` (1 = the first) of a graphic goes: `recounts.png` itself, then
    `recounts-2.png`, `recounts-3.png`... beside it."""
    path = Path(path)
    return path if page <= 1 else path.with_name(f"{path.stem}-{page}{path.suffix}")


def render_pages(chart: Chart, path: str | Path, size: str | tuple[int, int] = "hd", *,
                 transparent: bool = False, clear_later: bool = True) -> list[Path]:
    """Write `chart` as `render` does; a list longer than one graphic (the recount watch)
    continues on `page_path(path, 2)`, `page_path(path, 3)`... each page as many rows as
    fit at `size`. For such a chart, with `clear_later`, continuation pages left from an
    earlier, longer list are removed, so a folder never holds a stale page 2 beside a new
    page 1 (other graphics never touch a neighbour's file); without it (the watch folder,
    which removes only the pages its list says it wrote) none is. Returns the pages
    written."""
    path = Path(path)
    written: list[Path] = []
    if not chart.PAGED:
        return [render(chart, path, size, transparent=transparent)]
    width, height = parse_size(size)
    chart.set_paging(True, grown=shape_growth(width, height, chart.theme))
    try:
        per_page = _png_pages(chart, size)
        needed = -(-len(chart.listed()) // max(1, per_page[0]))
        if needed > MAX_PAGES:  # refused before any is written: never a list cut short
            raise TooManyPages(f"the list needs {needed:,} pages at {width}×{height} (at "
                               f"most {MAX_PAGES}): choose a larger size")
        if format_of(path) != "png":
            chart.pin_pages(per_page)
    except BaseException:
        chart.set_paging(False)
        raise
    try:
        while True:
            written.append(render(chart, page_path(path, len(written) + 1), size,
                                  transparent=transparent))
            if not chart.more_pages() or len(written) >= MAX_PAGES:
                break
            chart.next_page()
    finally:
        chart.set_paging(False)
    if clear_later:  # with the new pages, if they are held back (`export all`)
        for n in range(len(written) + 1, MAX_PAGES + 1):
            later = page_path(path, n)
            if later.is_file() and made_here(later):  # never another's night-2.png
                remove_with_set(later)
    return written


def _png_pages(chart: Chart, size: str | tuple[int, int]) -> tuple[int, float]:
    """Page one's rows and type scale as the PNG of `size` lays them out (Agg at the
    export's dpi). An SVG or PDF is laid out at 72 dpi with unhinted type, a hair taller:
    the seat changes at HD went on two pages there (7 and 6) and on one in the PNG, and
    a graphics system taking SVG got other pages than one taking PNG."""
    with at_size(chart, size), rc_set(EXPORT_RC):
        chart.figure.draw_without_rendering()
    return chart._per_page or (max(1, chart.shown), 1.0)


@contextmanager
def at_size(chart: Chart, size: str | tuple[int, int]) -> Iterator[float]:
    """The chart's figure sized (inches and dpi) as `render` draws it at `size`; yields the
    dpi. Its own size (on screen) comes back after."""
    width, height = parse_size(size)
    dpi = export_dpi(width, height, chart.theme)
    fig = chart.figure
    old_size, old_dpi = fig.get_size_inches().copy(), fig.dpi
    try:
        fig.set_dpi(dpi)
        # A hair over the exact size, so width / dpi * dpi never truncates a pixel short.
        fig.set_size_inches((width + 1e-3) / dpi, (height + 1e-3) / dpi, forward=False)
        yield dpi
    finally:
        fig.set_dpi(old_dpi)
        fig.set_size_inches(*old_size, forward=False)
        chart._layout_key = None
        fig.stale = True


# Each graphic says it is ours (PNG's Software, SVG's and PDF's Creator), without a version:
# what tells a page an earlier export left (removed when the list got shorter) from a file
# of someone else's that happens to be named like one (`clear_later`).
MAKER = "ResultsDesk"
# How far into a PNG or an SVG the maker is looked for (their metadata comes first); a
# PDF's is near its end, and the whole of one is read.
_MAKER_WITHIN = 64 * 1024


def _metadata(fmt: str) -> dict:
    """No creation dates: the same figures give the same file, byte for byte."""
    if fmt == "pdf":
        return {"CreationDate": None, "Producer": None, "Creator": MAKER}
    if fmt == "svg":
        return {"Date": None, "Creator": MAKER}
    return {"Software": MAKER}


def made_here(path: Path) -> bool:
    """Whether the file at `path` is a graphic this app wrote (its maker says so)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAKER_WITHIN if path.suffix.lower() != ".pdf" else -1)
    except OSError:
        return False
    return MAKER.encode() in head


# Text as outlines (a picture never depends on the viewer's fonts), fonts embedded whole
# in a PDF, and the SVG's ids from a fixed salt: the same figures give the same file.
EXPORT_RC = {"svg.fonttype": "path", "svg.hashsalt": "resultsdesk", "pdf.fonttype": 42}


@contextmanager
def _transparent_boxes(chart: Chart, transparent: bool) -> Iterator[None]:
    """With a transparent background, label boxes painted in the background colour (to
    mask a line behind a label) go transparent too, else they show as patches; and the
    chart draws for an overlay (`Chart.set_see_through`)."""
    changed = []
    if transparent:
        chart.set_see_through(True)
        bg = to_rgba(chart.theme.background)
        for t in chart.figure.findobj(lambda a: hasattr(a, "get_bbox_patch")):
            box = t.get_bbox_patch()
            if box is not None and to_rgba(box.get_facecolor()) == bg:
                changed.append((box, box.get_facecolor()))
                box.set_facecolor("none")
    try:
        yield
    finally:
        for box, face in changed:
            box.set_facecolor(face)
        if transparent:
            chart.set_see_through(False)
