"""Vietnamese-aware text normalisation shared by every app.

Vietnamese text arrives in NFC or NFD, upper or lower case, with stray spaces and
sometimes without diacritics at all. These helpers give two comparable forms:
``normalize`` (NFC, case-folded, spaces collapsed: an exact match) and ``fold``
(also without diacritics and with "đ" as "d": a loose match).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: str | None) -> str:
    """NFC, trimmed, inner white space collapsed to one space; case kept."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def normalize(value: str | None) -> str:
    """The exact-match form: ``clean`` and lower case."""
    return clean(value).lower()


def strip_diacritics(value: str) -> str:
    """Remove Vietnamese diacritics ("Hưng Yên" -> "Hung Yen"), keeping case."""
    decomposed = unicodedata.normalize("NFD", value)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def fold(value: str | None) -> str:
    """The loose-match form: ``normalize`` without diacritics (idempotent)."""
    return clean(strip_diacritics(normalize(value)))


def has_diacritics(value: str) -> bool:
    """True when the text carries at least one Vietnamese diacritic or "đ"."""
    return strip_diacritics(value) != unicodedata.normalize("NFC", value)
