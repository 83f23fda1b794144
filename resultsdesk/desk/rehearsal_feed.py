"""What a rehearsal has delivered, whoever delivered it.

Several drivers may step one rehearsal: the `rehearse` command and every window open on the
file (each delivers what is due; a seat goes to whichever gets there first, `rehearsal.step`).
What a driver's own step returns is only its share, so a front end that shows the night as
it arrives (the command's printed read-outs) reads the deliveries from the database instead.
"""

from __future__ import annotations

from ..store import rehearsal as sql
from .rehearsal import Delivery
from .session import Desk


def delivered_after(desk: Desk, position: int) -> list[Delivery]:
    """Every seat delivered after `position` (0: from the first) in the night's order, by
    this driver or another."""
    return [Delivery(r["position"], r["code"], r["name"], r["declared_at"])
            for r in sql.delivered_after(desk, position)]
