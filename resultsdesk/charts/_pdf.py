"""The PDF writer `charts.export` uses: matplotlib's own, on a page of the size asked for.

matplotlib makes a PDF's page the figure's size in inches, 72 points to the inch; an
export's figure is its pixels over the dpi its type needs (`export.export_dpi`), so the
page came out at a size of no meaning to a layout tool (an HD picture 1382.4 x 777.6 pt, a
square one 614.7 pt, a vertical one narrower than HD is tall) and a 200 x 16,384 strip
19,661 pt tall, past the 14,400 pt (200 inches) that Acrobat and the PDF standard allow a
page. Here the figure is drawn exactly as before and the page's whole content scaled, with
one `cm` at the start of its content stream, onto the page `export.pdf_page` gives it.

Used as `savefig(..., backend=export.PDF_BACKEND, page=(width_pt, height_pt))`.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_pdf import FigureCanvasPdf, Op, PdfFile, RendererPdf


class _ScaledPdfFile(PdfFile):
    """A PdfFile whose page is `page` points wide and high, its content scaled onto it.
    (Hatch patterns are placed in the page's own space, so they would not be scaled:
    no export draws one.)"""

    def __init__(self, filename: Any, page: tuple[float, float], scale: float,
                 **kwargs: Any) -> None:
        super().__init__(filename, **kwargs)
        self._page, self._scale = page, scale

    def newPage(self, width: float, height: float) -> None:  # (matplotlib's name)
        page_w, page_h = self._page
        super().newPage(page_w / 72, page_h / 72)  # the MediaBox
        scale = self._scale
        # the renderer and the file's clipping keep working in the figure's own points
        self.width, self.height = width, height
        self.output(scale, 0, 0, scale, 0, 0, Op.concat_matrix)


class FigureCanvas(FigureCanvasPdf):
    """matplotlib's `print_pdf` with the page size given (`page`, in points)."""

    def print_pdf(self, filename: Any, *, page: tuple[float, float] | None = None,
                  bbox_inches_restore: Any = None, metadata: dict | None = None,
                  **_drawn_by_the_figure: Any) -> None:
        # (savefig hands a writer outside matplotlib its dpi and colours too; matplotlib's
        # own takes neither: the figure has them)
        if page is None:
            return super().print_pdf(filename, bbox_inches_restore=bbox_inches_restore,
                                     metadata=metadata)
        dpi = self.figure.dpi
        self.figure.dpi = 72  # there are 72 PDF points to an inch, as in matplotlib's
        width, height = self.figure.get_size_inches()
        # One scale for both sides, so nothing is stretched, from the whole pixels the
        # figure holds: it is a thousandth of a pixel over them (`export.at_size`'s hair),
        # which the page leaves off.
        scale = page[0] / round(width * dpi) * dpi / 72
        file = _ScaledPdfFile(filename, page, scale, metadata=metadata)
        try:
            file.newPage(width, height)
            renderer = MixedModeRenderer(self.figure, width, height, dpi,
                                         RendererPdf(file, dpi, height, width),
                                         bbox_inches_restore=bbox_inches_restore)
            self.figure.draw(renderer)
            renderer.finalize()
            file.finalize()
        finally:
            file.close()
        return None

