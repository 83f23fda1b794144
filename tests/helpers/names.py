"""Spellings of one desk user's name that a person reading the screen takes for `carol`
(issue 10, point 5): shared by the identity, desk, CLI and GUI tests."""

from __future__ import annotations

CAROL_VARIANTS = {
    "zero-width space": "carol\u200b",
    "zero-width joiner inside": "ca\u200drol",
    "word joiner": "\u2060carol",
    "byte-order mark": "\ufeffcarol",
    "right-to-left mark": "car\u200fol",
    "soft hyphen": "car\u00adol",
    "full-width": "ｃａｒｏｌ",
    "capitals": "CAROL",
    "spaces around": "  carol\t",
    "Cyrillic a": "c\u0430rol",
    "Cyrillic o and a": "c\u0430r\u043el",
    "Greek omicron": "car\u03bfl",
    "digit one for l": "caro1",
    "mathematical bold": "𝐜𝐚𝐫𝐨𝐥",
    "control character": "car\x07ol",
    "combining grapheme joiner": "car\u034fol",
    "variation selector": "carol\ufe0f",
}
