"""Who is who: desk user names normalised so one person cannot pass as two.

A name typed at the desk is compared in two ways (`same_person`):
- its **key**: Unicode NFKC, case-folded, with format characters (zero-width space, soft
  hyphen, bidi marks...), other default-ignorable code points, characters drawn as nothing
  (the braille blank) and control characters removed and whitespace collapsed; so `carol`,
  `Carol `, `ｃａｒｏｌ`, `car\\u00adol`, `carol\\u200b` and `José` / `Jose\\u0301` each
  give one key;
- its **skeleton** (Unicode TR 39): every character replaced by the prototype of its
  confusable class, from Unicode's confusables data (via the confusable-homoglyphs package),
  so a Cyrillic `а` (U+0430) or a `1` for an `l` gives the skeleton of the Latin spelling,
  and a dot above an `i` (drawn on its own dot) is no dot.
  Two skeletons are taken, and either matching is enough: one of the key (case folded
  first, then look-alikes mapped) and one with look-alikes mapped first, case kept, on
  the canonically decomposed name (NFD, as TR 39 defines skeleton(X) on NFD(X)), then
  folded and mapped again until nothing changes (`_cased_skeleton`). Mapping first
  matters twice: a capital looks like a capital (the Cyrillic capital Ka folds to a small
  Ka, which is not a k), and NFKC turns some look-alikes into something that looks
  different before they could be mapped (the Greek lunate sigma `ϲ`, a twin of `c`,
  becomes a final sigma `ς`, whose look-alike is an `o`; the long s `ſ`, a twin of `f`,
  an `s`; spacing accents a space and a combining accent). The key keeps what NFKC and
  case folding catch (`ſ` is also `s`, full-width letters, case): equal keys are enough.
  Skeletons are cached: this runs on every verification and every action.

Names that will be recorded (`display_name`) must also be one line of at most
MAX_NAME_LENGTH characters: a line break in a name could forge lines of `history`. And
what is recorded must look like what was typed: a name NFKC would change into another
look (`ϲarol` into `ςarol`, which is no longer carol's twin) is refused, so that recorded
names compare as the names typed did (an open desk compares the recorded ones).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from functools import cache, lru_cache

from .errors import Cause, KnownError

MAX_NAME_LENGTH = 64
# Anything longer is refused before normalising it (NFKC of a huge string costs time).
_MAX_RAW_LENGTH = 1_000
# How much of a refused name is read to print it: all of any name typed or passed on a
# command line (a few milliseconds at most). Cut at _MAX_RAW_LENGTH, a thousand zero-width
# spaces before `bob` printed, and counted failed sign-ins, as `b`.
_MAX_PRINTED_RAW = 200_000

# Characters that end a line somewhere (terminals, CSV readers, Qt labels): refused outright.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties): invisible, so never part of a
# name. Most are format characters (Cf); the rest (combining grapheme joiner, variation
# selectors, Hangul fillers...) are listed because they are not.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Neither format characters nor default-ignorable, but drawn as nothing at all: the braille
# blank by the desk's fonts (every character of DejaVu Sans drawn: it and the object
# replacement character are the only blank glyphs not already ignorable), the object
# replacement character by Qt (it stands for an embedded object, and there is none). `alice⠀`
# passed for someone other than `alice`, verifying her own entry.
_DRAWN_BLANK = frozenset("\u2800\ufffc")
# A dot above on a letter with a dot of its own draws on that dot (Unicode's Soft_Dotted
# letters lose theirs under an accent; a dot above is drawn in its place): `i̇` is `i` on
# screen, and Turkish `İ` case-folds to it. Taken off in the skeleton, after look-alikes are
# mapped (a dotless `ı` and a Cyrillic `і` are `i` by then).
# Marks between the letter and the dot are those drawn below it or through it (combining
# classes other than "above", which canonical order puts first: `ị̇`, a dot below then the
# dot above); `BELOW_OR_THROUGH` as a regular-expression class, the server's too (migrations
# 50 and 61 write the same text).
BELOW_OR_THROUGH = ("\\u0315-\\u033c\\u0345\\u0347-\\u0349\\u034d-\\u034e\\u0353-\\u0356"
                    "\\u0358-\\u035a\\u035c-\\u0362")
_DOT_ON_DOT = re.compile(f"([ij][{BELOW_OR_THROUGH}]*)\u0307")
# Unassigned, private-use and surrogate code points: no case, no decomposition, no look-alike.
_NEVER_CHANGED = frozenset(("Cn", "Co", "Cs"))
# Marks the confusables data wraps around right-to-left characters; not part of them.
_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f")
# Where Unicode's confusables data (as confusable-homoglyphs 3.3 has it) is silent or wrong
# about what the desk's fonts draw. Every character DejaVu Sans draws (the charts' font, and
# the desks' usual interface font on Linux), in each of its four styles, drawn alone: two
# that draw the very same pixels are one person (tests/charts/test_font_look_alikes.py).
# Pairs the data leaves apart, each joining the two classes, the first's prototype kept
# (an ASCII one always): the inverted exclamation mark for an `i` (not pixel for pixel: it
# hangs below the line, but `al¡ce` reads as alice) and the twins that test found.
_MISSING_TWINS = (
    ("i", "\u00a1"),  # INVERTED EXCLAMATION MARK
    ("\u0190", "\ua72a"),  # LATIN CAPITAL LETTER OPEN E, TRESILLO
    ("\u02bc", "\u066c"),  # MODIFIER LETTER APOSTROPHE, ARABIC THOUSANDS SEPARATOR
    ("\u0371", "\u2c76"),  # GREEK SMALL LETTER HETA, LATIN SMALL LETTER HALF H
    ("\u0376", "\u2d4d"),  # GREEK CAPITAL LETTER PAMPHYLIAN DIGAMMA, TIFINAGH LETTER YAL
    ("\u03c9", "\u0461"),  # GREEK SMALL LETTER OMEGA, CYRILLIC SMALL LETTER OMEGA (a `w`)
    ("\u0427", "\ua78d"),  # CYRILLIC CAPITAL LETTER CHE, LATIN CAPITAL LETTER TURNED H
    ("\u0448", "\ua7fa"),  # CYRILLIC SMALL LETTER SHA, LATIN LETTER SMALL CAPITAL TURNED M
)
# A character the data puts in the wrong class: its own prototype replaced, the class it
# leaves keeping its own (`i` and `l` stay apart). The Cyrillic small palochka draws as an
# `l`, pixel for pixel (as its capital `Ӏ`, an `l` in the data); the data makes it an `i`,
# so `aӏice` passed for someone other than `alice`.
_PROTOTYPE_FIXES = {"\u04cf": "l", "\u0237": "j"}  # and the dotless j, with no class: with a
# dot above it is a `j`, as a dotless i with one is an `i`


class InvalidName(KnownError, ValueError):
    """A name that cannot be recorded; the message says why, for the person typing it."""

    cause = Cause.BAD_INPUT


def _ignorable(char: str) -> bool:
    if unicodedata.category(char) == "Cf" or char in _DRAWN_BLANK:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def names_nobody(raw: str) -> bool:
    """Whether `raw`, cleaned (`_clean`), shows nothing of its own: empty, or nothing but
    marks (accents with no letter to sit on, U+0302 alone) and spaces."""
    return not any(not (char.isspace() or unicodedata.category(char) in ("Mn", "Me", "Zs"))
                   for char in _clean(raw))


def _clean(raw: str, form: str = "NFKC") -> str:
    """NFKC (or `form`) with invisible characters dropped, control characters and any
    whitespace turned into single spaces, trimmed. Never raises: used on names already in a
    database too."""
    text = unicodedata.normalize(form, raw or "")
    kept = []
    for char in text:
        if char.isspace() or char in LINE_BREAKS or char == "\t":
            kept.append(" ")
        elif _ignorable(char) or unicodedata.category(char) == "Cc":
            continue
        else:
            kept.append(char)
    # Removing characters can leave something NFKC would change again (e.g. a combining
    # accent that a zero-width space kept from its letter): normalise once more.
    return " ".join(unicodedata.normalize(form, "".join(kept)).split())


def display_name(raw: str) -> str:
    """The form of a name that is recorded and shown: `_clean`, checked.

    Raises InvalidName for an empty name, one with a line break, or one over
    MAX_NAME_LENGTH characters once cleaned.
    """
    raw = raw or ""
    if len(raw) > _MAX_RAW_LENGTH:
        raise InvalidName(f"A name can be at most {MAX_NAME_LENGTH} characters.")
    if any(char in LINE_BREAKS for char in raw):
        raise InvalidName("A name cannot contain a line break: it must be one line.")
    name = _clean(raw)
    if names_nobody(name):
        # Nothing but accents with no letter to sit on (U+0302 alone) passed, and the
        # audit trail said " ̂ marked a recount under way": a name that names nobody, as
        # the titles' rule (`validation.title_problem`) says of such a title.
        raise InvalidName("Say who you are: a name is needed (every change records it).")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidName(f"A name can be at most {MAX_NAME_LENGTH} characters "
                          f"({len(name)} given).")
    # Plain ASCII needs no look-alike check: NFKC and NFD leave it as typed, so the two
    # skeletons compared are of one string. Skipping it keeps Unicode's confusables table
    # (~45 ms to build) off the start of an open desk's window.
    if not raw.isascii() and _cased_skeleton(raw) != _cased_skeleton(name):
        raise InvalidName(_two_faced(raw, name))
    return name


def printable_name(raw: str) -> str:
    """A name `display_name` refuses, as it may still be printed or recorded (a failed
    sign-in names who was claimed): one line, nothing invisible (a bidi override would
    disguise it in the audit trail), at most MAX_NAME_LENGTH characters. NFC, not NFKC:
    it shows what was typed, look-alikes and all."""
    return _clean(str(raw or "")[:_MAX_PRINTED_RAW], "NFC")[:MAX_NAME_LENGTH]


def _two_faced(raw: str, name: str) -> str:
    """Why a name whose recorded (NFKC) form no longer looks like what was typed is refused,
    naming the first character NFKC changes into something that looks different."""
    for char in _clean(raw, "NFD"):
        recorded = unicodedata.normalize("NFKC", char)
        if _cased_skeleton(char) != _cased_skeleton(recorded):
            what = unicodedata.name(char, f"U+{ord(char):04X}")
            return (f"A name cannot hold {char} ({what}): it would be recorded as "
                    f"'{recorded}', which does not look the same. Type the letter you mean.")
    return (f"This name would be recorded as '{name}', which does not look the same as what "
            "was typed. Type the letters you mean.")


def name_key(raw: str) -> str:
    """The normalised form two spellings of one name share: NFKC case-folded `_clean`."""
    # NFKC_Casefold: case folding can undo NFKC (e.g. 'ǅ'), so normalise after it again.
    return unicodedata.normalize("NFKC", _clean(raw).casefold())


def sign_in_key(raw: str) -> str:
    """`name_key` with a dot above on an i or a j taken off, as `skeleton` takes it: the
    name a sign-in, and its count of failures, are of. Turkish `İ` folds to `i` and that
    dot, so the key alone made `İpek` and `ipek` two names: on a Turkish keyboard (Shift+i
    is `İ`) `ilker` typing her name capitalised was an unknown account."""
    return _DOT_ON_DOT.sub(r"\1", name_key(raw))


@cache
def _prototypes() -> dict[str, str]:
    """Each confusable character's prototype: one string per class of look-alikes.

    confusable-homoglyphs keeps Unicode's confusables.txt as a two-way map (each source
    linked to its prototype and back). Its classes are the connected groups; the prototype
    of a group is its multi-character string if it has one (only prototypes are longer
    than one character), else the character linked to all the others, else (a pair) the
    ASCII or lower one. Any fixed choice gives the same answer to "do these look alike".
    Then `_MISSING_TWINS` join classes the data leaves apart, and `_PROTOTYPE_FIXES` move
    a character the data has in the wrong one.
    """
    from confusable_homoglyphs import confusables

    graph: dict[str, set[str]] = {}
    for char, entries in confusables.confusables_data.items():
        a = char.translate(_BIDI_MARKS)
        for entry in entries:
            b = entry["c"].translate(_BIDI_MARKS)
            if a and b and a != b:
                graph.setdefault(a, set()).add(b)
                graph.setdefault(b, set()).add(a)
    prototype: dict[str, str] = {}
    for start in graph:
        if start in prototype:
            continue
        group, queue = {start}, deque([start])
        while queue:
            for other in graph[queue.popleft()]:
                if other not in group:
                    group.add(other)
                    queue.append(other)
        longer = sorted(g for g in group if len(g) > 1)
        if longer:
            chosen = longer[0]
        else:
            chosen = min(group, key=lambda g: (-len(graph[g]), not g.isascii(), g))
        for member in group:
            if len(member) == 1:
                prototype[member] = chosen
    for first, second in _MISSING_TWINS:
        _join(prototype, first, second)
    prototype.update(_PROTOTYPE_FIXES)
    return prototype


def _join(prototype: dict[str, str], first: str, second: str) -> None:
    """One class of `first`'s and `second`'s: every character of the second's takes the
    first's prototype (the second's, if only that one is ASCII)."""
    keep, drop = prototype.get(first, first), prototype.get(second, second)
    if keep == drop:
        return
    if drop.isascii() and not keep.isascii():
        keep, drop = drop, keep
    for char, proto in prototype.items():
        if proto == drop:
            prototype[char] = keep
    for char in (first, second, drop):
        if len(char) == 1 and prototype.get(char, char) == drop:
            prototype[char] = keep


# Names are compared on every verification and checked on every action: the few in use
# are kept, normalised.
@lru_cache(maxsize=4096)
def skeleton(raw: str) -> str:
    """The TR 39 skeleton of a name's key: each character of its decomposed form replaced by
    its prototype, until nothing changes. Between rounds the text is decomposed with
    compatibility mappings and case-folded again: prototypes are not themselves normalised
    (the percent sign's is 'º/₀', the digit 0's a capital 'O'). Then a dot above on an i
    or j, drawn on its own dot, is taken off (`_DOT_ON_DOT`)."""
    prototypes = _prototypes()
    text = name_key(raw)
    for _ in range(5):
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
        mapped = "".join(prototypes.get(char, char) for char in text)
        if mapped == text:
            break
        text = mapped
    return _DOT_ON_DOT.sub(r"\1", text)


@lru_cache(maxsize=4096)
def _cased_skeleton(raw: str) -> str:
    """The skeleton of a name with its look-alikes mapped before case is folded: a capital
    looks like a capital, and folding first loses that (the Cyrillic capital Ka folds to a
    small Ka, which looks like a small capital K and not like a Latin k, so `Кate` would
    pass for someone other than `Kate`). Mapped from the canonically decomposed name (NFD,
    as TR 39 defines the skeleton), not from its NFKC form: NFKC turns some look-alikes
    into letters that look like something else (the Greek lunate sigma `ϲ`, a twin of `c`,
    becomes a final sigma `ς`)."""
    return skeleton(_cased_prototypes(_clean(raw, "NFD")))


def _cased_prototypes(text: str) -> str:
    """Decomposed text with each character replaced by its prototype, case kept, until
    nothing changes (a prototype may itself decompose or have one)."""
    prototypes = _prototypes()
    for _ in range(5):
        mapped = unicodedata.normalize("NFKD", "".join(prototypes.get(c, c) for c in text))
        if mapped == text:
            break
        text = mapped
    return text


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two typed names stand for one person: equal keys or equal skeletons (of the
    case-folded key, or mapped before folding case and before NFKC). An empty name is
    nobody, so never the same as anyone."""
    key_a, key_b = name_key(a or ""), name_key(b or "")
    if not key_a or not key_b:
        return False
    return (key_a == key_b or skeleton(key_a) == skeleton(key_b)
            or _cased_skeleton(a or "") == _cased_skeleton(b or ""))


