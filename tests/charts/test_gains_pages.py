"""The seat changes continue on further graphics when they do not fit one, as the recount
watch does: `gains.png`, `gains-2.png`, each saying which changes it shows.

Found in the eighteenth session: a short gains graphic said "and 9 more changes" and the
nine were on no graphic at all; a graphics system had no way to show them."""

from __future__ import annotations

from PIL import Image

from resultsdesk.charts.export import at_size
from resultsdesk.desk import graphics
from resultsdesk.desk.publishing import PublishSettings, publish


def _page_texts(chart) -> list[str]:
    return [f"{f.from_party}>{f.to_party} {f.seats}" for f in chart.page()[:chart.shown]]


def test_a_short_picture_continues_on_a_second_page(night_store, tmp_path):
    out = tmp_path / "gains.png"
    written = graphics.export_pages(night_store, "gains", out, size="1280x300")
    assert [p.name for p in written] == ["gains.png", "gains-2.png"]
    assert all(Image.open(p).size == (1280, 300) for p in written)
    # every change on exactly one page, largest first, pages alike give or take one
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("gains", night, night_store)
    chart.set_paging(True)
    pages = []
    while True:
        with at_size(chart, (1280, 300)):  # as the export draws it
            chart.figure.canvas.draw()
            pages.append(_page_texts(chart))
        assert chart.more.get_text().startswith(
            f"Changes {sum(map(len, pages)) - len(pages[-1]) + 1}\u2013")
        if not chart.more_pages():
            break
        chart.next_page()
    flows = [f"{f.from_party}>{f.to_party} {f.seats}" for f in chart.flows]
    assert [t for page in pages for t in page] == flows and len(pages) == 2
    assert abs(len(pages[0]) - len(pages[1])) <= 1
    assert chart.more.get_text() == f"Changes {len(pages[0]) + 1}\u2013{len(flows)} of " \
                                    f"{len(flows)}"
    chart.set_paging(False)  # on screen: one picture, and how many more
    with at_size(chart, (1280, 300)):
        chart.figure.canvas.draw()
    assert chart.more.get_text().startswith("and ")


def test_the_watch_folder_takes_a_page_back_once_the_list_fits(night_store, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    short = PublishSettings(folder, kinds=("gains",), size="1280x300")
    publish(night_store, short, None)
    assert (folder / "gains-2.png").exists()
    publish(night_store, PublishSettings(folder, kinds=("gains",), size="hd"), None)
    assert (folder / "gains.png").exists() and not (folder / "gains-2.png").exists()
