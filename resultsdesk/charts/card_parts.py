"""Parts of a result card worked out apart from its drawing: the figures under its table,
and how many of its rows fit the room it has (`card.ResultCardChart`)."""

from __future__ import annotations

from ..domain.signed import signed_decimal
from ..domain.tally import result_label
from ..domain.wording import majority_share
from ._panel import pct
from ._text import named
from .data import ResultCardData
from .theme import Theme, contrast_ratio, mix


def result_text(data: ResultCardData) -> str:
    """The card's result line: `data.result`, its parties isolated (`_text.named`) where it
    is the one `tally.result_label` says of them. Bare, a party written right to left
    first made the whole line read right to left: "<A> gain from <B>" drew as "<B> gain
    from <A>", the wrong way round on air."""
    winner, before = data.winner, data.baseline_winner
    if winner is None or data.result != result_label(winner, before):
        return data.result  # awaited, tied, or said otherwise
    return result_label(named(winner), None if before is None else named(before))


def card_stats(data: ResultCardData, declared: bool) -> list[tuple[str, str, str]]:
    """(caption, value, detail) under the table: majority, turnout, swing, electorate."""
    stats: list[tuple[str, str, str]] = []
    if data.majority is not None and not data.tie and declared:
        share = data.majority_pct
        detail = ["" if share is None else majority_share(share, data.recount_line)]
        if data.by_lot:
            detail = ["winner drawn by lot"]
        if data.recounts:
            detail.append(f"after {data.recounts} recount"
                          + ("s" if data.recounts > 1 else ""))
        stats.append(("Majority", f"{data.majority:,}",
                      " \u00b7 ".join(d for d in detail if d)))
    elif data.unopposed and declared:
        stats.append(("Majority", "none", "returned unopposed"))
    if data.turnout is not None:
        stats.append(("Turnout", pct(data.turnout), "" if data.turnout_change is None
                      else f"{signed_decimal(data.turnout_change)} pts"))
    if data.swing is not None and data.swing_from and data.swing_to:
        stats.append(("Swing", f"{data.swing:.1f} pts",
                      f"{named(data.swing_from)} to {named(data.swing_to)}"))
    if data.electorate:
        stats.append(("Electorate", f"{data.electorate:,}", ""))
    return stats


def rows_need(s: dict) -> float:
    """What a measured card needs without the figures under its table (they give way
    first, in `_layout_body`)."""
    return s["need"] - (s["gap"] * 1.5 + s["stats_h"] if s["stats_h"] else 0.0)


def shown_rows(s: dict, n: int, avail: float, under: float) -> int:
    """How many of `n` rows fit `avail` with `under` pixels below them (the rest fold)."""
    shown = n
    while shown > 1 and rows_need(s) + under - (n - shown) * s["row_h"] > avail:
        shown -= 1
    return shown


def winner_tint(colour, theme: Theme) -> tuple[float, float, float, float]:
    """The elected candidate's row: `colour` washed towards the background, as far as
    the row's words (the name and figures in the text colour, the party and the change in
    the muted one) need to read on it (the theme's `min_text`: 4.5:1, but 7:1 on high
    contrast, where SNP's tint washed for 4.5:1 left them at 6.6:1). At the dark theme's
    72 % a pale party's tint was the lightest thing in the row: the muted words stood at
    3.1:1 on SNP yellow."""
    start = 84 if theme.background == "#ffffff" else 72
    for amount in range(start, 100, 2):
        tint = mix(colour, theme.background, amount / 100)
        if min(contrast_ratio(theme.foreground, tint[:3]),
               contrast_ratio(theme.muted, tint[:3])) >= theme.min_text:
            return tint
    return mix(colour, theme.background, 1.0)
