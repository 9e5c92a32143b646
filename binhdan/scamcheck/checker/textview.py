"""A folded view of a message that still points back into the original text.

Rules match on ``TextView.folded``: lower case, no diacritics, "đ" as "d", look-alike Cyrillic
and Greek letters as Latin, zero-width characters dropped, and letters split by spaces or dots
("O T P", "V.N.e.I.D", "c h u y e n  k h o a n") joined again. ``TextView.index`` maps every
folded character to the original character it came from, so a reason quotes the user's own
words (NFD input included) as evidence.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from binhdan.core.text import strip_diacritics

from .result import EVIDENCE_MAX

# Letters from other scripts that look like Latin ones (lower case, after ``str.lower``).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
        "ԁ": "d", "ɡ": "g", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k",
        "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ı": "i",
    }
)  # fmt: skip
_DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_BLANKS = frozenset(
    "\t\r\x0b\x0c\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """The folded form of one character: "" (dropped), one or a few characters."""
    if ch in _DROPPED:
        return ""
    if ch in _BLANKS:
        return " "
    if ch.isascii():
        return ch.lower()
    if unicodedata.category(ch) == "Mn":
        return ""
    out = unicodedata.normalize("NFKC", ch).lower().translate(_CONFUSABLES)
    out = strip_diacritics(out)
    return "".join(c for c in out if unicodedata.category(c) != "Mn")


# Three or more single letters separated by short runs of spaces, dots, dashes or stars.
_SPACED_RUN = re.compile(r"(?<![a-z0-9])[a-z](?:[ .\-_*·]{1,3}[a-z](?![a-z0-9])){2,}")
_WIDE_GAP = re.compile(r" {2,}")


@dataclass(frozen=True)
class TextView:
    original: str
    folded: str
    index: tuple[int, ...]
    spaced_runs: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> "TextView":
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            folded = fold_char(ch)
            if len(folded) == 1:
                chars.append(folded)
                index.append(i)
            elif folded:
                chars.extend(folded)
                index.extend([i] * len(folded))
        folded_text = "".join(chars)
        if _SPACED_RUN.search(folded_text) is None:
            return cls(text, folded_text, tuple(index), ())
        return cls._squeezed(text, folded_text, index)

    @classmethod
    def _squeezed(cls, text: str, folded: str, index: list[int]) -> "TextView":
        out: list[str] = []
        out_index: list[int] = []
        runs: list[tuple[int, int]] = []
        pos = 0
        for match in _SPACED_RUN.finditer(folded):
            out.extend(folded[pos : match.start()])
            out_index.extend(index[pos : match.start()])
            start = len(out)
            i = match.start()
            while i < match.end():
                ch = folded[i]
                if "a" <= ch <= "z":
                    out.append(ch)
                    out_index.append(index[i])
                    i += 1
                    continue
                gap_end = i
                while gap_end < match.end() and not ("a" <= folded[gap_end] <= "z"):
                    gap_end += 1
                if _WIDE_GAP.fullmatch(folded[i:gap_end]):
                    out.append(" ")
                    out_index.append(index[i])
                i = gap_end
            runs.append((start, len(out)))
            pos = match.end()
        out.extend(folded[pos:])
        out_index.extend(index[pos:])
        return cls(text, "".join(out), tuple(out_index), tuple(runs))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind ``folded[start:end]`` (trailing combining marks included)."""
        if not self.index or end <= start:
            return (0, 0)
        start = max(0, min(start, len(self.index) - 1))
        end = max(start + 1, min(end, len(self.index)))
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1
        text = self.original
        while o_end < len(text) and unicodedata.category(text[o_end]) == "Mn":
            o_end += 1
        return (o_start, o_end)

    def folded_span(self, o_start: int, o_end: int) -> tuple[int, int]:
        """The folded positions behind ``original[o_start:o_end]``."""
        start = bisect.bisect_left(self.index, o_start)
        end = bisect.bisect_left(self.index, o_end)
        return start, max(start, end)

    def evidence(self, start: int, end: int) -> str:
        """The user's own words behind ``folded[start:end]``."""
        o_start, o_end = self.span(start, end)
        return trim_evidence(self.original[o_start:o_end])

    def original_words(self, start: int, end: int) -> str:
        """``original`` behind ``folded[start:end]``, NFC and lower case (diacritics kept)."""
        o_start, o_end = self.span(start, end)
        return unicodedata.normalize("NFC", self.original[o_start:o_end]).lower()


def trim_evidence(value: str) -> str:
    """A substring of ``value``: white space trimmed, at most ``EVIDENCE_MAX`` characters."""
    value = value.strip()
    if len(value) > EVIDENCE_MAX:
        value = value[:EVIDENCE_MAX].rstrip()
    return value


# "[^.!?\n]" in a rule means "within the sentence"; a dot between digits (5.000.000đ) or in a
# link does not end a sentence.
SAME_SENTENCE = r"(?:[^.!?\n]|\.(?=\w))"


def fold_pattern(pattern: str) -> str:
    """A regex written in plain Vietnamese (lower case) turned into one over folded text.

    Diacritics are removed and each space between words becomes ``\\s*``, so "chuyển khoản"
    also matches "chuyen khoan", "CHUYỂN  KHOẢN" and the squeezed "chuyenkhoan". The class
    ``[^.!?\\n]`` becomes ``SAME_SENTENCE``.
    """
    folded = strip_diacritics(pattern).replace(" ", r"\s*")
    return folded.replace(r"[^.!?\n]", SAME_SENTENCE)


def phrases(*patterns: str) -> re.Pattern[str]:
    """One compiled alternation of whole-word ``patterns`` over folded text."""
    body = "|".join(f"(?:{fold_pattern(p)})" for p in patterns)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")
