"""A chart's list that continues on further graphics when exported (the recount watch, the
seat changes): on screen, as many rows as fit and "and 3 more"; with paging on
(`charts.export.render_pages`), page after page, each saying which rows it shows."""

from __future__ import annotations

from typing import Any


class PagedList:
    """Mixed into a chart (before its base) whose `listed()` is every row, all pages, and
    whose layout sets `shown`, the rows drawn from `first` (0 but on a continuation page)."""

    PAGED = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.shown = 0
        self.first = 0
        self.paging = False
        self.grown = 1.0  # paged, how much larger the picture's type is for its shape
        self._per_page: tuple[int, float] | None = None  # (rows, type scale) of page one
        self._pinned = False  # page one laid out as `pin_pages` said, not measured here
        super().__init__(*args, **kwargs)

    def listed(self) -> list:
        raise NotImplementedError

    def set_paging(self, on: bool, grown: float = 1.0) -> None:
        self.paging, self.first, self._pinned = on, 0, False
        self.grown = grown if on else 1.0
        if self.data is not None:
            self.update(self.data)  # paged, a page has rows for whatever fits

    def pin_pages(self, per_page: tuple[int, float]) -> None:
        """Page one's rows and type scale as another renderer measured them, for every
        page (as a continuation page takes page one's): an SVG or PDF paged as its PNG is."""
        self._per_page, self._pinned = per_page, True

    def page_one_known(self) -> bool:
        """Whether this page takes page one's rows and type rather than measuring its own:
        a continuation page, or page one pinned (`pin_pages`)."""
        return bool(self.paging and (self.first or self._pinned) and self._per_page)

    def more_pages(self) -> bool:
        return self.paging and self.first + self.shown < len(self.listed())

    def next_page(self) -> None:
        if self.more_pages():
            self.first += max(1, self.shown)
            self.update(self.data)

    def rows_here(self, most: int) -> int:
        """Rows on the page from `first`, when page one has `most`: the list shared out
        over as many pages as that makes, the pages differing by one row at most, the
        longer ones first (69 rows at most 12 a page: 12, 12, 12, 11, 11, 11, where
        taking page one's count for every page made five of 12 and a last of 9)."""
        total = len(self.listed())
        pages = -(-total // max(1, most))
        base, extra = divmod(total, pages)
        return base + 1 if self.first < extra * (base + 1) else base

    def page_note(self, shown: int, one: str, many: str, more: str) -> str:
        """Under the rows: on screen, how many more there are (`more`, with {n}); paged,
        which this page shows ("Seats 1–7 of 13 · continued on the next graphic", or
        "Seat 13 of 13" for `one` alone, never "Seats 13–13")."""
        total, first = len(self.listed()), self.first
        last = first + shown
        if not self.paging:
            return more.format(n=total - shown) if total > shown else ""
        if first == 0 and last >= total:
            return ""
        where = f"{one} {last:,} of {total:,}" if last == first + 1 else \
            f"{many} {first + 1:,}\u2013{last:,} of {total:,}"
        return f"{where} \u00b7 continued on the next graphic" if last < total else where
