"""The one rule for who a graphic names and who is "Others" (`domain.others`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.domain.others import DEFAULT_NAMED, Standing, name_parties

# The 2024 general election (seats, votes), as the HoC Library has it.
GE2024 = {"Lab": (411, 9_708_716), "Con": (121, 6_828_925), "LD": (72, 3_519_143),
          "SNP": (9, 724_758), "SF": (7, 210_891), "Ind": (6, 564_243),
          "RUK": (5, 4_117_610), "DUP": (5, 172_058), "Green": (4, 1_943_258),
          "PC": (4, 194_811), "SDLP": (2, 86_861), "APNI": (1, 117_191),
          "UUP": (1, 94_779), "TUV": (1, 48_685), "Spk": (1, 25_238),
          "WPB": (0, 210_194), "Yorks": (0, 17_227)}


def test_2024_default_names_every_party_with_four_seats_or_more():
    named = name_parties(GE2024)
    assert named.names == ("Lab", "Con", "LD", "SNP", "SF", "Ind", "RUK", "DUP", "Green",
                           "PC")
    assert named.other_names == ("SDLP", "APNI", "UUP", "TUV", "Spk", "WPB", "Yorks")
    assert len(named.names) == DEFAULT_NAMED


def test_seats_then_votes_never_hides_reform_behind_the_dup():
    named = name_parties(GE2024, n=7)
    assert "RUK" in named.names and "DUP" in named.other_names  # 5 seats each: votes decide


def test_tie_in_seats_and_votes_breaks_by_abbreviation_stably():
    standings = [Standing("B", 3, 100), Standing("A", 3, 100), Standing("C", 1, 5),
                 Standing("D", 1, 5)]
    assert name_parties(standings, n=1).names == ("A",)
    assert name_parties(list(reversed(standings)), n=1).names == ("A",)


def test_zero_seats_rank_after_every_seat_by_votes_and_empty_parties_are_left_out():
    named = name_parties({"Big": (0, 9_000_000), "Tiny": (1, 10), "Nobody": (0, 0),
                          "Mid": (0, 50_000), "Low": (0, 40)}, n=2)
    assert named.names == ("Tiny", "Big")
    assert named.other_names == ("Mid", "Low")
    assert "Nobody" not in named.names + named.other_names


def test_an_others_of_one_party_is_that_party_named():
    named = name_parties({"A": (3, 0), "B": (2, 0), "C": (1, 0)}, n=2)
    assert named.names == ("A", "B", "C") and named.others == ()
    named = name_parties({"A": (3, 0), "B": (2, 0), "C": (1, 0), "D": (1, 0)}, n=2)
    assert named.names == ("A", "B") and named.other_names == ("C", "D")


def test_entries_for_one_party_add_up_and_n_below_one_counts_as_one():
    named = name_parties([Standing("A", 1, 5), Standing("A", 2, 5), Standing("B", 2, 1),
                          Standing("C", 1, 1)], n=0)
    assert named.named == (Standing("A", 3, 10),)
    assert named.label("B") == "Others" and named.label("A") == "A"


standings = st.lists(st.builds(Standing, st.sampled_from("ABCDEFGHIJKLMNOP"),
                               st.integers(0, 30), st.integers(0, 10_000)), max_size=30)


@given(standings, st.integers(-2, 20))
def test_never_folds_a_party_while_one_with_fewer_seats_is_named(items, n):
    named = name_parties(items, n)
    for other in named.others:
        assert all(s.seats >= other.seats for s in named.named)
        assert all((s.seats, s.votes) >= (other.seats, other.votes) for s in named.named)
    assert not set(named.names) & set(named.other_names)
    assert len(named.names) <= max(1, n) or not named.others
    present = {s.party for s in items if s.seats or s.votes}
    assert set(named.names) | set(named.other_names) == present


@given(standings, st.integers(1, 20), st.randoms())
def test_order_of_input_does_not_matter(items, n, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert name_parties(items, n) == name_parties(shuffled, n)
