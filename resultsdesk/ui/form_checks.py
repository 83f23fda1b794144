"""What the declaration form's typed figures say: reading them, the shared checks, the live
summary and the warning boxes. A mixin of `DeclarationForm` (kept apart to keep modules short).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from html import escape

from ..desk.failures import one_line, shortened
from ..domain import tally
from ..domain.validation import (
    Problem,
    Severity,
    check_figures,
    count_refusal,
    parse_count,
)
from ..domain.wording import majority_share
from .style import alert_html, colours, warning_style

# What a re-key whose figures tie is told to do: as the lot's row appears (`tell_changes`) and
# at a save refused for it (`FormKeys._lot_not_keyed`), in the same words.
LOT_TO_KEY = ("Your figures tie: key the winner drawn by lot as the sheet gives it (Not drawn "
              "yet if none was), then Enter.")


class Mode(StrEnum):
    ENTER = "enter"  # a new declaration, or the next count of a recount
    CORRECT = "correct"  # a new version of a verified result, with a reason
    REKEY = "rekey"  # blind re-key by a second person: the only way the app verifies


class FormChecks:
    """Needs the form's fields (`vote_edits`, `invalid_edit`, `total_edit`, `electorate_edit`),
    `sheet`, `mode`, the recount thresholds and its labels; see `DeclarationForm._build`."""

    def figures(self) -> tuple[list[int | None], int | None, int | None, int | None]:
        votes = [parse_count(e.text()) if e.text().strip() else None for e in self.vote_edits]
        invalid = parse_count(self.invalid_edit.text())
        total = parse_count(self.total_edit.text()) if self.total_edit.text().strip() else None
        # Left empty, the electorate the form started from, as the desk records it (its
        # placeholder shows it): the turnout said none while the save kept the seat's.
        electorate = parse_count(self.electorate_edit.text()) \
            if self.electorate_edit.text().strip() else self.sheet.prefilled_electorate()
        return votes, invalid, total, electorate

    def _format_problems(self) -> list[Problem]:
        """Checks on what is typed so far: unreadable numbers, then the shared rules."""
        fields = [(f"votes:{i}", e, f"{self.sheet.candidates[i].name}: ")
                  for i, e in enumerate(self.vote_edits)]
        # Each named, as a candidate's is: "'1O0' is not a whole number" said not where.
        fields += [("invalid", self.invalid_edit, "Rejected ballots: "),
                   ("total", self.total_edit, "Total as read out: "),
                   ("electorate", self.electorate_edit, "Electorate: ")]
        return [Problem("not_number", name, whose + _unreadable(e.text()), Severity.ERROR)
                for name, e, whose in fields
                if e.text().strip() and parse_count(e.text()) is None]

    def problems(self) -> list[Problem]:
        problems = self._format_problems()
        if problems:
            return problems
        votes, invalid, total, electorate = self.figures()
        if any(v is None for v in votes):
            return []
        # A verifier's electorate is their own re-key of it, as the keyer's was (the
        # returning officer's, where it differs from the seat's older one it starts from),
        # so ballots over the seat's old electorate do not stop an entry keyed right.
        return check_figures(self.sheet.candidate_votes(votes), invalid_votes=invalid,
                             electorate=electorate, total_as_read=total,
                             thresholds=self.thresholds)

    def overrides(self) -> list[str]:
        return [code for code, box in self.override_boxes.items() if box.isChecked()]

    # --- live summary ------------------------------------------------------------------

    def update_live(self) -> None:
        votes, invalid, _, electorate = self.figures()
        known = [v or 0 for v in votes]
        valid = sum(known)
        for label, v in zip(self.share_labels, votes, strict=True):
            # An empty field has no share yet: "0.0%" read as a candidate on no votes.
            label.setText(f"{tally.percentage(v, valid):.1f}%" if valid and v is not None
                          else "")
        complete = all(v is not None for v in votes)
        parts = [f"Total valid <b>{valid:,}</b>"]
        turnout = tally.turnout_pct(valid, electorate)
        if turnout is not None:
            parts.append(f"turnout <b>{turnout:.1f}%</b>")
        cands = self.sheet.candidate_votes(known)
        if valid and complete:
            if tally.is_tie(cands):
                names = " and ".join(escape(c.name) for c in tally.tied_candidates(cands))
                parts.append(f"{alert_html('TIE')} between {names}")
            else:
                top = tally.ranked(cands)[0]
                maj, pct = tally.majority(cands), tally.majority_pct(cands)
                close = self.thresholds.covers(maj, pct)
                colour = colours().alert if close else colours().verified
                parts.append(f"winner <b>{escape(top.name)} ({escape(top.party)})</b>")
                parts.append(f"majority <b style='color:{colour}'>{maj:,}</b> "
                             f"({majority_share(pct, self.thresholds.pct)})"
                             + (f" {alert_html('RECOUNT RANGE')}" if close else ""))
        elif not complete:
            missing = sum(v is None for v in votes)
            parts.append(f"{missing} candidate{'s' if missing != 1 else ''} still to enter")
        if invalid is not None:
            parts.append(f"rejected {invalid:,}")
        self.live_label.setText(" · ".join(parts))
        self._update_tie_row(known if complete and valid else None)
        self._show_problems(self.problems())
        self._recheck_blocked()

    def _update_tie_row(self, votes: list[int] | None) -> None:
        tied = self.sheet.tied_ids(votes) if votes else set()
        # On a re-key too: the winner drawn is re-keyed blind as the figures are (its note
        # is the entry's, not re-keyed). Shown by the verifier's own figures, never the
        # entry's, so it tells nothing of them.
        show = bool(tied)
        self.tie_note.setVisible(self.mode is not Mode.REKEY)
        if show:
            # The tied candidates themselves, by id, each by their key (the party beside a
            # shared name): by name, a tied candidate's untied namesake was offered too, as
            # a second line just like his, and refused at the save (Mid Buckinghamshire's
            # two Greg Smiths).
            choices = [(key, c.id) for c, key in zip(self.sheet.candidates,
                                                     self.sheet.candidate_keys(), strict=True)
                       if c.id in tied]
            current = [(self.tie_combo.itemText(i), self.tie_combo.itemData(i))
                       for i in range(1, self.tie_combo.count())]
            if current != choices:
                self.tie_combo.clear()
                self.tie_combo.addItem("Not drawn yet", None)
                for key, candidate_id in choices:
                    self.tie_combo.addItem(key, candidate_id)
        if show and not self.tie_row.isVisibleTo(self):
            self._lot_keyed = False  # figures that tie anew: the lot is keyed anew
        self.tie_row.setVisible(show)

    def _show_problems(self, problems: list[Problem]) -> None:
        from .wrap_box import WrappingCheckBox  # (a long warning wraps: see wrap_box)

        if self.mode is Mode.REKEY:
            problems = [p for p in problems if p.is_error]  # the entry's warnings were seen
        self._errors = [p.message for p in problems if p.is_error]
        self.show_errors()
        # One box a code, the tick recorded by it: every warning of that code is said in
        # it. Two candidates on 0 had one box naming the last only ("Ben Rend has 0
        # votes"), whose tick accepted Jane Gibson's 0 as well, never shown to be ticked.
        grouped: dict[str, list[Problem]] = {}
        for p in problems:
            if not p.is_error:
                grouped.setdefault(p.code, []).append(p)
        fields_before = getattr(self, "_warned_fields", {})
        self._warned_fields = {code: {p.field for p in group} for code, group in grouped.items()}
        shown = set()
        for code, group in grouped.items():
            box = self.override_boxes.get(code)
            if box is None:
                box = WrappingCheckBox(self)
                box.setObjectName(f"override_{code}")
                box.setStyleSheet(warning_style())
                box.toggled.connect(self._override_toggled)
                self.override_boxes[code] = box
                self.problems_box.addWidget(box)
                self._apply_tab_order()
            message = "; ".join(p.message for p in group)
            # "&" doubled: a check box's "&" marks its Alt key ("& Co has 0 votes" lost
            # its "&", and Alt+Space ticked the warning)
            box.setText(f"Warning: {message.replace('&', '&&')}. Tick to accept "
                        "(recorded with the entry)")
            box.show()
            shown.add(code)
            # A tick accepts what the box said when ticked: a field warned of since (Pearl
            # then mistyped as 0) is asked about, not saved as accepted under the old tick.
            if box.isChecked() and not self._warned_fields[code] <= fields_before.get(
                    code, self._warned_fields[code]):
                box.setChecked(False)
        for code, box in self.override_boxes.items():
            if code not in shown:
                box.setChecked(False)
                box.hide()


    def show_errors(self) -> None:
        """The errors in the figures as typed, under them, less those the message below
        already says: after a blocked save ("Cannot save yet: …") the same sentence was
        shown twice in red, once bold, read as two things wrong."""
        errors = self._errors_shown()
        # The messages quote what was typed or pasted: text, never markup ('<b>1</b>' read
        # as a bold 1 quoted what nobody typed).
        self.errors_label.setText("<br>".join(f"<b>Error:</b> {escape(m, quote=False)}"
                                              for m in errors))
        self.errors_label.setVisible(bool(errors))

    def _errors_shown(self) -> list[str]:
        """The errors under the figures: those in them less those the message says."""
        said = self.message_label.text()
        return [m for m in getattr(self, "_errors", []) if m not in said]

    def tell_changes(self) -> None:
        """Every message the form shows now, to the live region (`announce.LiveRegion`),
        which says those that are new: the one under the buttons, each error under the
        figures, each warning box. Seen appearing as figures are typed, they were not heard."""
        region = self.live_region
        # A re-key's lot row, come up as its figures tie, with what to do there: it comes
        # after the last field, and the tie's warning that says it on an entry is not shown
        # on a re-key, so it was heard of only at a refused save. Told with the message
        # under the buttons, which may say the same (a refused save, or one followed as
        # typed): said once, whichever says it first.
        lot = (LOT_TO_KEY if self.mode is Mode.REKEY and self.tie_row.isVisibleTo(self)
               and not self._lot_keyed else "")
        region.showing("message", [self.message_label.text(), lot])
        region.showing("errors", [f"Error: {m}" for m in self._errors_shown()])
        # Warnings are looked for only in complete figures with no error (`check_figures`):
        # hidden meanwhile, they were not checked, not put right. The recount range heard,
        # then hidden by the total's first digit, was heard again as the total came right.
        if not getattr(self, "_errors", []) and None not in self.figures()[0]:
            region.showing("warnings", [box.text().replace("&&", "&") for box
                                        in self.override_boxes.values()
                                        if box.isVisibleTo(self)])


def int_or_none(text: str | None) -> int | None:
    """A candidate id kept in a draft as text; None for none or for anything else."""
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _unreadable(text: str) -> str:
    """Why a typed figure is not a count, for the form's message: the words every reader of
    a count uses (`validation.count_refusal`: "'-5' is below zero", the command line's)."""
    return f"{_quoted(text)} {count_refusal(text) or 'is not a whole number'}"


# A figure is at most twelve digits and their separators: anything longer was pasted from
# elsewhere, and quoted whole it made the form wider and taller than the screen.
_LONGEST_QUOTED = 40


def _quoted(text: str) -> str:
    """A typed or pasted figure as the form's one-line message quotes it: an invisible
    character (a zero-width space or a direction mark copied from a web page) by its code,
    where '12,885' was refused for no reason anyone could see; a line break (a column of
    cells pasted) as \\n (`failures.one_line`); a long paste by its start and length."""
    def visible(part: str) -> str:
        return one_line("".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cf"
                                else c for c in part))

    if len(text) > _LONGEST_QUOTED:
        return shortened(visible(text[:20]), len(text))
    return f"'{visible(text)}'"
