"""Certificate codes: random, unguessable, easy to read aloud and to type.

12 characters of Crockford's base32 (no I, L, O, U) carry 60 random bits from ``secrets``.
Stored without separators; shown as ``ABCD-EFGH-JKMN``. Typing is forgiving: case, spaces
and dashes are ignored, and the look-alikes O/I/L are read as 0/1/1.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(text: str) -> str:
    """The stored form of a typed code, or "" when it cannot be one."""
    compact = re.sub(r"[\s\-_.]+", "", text or "").upper().translate(_LOOKALIKES)
    return compact if _VALID.match(compact) else ""


def format_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
