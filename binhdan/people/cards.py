"""The citizen's QR card: a short signed token naming a ``people.Person``.

The token is ``<person id in base 36>:<signature>`` signed with the site SECRET_KEY and a
salt of its own, so it cannot be forged or edited, and it carries nothing personal.
"""

from django.core import signing

from binhdan.people.errors import IdentityErrors
from binhdan.people.models import Person

_SALT = "binhdan.classes.card.v1"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(number: int) -> str:
    if number < 0:
        raise ValueError("negative id")
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = _DIGITS[rest] + out
        if not number:
            return out


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT)


def card_token_for(person: Person) -> str:
    """The token printed as a QR code on the person's card."""
    return _signer().sign(_b36(person.pk))


def card_person_id(token: str) -> int:
    """The person id inside a genuine token, or InvalidInput ``card_invalid`` (no query)."""
    try:
        value = _signer().unsign((token or "").strip())
        return int(value, 36)
    except (signing.BadSignature, ValueError) as exc:
        raise IdentityErrors.CARD_INVALID.error() from exc


def card_parse(token: str) -> Person:
    """The person a genuine card token names; InvalidInput ``card_invalid`` otherwise."""
    person = Person.objects.filter(pk=card_person_id(token)).first()
    if person is None:
        raise IdentityErrors.CARD_INVALID.error()
    return person
