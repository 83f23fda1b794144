"""The declaration form's state line, above the ballot paper: what these figures are (a
recount's, a correction's), what they replace, why the seat came back, whose entry a re-key
verifies. Rich text, every name and note in it escaped; built once, when the form opens."""

from __future__ import annotations

from html import escape

from ..desk import declarations as dk
from ..desk.alerts import sent_back_by
from ..desk.session import Desk
from ..desk.sheets import SeatSheet
from ..domain.model import DeclarationKind, DeclarationStatus
from .form_checks import Mode
from .style import alert_html, lines_html


def state_text(desk: Desk, s: SeatSheet, mode: Mode) -> str:
    bits = []
    if s.recount_under_way:
        # A correction is of the verified count, the recount's figures come on their own
        correcting = mode is Mode.CORRECT or (
            mode is Mode.REKEY and s.pending is not None
            and s.pending.kind is DeclarationKind.CORRECTION)
        bits.append(f"{alert_html('RECOUNT UNDER WAY')}: " + (
            f"these figures correct the verified count, not recount {s.current_count}'s"
            if correcting else f"these figures are recount {s.current_count}"))
    if mode in (Mode.ENTER, Mode.CORRECT) and s.pending:  # (a correction: its author's)
        bits.append(f"Replaces provisional version {s.pending.version} "
                    f"({s.pending.kind}) by {escape(s.pending.entered_by)}")
    latest = s.versions[-1] if s.versions else None
    if (mode is Mode.ENTER and not s.pending and latest is not None
            and latest.status is DeclarationStatus.REJECTED):
        # Why it came back, where the figures are keyed again (before, only History said
        # it): a verifier's comment is for whoever keys the seat next, and who sent it back
        # is whom to ask what the comment means.
        who = sent_back_by(desk, s.code, latest.version)
        by = f" by {escape(who)}" if who else ""
        bits.append(f"Version {latest.version} by {escape(latest.entered_by)} was sent "
                    f"back{by}: “{lines_html(latest.note or '')}” — key the figures again "
                    "from the returning officer's sheet")
    if mode is Mode.CORRECT and s.verified:
        bits.append(f"Correcting verified version {s.verified.version}: the verified "
                    "figures stay on air until a second person verifies the correction")
    if mode is Mode.REKEY and s.pending:
        # Who entered it and when, nothing more: the verifier never sees the figures, nor a
        # correction's reason (it can quote them).
        p = s.pending
        bits.append(f"Version {p.version} ({p.kind}) entered by <b>{escape(p.entered_by)}</b> "
                    f"at {dk.local_time(p.entered_at)} — type every figure again without "
                    "looking at the first entry")
    return "<br>".join(bits) or "Awaiting declaration: type each candidate's votes."
