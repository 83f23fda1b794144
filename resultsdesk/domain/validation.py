"""Checks on a declaration's figures as typed: errors stop a save, warnings need an override.

Pure functions so the entry form (live, on every keystroke), the desk use cases and the
command line all apply exactly the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from enum import StrEnum

from . import tally
from .model import CandidateVotes
from .records import record
from .wording import majority_share

LOW_TURNOUT_PCT = 25.0
HIGH_TURNOUT_PCT = 95.0
# The largest figure a count may hold: what a PostgreSQL `integer` column holds (and what
# the file's columns are kept to, so a file and a server hold the same figures). A larger
# one is a slip (a figure pasted twice, a phone number), refused as a figure rather than
# failing at the server as "integer out of range".
MAX_FIGURE = 2_147_483_647
TOO_LARGE = f"is more than {MAX_FIGURE:,}, the largest figure a count may hold"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class WarningCode(StrEnum):
    """What a desk may accept (override) rather than correct, by the code the audit log
    records; every front end offers exactly these."""

    LOW_TURNOUT = "low_turnout"
    HIGH_TURNOUT = "high_turnout"
    ZERO_VOTES = "zero_votes"
    RECOUNT_RANGE = "recount_range"
    TIE = "tie"


WARNING_CODES: tuple[str, ...] = tuple(code.value for code in WarningCode)
# Each warning as people read it where a list of accepted ones is shown (the History
# dialog); the code is what the audit log records and the command line takes.
WARNING_NAMES: dict[str, str] = {
    WarningCode.LOW_TURNOUT: "low turnout", WarningCode.HIGH_TURNOUT: "high turnout",
    WarningCode.ZERO_VOTES: "a candidate on 0 votes",
    WarningCode.RECOUNT_RANGE: "majority in recount range", WarningCode.TIE: "a tie",
}


def warning_names(codes: list[str] | tuple[str, ...]) -> str:
    """"majority in recount range, a tie": accepted warnings in words (an unknown code, from
    a newer ResultsDesk, as it is)."""
    return ", ".join(WARNING_NAMES.get(code, code) for code in codes)


@record
class Problem:
    code: str  # stable identifier: overrides are recorded by it
    field: str  # "votes:<index>", "invalid", "total", "electorate" or "" for the whole form
    message: str
    severity: Severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


# What may separate thousands in a typed count: a comma, or a space (plain, no-break,
# narrow no-break, thin or figure space, as a copied figure may have it: the spaces the
# import reads as spaces, `io.csvfile.clean_text`). A thin space pasted from a typeset
# email ("17\u2009838") was refused as "'17 838' is not a whole number", a figure that read
# exactly as one typed with a plain space, which is taken.
_OTHER_SPACES = ("\u00a0", "\u202f", "\u2009", "\u2007")
_THOUSANDS_SEPARATORS = (",", " ", *_OTHER_SPACES)
# Each of those spaces read as a plain one, as the import does: an email mixes them ("1 234"
# then a no-break space before "567"), and two kinds in one figure were refused as "more
# than 2,147,483,647", a figure that reads as 1,234,567 to whoever pasted it.
_AS_SPACE = str.maketrans(dict.fromkeys(_OTHER_SPACES, " "))
_MAX_DIGITS = 12
# "17.838": 17838 with a dot between thousands, as much of Europe writes it, or a decimal.
# Never guessed, and said so (as the import does), rather than "is not a whole number".
# (A first group starting with 0, "0.838", is a fraction: no thousands to ask about.)
_DOT_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def parse_count(text: str) -> int | None:
    """A typed whole number ("12,345" and "12 345" allowed); None when it is not one.

    A separator must separate thousands: "12,5" or "1,23,456" is a mis-key (a digit lost or
    a comma in the wrong place), not 125 or 123456; the import refuses the same figures
    (`io.csvfile.parse_whole_number`)."""
    text = text.strip().translate(_AS_SPACE)
    if text.isdigit() and text.isascii():
        digits = text
    else:
        groups = _thousands_groups(text)
        if groups is None:
            return None
        digits = "".join(groups)
    # Leading zeros are no size: "0000000000001" is 1, not a figure too large. Converted
    # without them: Python refuses a string of over 4,300 digits, zeros too, and a field
    # of them (a key held down) raised on every keystroke, Save doing nothing.
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= _MAX_DIGITS else None


def count_refusal(text: str) -> str | None:
    """Why typed `text` is not a count as the declaration form reads one (`parse_count`),
    worded to follow the quoted text ("'12,5' has a comma ..."), or None when it is one."""
    count = parse_count(text)
    if count is not None:
        return TOO_LARGE if count > MAX_FIGURE else None
    if misplaced_separator(text):
        return "has a comma or space that does not separate thousands: check the figure"
    digits = "".join(c for c in text.strip() if c not in _THOUSANDS_SEPARATORS)
    if digits.isdigit() and digits.isascii():  # more digits than any count has
        return TOO_LARGE
    sign, rest = digits[:1], text.strip()[1:]
    if sign in ("-", "\u2212") and rest[:1].isdigit() and parse_count(rest):
        # "-5" is a whole number all the same ("-0" is not below zero, "-1,00" a mis-key)
        return "is below zero: a count is 0 or more"
    if _DOT_THOUSANDS.fullmatch(text.strip()):
        whole = text.strip().replace(".", "")
        return (f"could be {whole} (a dot between thousands) or {text.strip()} (a decimal "
                "point): type the count without the dot" if text.count(".") == 1 else
                f"could be {whole} (dots between thousands): type the count without them")
    return "is not a whole number"


def read_count(text: str) -> int:
    """`text` as a count, or ValueError saying why it is not one (`count_refusal`)."""
    why = count_refusal(text)
    if why is not None:
        raise ValueError(f"'{text.strip()}' {why}")
    return int(parse_count(text) or 0)


# What no title holds, by Unicode category: control characters (ESC starts a sequence that
# recolours or clears a terminal), format characters (U+202E turns a title on air and in
# the audit trail around; zero-width ones hide in it), line separators and lone surrogates.
_NOT_IN_TITLES = {"Cc": "a control character", "Cf": "an invisible formatting character",
                  "Zl": "a line separator", "Zp": "a paragraph separator",
                  "Cs": "a lone surrogate"}


def title_problem(text: str) -> str | None:
    """Why `text` cannot name an election or a baseline (worded to follow "The name"), or
    None. The name heads every graphic, the window and the audit trail: one line of
    visible characters."""
    if not text.strip():
        return "is empty"
    if len(text) > MAX_TITLE_LENGTH:
        return (f"is {len(text):,} characters long: a name is at most {MAX_TITLE_LENGTH}, "
                "what a graphic's heading can show")
    for char in text:
        what = _NOT_IN_TITLES.get(unicodedata.category(char))
        if what is not None:
            return (f"holds {what} (U+{ord(char):04X}), which no name has: type the name "
                    "again without it")
    if not any(_shows(char) for char in text):
        return "shows nothing: every character in it is blank or invisible"
    return None


# The longest election or baseline name: it heads every graphic and the window's title.
MAX_TITLE_LENGTH = 200


def title_from(text: str, fallback: str) -> str:
    """A name nobody typed, made of `text` (a file's name: a baseline or a rehearsal named
    after its file): what `title_problem` refuses left out, spaces run together, cut to
    MAX_TITLE_LENGTH; `fallback` if nothing of it shows. Refused as a typed name is, it
    said "type the name again" where no name could be typed (`rehearse`, File > Import)."""
    kept = "".join(c for c in text if unicodedata.category(c) not in _NOT_IN_TITLES)
    kept = " ".join(kept.split())
    if len(kept) > MAX_TITLE_LENGTH:
        kept = kept[:MAX_TITLE_LENGTH - 1].rstrip() + "…"
    return kept if title_problem(kept) is None else fallback


# Letters that draw as nothing (Hangul fillers, the blank Braille pattern), as spaces do.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _shows(char: str) -> bool:
    """Whether `char` draws something: not a space, a mark alone (U+034F combines with
    nothing) or a blank letter."""
    return not (char.isspace() or char in _BLANK_LETTERS
                or unicodedata.category(char) in ("Mn", "Me", "Zs"))


def misplaced_separator(text: str) -> bool:
    """Whether `text` would be a count but for where its commas or spaces stand ("12,5",
    "1,23,456", "1,234 567"): the form then says so rather than only "not a whole number"
    (or, of a comma and a space in one figure, "more than 2,147,483,647")."""
    text = text.strip().translate(_AS_SPACE)
    if "," not in text and " " not in text:
        return False
    bare = text.replace(",", "").replace(" ", "")
    return bare.isdigit() and bare.isascii() and _thousands_groups(text) is None


def _thousands_groups(text: str) -> list[str] | None:
    """The digit groups of `text` split at its one kind of thousands separator: the first
    of one to three digits, each after it of exactly three; None if it is not so."""
    used = [s for s in _THOUSANDS_SEPARATORS if s in text]
    if len(used) != 1:
        return None
    groups = text.split(used[0])
    if not all(g.isdigit() and g.isascii() for g in groups):
        return None
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return groups


def check_figures(
    candidates: Sequence[CandidateVotes],
    *,
    invalid_votes: int | None,
    electorate: int | None,
    total_as_read: int | None = None,
    thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
) -> list[Problem]:
    """Everything wrong or unusual about complete figures, errors first (warnings only
    once there is no error)."""
    votes = [c.votes for c in candidates]  # read once (an import checks 650 seats)
    return _errors(candidates, votes, invalid_votes, electorate, total_as_read) or \
        _warnings(candidates, votes, electorate, thresholds)


def _errors(candidates: Sequence[CandidateVotes], votes: list[int], invalid_votes: int | None,
            electorate: int | None, total_as_read: int | None) -> list[Problem]:
    too_large = _too_large(candidates, votes, invalid_votes, electorate, total_as_read)
    if too_large:  # alone: sums and turnouts of such a figure say nothing more
        return too_large
    problems: list[Problem] = []
    if votes and min(votes) < 0:
        problems += [Problem("negative", f"votes:{i}", f"{c.name}: votes cannot be negative",
                             Severity.ERROR) for i, c in enumerate(candidates) if c.votes < 0]
    if invalid_votes is not None and invalid_votes < 0:
        problems.append(Problem("negative", "invalid", "Rejected ballots cannot be negative",
                                Severity.ERROR))
    valid = sum(votes)
    if total_as_read is not None and total_as_read != valid:
        problems.append(Problem(
            "total_mismatch", "total",
            f"The candidates' votes add up to {valid:,}, not the {total_as_read:,} read out",
            Severity.ERROR))
    cast = valid + (invalid_votes or 0)
    if electorate is not None and cast > electorate:
        problems.append(Problem(
            "over_electorate", "electorate",
            f"{cast:,} ballots cast is more than the electorate of {electorate:,}",
            Severity.ERROR))
    if not candidates:
        problems.append(Problem("no_candidates", "", "No candidates are nominated here",
                                Severity.ERROR))
    elif len(candidates) > 1 and valid == 0:
        # A contested seat where nobody got a vote is a keying slip, not a result.
        problems.append(Problem("no_votes", "", "Every candidate has 0 votes: a contested "
                                "seat has votes", Severity.ERROR))
    return problems


def _too_large(candidates: Sequence[CandidateVotes], votes: list[int],
               invalid_votes: int | None, electorate: int | None,
               total_as_read: int | None) -> list[Problem]:
    """Each figure over MAX_FIGURE, named as the form names its field."""
    problems: list[Problem] = []
    if votes and max(votes) > MAX_FIGURE:
        problems += [Problem("too_large", f"votes:{i}", f"{c.name}: {c.votes:,} votes {TOO_LARGE}",
                             Severity.ERROR)
                     for i, c in enumerate(candidates) if c.votes > MAX_FIGURE]
    for field, label, value in (("invalid", "Rejected ballots", invalid_votes),
                                ("total", "Total as read out", total_as_read),
                                ("electorate", "Electorate", electorate)):
        if value is not None and value > MAX_FIGURE:
            problems.append(Problem("too_large", field, f"{label}: {value:,} {TOO_LARGE}",
                                    Severity.ERROR))
    cast = sum(votes) + (invalid_votes or 0)
    if not problems and cast > MAX_FIGURE:  # each figure a count, their sum none (a seat
        # with no electorate recorded has nothing else to stop it)
        problems.append(Problem("too_large", "", f"The ballots cast add up to {cast:,}, "
                                f"{TOO_LARGE.replace('is more', 'more', 1)}", Severity.ERROR))
    return problems


def _warnings(candidates: Sequence[CandidateVotes], votes: list[int], electorate: int | None,
              thresholds: tally.RecountThresholds) -> list[Problem]:
    problems: list[Problem] = []
    valid = sum(votes)
    turnout = tally.turnout_pct(valid, electorate)
    if turnout is not None and turnout < LOW_TURNOUT_PCT:
        problems.append(Problem(WarningCode.LOW_TURNOUT, "electorate",
                                f"Turnout {turnout:.1f}% is below {LOW_TURNOUT_PCT:g}%",
                                Severity.WARNING))
    if turnout is not None and turnout > HIGH_TURNOUT_PCT:
        problems.append(Problem(WarningCode.HIGH_TURNOUT, "electorate",
                                f"Turnout {turnout:.1f}% is above {HIGH_TURNOUT_PCT:g}%",
                                Severity.WARNING))
    if 0 in votes:
        problems += [Problem(WarningCode.ZERO_VOTES, f"votes:{i}", f"{c.name} has 0 votes",
                             Severity.WARNING) for i, c in enumerate(candidates) if c.votes == 0]
    if len(candidates) > 1 and valid > 0:
        problems += _closeness(candidates, thresholds)
    return problems


def _closeness(candidates: Sequence[CandidateVotes],
               thresholds: tally.RecountThresholds) -> list[Problem]:
    """A tie, or a majority in recount range, of a contested seat with votes."""
    standing = tally.standing(candidates)  # the count's order, sorted once
    if standing.tie:
        return [Problem(WarningCode.TIE, "", "A tie for first place: the winner is decided "
                        "by lot", Severity.WARNING)]
    majority = standing.majority
    pct = tally.standing_majority_pct(standing)
    if not thresholds.covers(majority, pct):
        return []
    share = majority_share(pct, thresholds.pct)
    return [Problem(WarningCode.RECOUNT_RANGE, "",
                    f"Majority of {majority:,} ({share}) is in recount range",
                    Severity.WARNING)]


def unresolved(problems: Sequence[Problem], overrides: Sequence[str]) -> list[Problem]:
    """What still stops a save: every error, and every warning not overridden."""
    return [p for p in problems if p.is_error or p.code not in overrides]


FIGURE_FIELDS = ("votes", "invalid", "electorate")
# How a re-key's differences other than a candidate's votes ("votes:<i>") are said, in the
# form, the command line and the audit trail alike.
DIFFERENCE_NAMES = {"invalid": "rejected ballots", "electorate": "the electorate",
                    "tie_winner": "the winner by lot"}


def differences(first: Sequence[int], second: Sequence[int],
                first_invalid: int | None = None, second_invalid: int | None = None, *,
                first_electorate: int | None = None, second_electorate: int | None = None,
                ) -> list[str]:
    """The fields where a blind re-key disagrees with the first entry: "votes:<i>",
    "invalid", "electorate" (it sets the turnout on air: a typo in it is one too)."""
    diffs = [f"votes:{i}" for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if first_invalid != second_invalid:  # a figure left out of the re-key is a difference
        diffs.append("invalid")
    if first_electorate != second_electorate:
        diffs.append("electorate")
    return diffs
