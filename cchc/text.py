"""Vietnamese text compared the way officers write it: with or without diacritics, in any case.
One implementation for every matcher (agency names, appendix headers and areas, target
extraction)."""

import re
import unicodedata

_D = frozenset("đĐðÐ")  # đ, and the Ð legacy fonts print for it


def _fold_char(char: str) -> str:
    if char in _D:
        return "d"
    lower = unicodedata.normalize("NFD", char)[0].lower()
    return lower[0] if lower else char


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d), one character for one, so a position in the result
    is the same position in ``text``: "Sở Nội vụ" → "so noi vu"."""
    return "".join(_fold_char(c) for c in text)


def plain(text: str) -> str:
    """:func:`fold`, with punctuation turned into single spaces ("%" kept): how headings and
    titles are compared. "  Nội dung (nhiệm vụ) " → "noi dung nhiem vu"."""
    return " ".join(re.sub(r"[^\w%]+", " ", fold(unicodedata.normalize("NFC", str(text)))).split())


def has_foreign_digits(text: str) -> bool:
    """Whether ``text`` holds a digit other than 0-9: Arabic-Indic "٣", fullwidth "３",
    Devanagari "३", superscript "²", mathematical "𝟑"... Python's ``int()`` and ``Decimal()``
    read most of them as digits; a Vietnamese keyboard types none of them, so they come from a
    pasted text or a wrong input method and are refused rather than silently read."""
    return any((ch.isdigit() or ch.isnumeric()) and not ch.isascii() for ch in text)
