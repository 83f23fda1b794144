"""Records behave as the dataclasses they replace: the same class declared both ways gives
the same construction, defaults, repr, equality, hashing, refusals, copies and dict."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from resultsdesk.domain.model import BaselineSeat, CandidateVotes, Figures, SeatResult, Status
from resultsdesk.domain.records import (
    FIELDS,
    FrozenInstanceError,
    as_dict,
    factory,
    record,
    replace,
)
from resultsdesk.domain.summary import NationalSummary, RecountEntry
from resultsdesk.domain.timeline import MajorityReached


@record
class Line:
    name: str
    votes: int = 0
    extra: dict[str, int] = factory(dict)

    @property
    def doubled(self) -> int:
        return 2 * self.votes


@dataclasses.dataclass(frozen=True, slots=True)
class DataLine:
    name: str
    votes: int = 0
    extra: dict[str, int] = dataclasses.field(default_factory=dict)


@record(frozen=False)
class Tally:
    name: str
    lines: list[Line] = factory(list)


def test_construction_defaults_and_properties():
    assert Line("a").votes == 0 and Line("a", 3).doubled == 6
    assert Line(name="a", votes=2, extra={"x": 1}).extra == {"x": 1}
    assert Line("a").extra is not Line("a").extra  # a fresh default each time
    with pytest.raises(TypeError):
        Line()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Line("a", 1, {}, 4)  # type: ignore[call-arg]
    assert Line.__match_args__ == ("name", "votes", "extra") == getattr(Line, FIELDS)
    assert Line.__slots__ == ("name", "votes", "extra") and not hasattr(Line("a"), "__dict__")


def test_repr_equality_and_hash_as_a_dataclass():
    ours, theirs = Line("a", 2), DataLine("a", 2)
    assert repr(ours).removeprefix("Line") == repr(theirs).removeprefix("DataLine")
    assert Line("a", 2) == Line("a", 2) and Line("a", 2) != Line("a", 3)
    assert ours != theirs  # another class, as dataclasses compare
    assert hash(CandidateVotes("x", "Lab", 5)) == hash(("x", "Lab", 5))
    assert len({CandidateVotes("x", "Lab", 5), CandidateVotes("x", "Lab", 5)}) == 1
    with pytest.raises(TypeError):
        hash(Line("a"))  # a dict field: unhashable, as with a dataclass
    with pytest.raises(TypeError):
        hash(Tally("t"))  # not frozen: compared by value, so not hashable


def test_frozen_refuses_changes_and_mutable_accepts_them():
    line = Line("a")
    with pytest.raises(FrozenInstanceError):
        line.votes = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del line.name  # type: ignore[misc]
    tally = Tally("t")
    tally.lines = [line]
    assert tally.lines == [line]


def test_copies_and_pickles_keep_the_fields():
    seat = SeatResult("E1", "Hendon", (CandidateVotes("x", "Lab", 5),), status=Status.VERIFIED)
    for twin in (copy.copy(seat), copy.deepcopy(seat), pickle.loads(pickle.dumps(seat))):
        assert twin == seat and twin is not seat
    baseline = BaselineSeat("E1", {"Lab": 3}, "Lab")
    assert pickle.loads(pickle.dumps(baseline)) == baseline


def test_as_dict_is_asdict():
    tally = Tally("t", [Line("a", 1, {"k": 2})])
    assert as_dict(tally) == {"name": "t", "lines": [{"name": "a", "votes": 1,
                                                      "extra": {"k": 2}}]}
    summary = NationalSummary("GE", 650, 326, 1, seats={"Lab": 1},
                              recount_watch=[RecountEntry("E1", "Hendon", "Lab", "Con", 15,
                                                          0.03)],
                              majority_reached=MajorityReached("Lab", "2024-07-05T04:00"))
    got = summary.to_json_dict()
    assert got["recount_watch"] == [{"code": "E1", "constituency": "Hendon",
                                     "winner_party": "Lab", "runner_up_party": "Con",
                                     "majority": 15, "majority_pct": 0.03}]
    assert got["majority_reached"] == {"party": "Lab", "at": "2024-07-05T04:00"}
    # every field but the line its shares were written against, whether there was a
    # baseline and how many seats it lacks (README's shape is fixed)
    assert list(got) == [f for f in getattr(NationalSummary, FIELDS)
                         if f not in ("recount_line", "has_baseline", "not_in_baseline")]
    assert got["seats"] is not summary.seats  # copied, as asdict copies


def test_figures_stay_a_dataclass_reachable_from_the_model():
    figures = Figures([1, 2], invalid=3)
    assert dataclasses.replace(figures, electorate=9) == Figures((1, 2), 3, None, 9)


def test_replace_is_dataclasses_replace():
    @record
    class Bar:
        party: str
        seats: int = 0
        extra: dict = factory(dict)

    bar = Bar("Lab", 3)
    moved = replace(bar, seats=4)
    assert moved == Bar("Lab", 4) and bar == Bar("Lab", 3)
    assert moved.extra is bar.extra  # fields not changed are the same objects, as there
    with pytest.raises(TypeError):
        replace(bar, no_such_field=1)
    figures = Figures([1, 2], invalid=3)  # a dataclass: handed to dataclasses.replace
    assert replace(figures, electorate=9) == dataclasses.replace(figures, electorate=9)
