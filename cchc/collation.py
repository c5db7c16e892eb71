"""Vietnamese alphabetical order, for every list and table sorted by a name.

The database's default order is by code point: "Ân Thi" (Â is U+00C2) comes after "Yên Mỹ",
"Đ" after "Z". Vietnamese dictionaries order the letters a ă â b c d đ e ê g h i k l m n o ô ơ p
q r s t u ư v x y, a word's tones deciding only between words with the same letters (without
tone, huyền, hỏi, ngã, sắc, nặng), and lower case before upper case.

One collation name, ``COLLATION``, on both backends:
- PostgreSQL: an ICU collation for Vietnamese, created by a migration
  (agencies 0004_vietnamese_collation);
- SQLite (the embedded default): a Python collation of that name, registered on every
  connection (``register``, connected to ``connection_created`` by ``AgenciesConfig``).

``vietnamese("name")`` is the expression a query orders by; ``sort_key`` sorts in Python (names
already read, lists built from several tables) in the same order.
"""

import functools
import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

COLLATION = "cchc_vi"
# the ICU locale of the PostgreSQL collation (CLDR's Vietnamese rules: the letters and tones above)
ICU_LOCALE = "vi"

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # f, j, w, z: in names from other languages
LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# NFD marks that make a letter of its own (ă â ê ô ơ ư), and the five tones in dictionary order
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese(field: str) -> Collate:
    """``field`` (a name or a lookup path, "agency__name") in Vietnamese order, for order_by."""
    return Collate(F(field), COLLATION)


def _elements(text: str):
    """Per character of ``text``: (its letter's place, its tone, whether it is upper case)."""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = base.lower() + "".join(m for m in marks if m in LETTER_MARKS)
        letter = unicodedata.normalize("NFC", letter)
        tone = max((TONE_RANK.get(m, 0) for m in marks), default=0)
        upper = base != base.lower()
        if letter in LETTER_RANK:
            place = (3, LETTER_RANK[letter])
        elif base.isdigit():
            place = (2, int(base) if base.isdecimal() else ord(base))
        elif base.isspace() or not base.isalnum():
            place = (1, ord(base))  # spaces and punctuation before digits and letters
        else:
            place = (4, ord(letter[0]))  # letters of other scripts, after the Latin ones
        yield place, tone, upper


@functools.lru_cache(maxsize=8192)
def sort_key(text: str | None) -> tuple:
    """The key that sorts ``text`` in Vietnamese order: letters first, then tones, then case.
    Kept for the names seen last (a key is immutable): a dashboard sorts the same agency and
    target names on every page it renders, and working a key out costs a pass over each
    character's Unicode decomposition."""
    elements = list(_elements(text or ""))
    return (
        tuple(place for place, _tone, _upper in elements),
        tuple(tone for _place, tone, _upper in elements),
        tuple(upper for _place, _tone, upper in elements),
    )


def compare(left: str | None, right: str | None) -> int:
    """SQLite's collation function: negative, zero or positive as ``left`` sorts before,
    with or after ``right``."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register(sender, connection, **kwargs) -> None:
    """On a new SQLite connection, the Python collation of ``COLLATION`` (connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