@cache
def character_skeletons() -> tuple[tuple[str, str, bool], ...]:
    """(character, its skeleton, refused) for every character a name's skeleton changes or
    a recorded name may not hold, for a server that compares names in SQL (the PostgreSQL
    store loads them; `resultsdesk/store/postgres/sql/013_account_names.sql`). The server
    decomposes a name (NFKD) and replaces each character by its skeleton here, so only
    characters NFKD leaves alone are listed. Refused: invisible (format, default
    ignorable), control and line-break characters. Whitespace stays a space. Character by
    character this agrees with `skeleton` except where normalising joins characters."""
    candidates = set(_prototypes()) | set(LINE_BREAKS)
    candidates.update(chr(code) for low, high in _IGNORABLE_RANGES
                      for code in range(low, high + 1))
    candidates.update(_DRAWN_BLANK)
    for code in range(1, 0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in _NEVER_CHANGED:
            continue
        if category in ("Cf", "Cc") or char.casefold() != char or char.isspace():
            candidates.add(char)
    rows = []
    for char in sorted(candidates):
        if len(char) != 1 or unicodedata.normalize("NFKD", char) != char:
            continue
        invisible = _ignorable(char) or unicodedata.category(char) == "Cc"
        spacing = char.isspace() or char in LINE_BREAKS  # a space, as `_clean` has it
        refused = invisible or char in LINE_BREAKS
        shape = " " if spacing else "" if invisible else skeleton(char)
        if refused or shape != char:
            rows.append((char, shape, refused))
    return tuple(rows)



@cache
def character_prototypes() -> tuple[tuple[str, str], ...]:
    """(character, what it becomes) for every character `_cased_skeleton` maps before case
    is folded, for a server that compares names in SQL (the PostgreSQL store loads them;
    `resultsdesk/store/postgres/sql/014_cased_look_alikes.sql`, decomposed with NFD since
    `015_look_alikes_before_nfkc.sql`). The server decomposes a name canonically (NFD),
    replaces each character by its entry here, then takes the skeleton with
    `character_skeletons`, so only characters NFD leaves alone are listed: those with a
    look-alike, and those with a compatibility decomposition (`_cased_prototypes`
    decomposes them, case kept, before their pieces are mapped). Invisible, control and
    whitespace characters are left to `character_skeletons` (which drops them or makes
    them a space), as `_clean` deals with them before mapping."""
    candidates = set(_prototypes())
    for code in range(1, 0x110000):
        char = chr(code)
        if unicodedata.category(char) not in _NEVER_CHANGED and \
                unicodedata.normalize("NFKD", char) != unicodedata.normalize("NFD", char):
            candidates.add(char)
    rows = []
    for char in sorted(candidates):
        if len(char) != 1 or unicodedata.normalize("NFD", char) != char:
            continue
        if (_ignorable(char) or unicodedata.category(char) == "Cc" or char.isspace()
                or char in LINE_BREAKS):
            continue
        mapped = _cased_prototypes(char)
        if mapped != char:
            rows.append((char, mapped))
    return tuple(rows)
