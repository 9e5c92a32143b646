"""A bridge point's self check-in code, in a form a person can read aloud and type.

New codes are 16 characters of Crockford's base32 alphabet (digits and capitals without
I, L, O and U: 80 random bits), shown in blocks of four: ``7KQ2-M9XD-4TRB-ZC8H``.

Older points carry 16 characters of URL-safe base64 (``secrets.token_urlsafe(12)``: mixed
case, ``l``/``I``/``1`` and ``O``/``0`` side by side). Their QR codes are printed and must
keep working, so the stored code never changes; they are *shown* as the same 96 bits in the
new alphabet, 20 characters in five blocks. Typed codes are normalised (case, spaces,
dashes, and ``O``→``0``, ``I``/``L``→``1``) and mapped back to the stored form.
"""

import base64
import binascii
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
CODE_LENGTH = 16  # 80 random bits
OLD_LENGTH = 16  # token_urlsafe(12): 12 bytes of base64url
OLD_DISPLAY_LENGTH = 20  # those 96 bits in base32 (4 padding bits)
_NEW = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
_OLD = re.compile(r"^[A-Za-z0-9_-]{16}$")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-._·/]+")


def new_code() -> str:
    """A fresh self check-in code (stored as is: 16 unambiguous capitals and digits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _to_base32(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    chars = -(-bits // 5)
    number <<= chars * 5 - bits
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(chars)))


def _from_base32(text: str, *, size: int) -> bytes | None:
    number = 0
    for char in text:
        number = number * 32 + ALPHABET.index(char)
    padding = len(text) * 5 - size * 8
    if padding < 0 or number & ((1 << padding) - 1):
        return None
    return (number >> padding).to_bytes(size, "big")


def _blocks(text: str) -> str:
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def display_code(stored: str) -> str:
    """What a person reads and types: blocks of four, no look-alike characters."""
    if _NEW.match(stored):
        return _blocks(stored)
    if _OLD.match(stored):
        try:
            raw = base64.urlsafe_b64decode(stored)
        except (binascii.Error, ValueError):
            return stored
        if len(raw) == 12 and base64.urlsafe_b64encode(raw).decode() == stored:
            return _blocks(_to_base32(raw))
    return stored


def stored_candidates(typed: str) -> list[str]:
    """The stored codes ``typed`` may mean: itself (a code copied from a QR link), and its
    normalised form read as a new code or as the display form of an old one."""
    raw = (typed or "").strip()
    candidates = [raw] if raw else []
    compact = _SEPARATORS.sub("", raw).upper().translate(_LOOKALIKES)
    if any(char not in ALPHABET for char in compact):
        return candidates
    if len(compact) == CODE_LENGTH:
        candidates.append(compact)
    elif len(compact) == OLD_DISPLAY_LENGTH:
        data = _from_base32(compact, size=12)
        if data is not None:
            candidates.append(base64.urlsafe_b64encode(data).decode())
    return list(dict.fromkeys(candidates))
