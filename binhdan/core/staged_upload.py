"""An uploaded spreadsheet kept between its preview and the confirmation that applies it.

The file waits in ``UPLOAD_DIR`` under a random name; the page carries a signed ticket that
binds it to what it was previewed for (an area, a session point) and to the user, and
expires after an hour. Nothing is written to the domain tables before the confirmation.
"""

import uuid

from django.conf import settings
from django.core import signing

MAX_AGE_SECONDS = 3600


class UploadExpired(Exception):
    """The ticket is forged, too old, or its file is gone: upload again."""


class UploadMismatch(Exception):
    """A genuine ticket, but for another user or another place: refuse (404)."""


def _path(kind: str, token: str):
    return settings.UPLOAD_DIR / f"{kind}-{token}.bin"


def stage(*, kind: str, data: bytes, filename: str, bound: dict) -> str:
    """Keep ``data`` and return the signed ticket for the confirmation form."""
    token = uuid.uuid4().hex
    settings.UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
    _path(kind, token).write_bytes(data)
    return signing.dumps(
        {"token": token, "filename": filename, "bound": bound}, salt=f"binhdan.upload.{kind}"
    )


def unstage(*, kind: str, ticket: str, bound: dict) -> tuple[bytes, str, str]:
    """``(data, filename, token)`` of a staged upload, checked against ``bound``."""
    try:
        content = signing.loads(ticket, salt=f"binhdan.upload.{kind}", max_age=MAX_AGE_SECONDS)
        data = _path(kind, content["token"]).read_bytes()
    except (signing.BadSignature, KeyError, FileNotFoundError, TypeError) as exc:
        raise UploadExpired from exc
    if content.get("bound") != bound:
        raise UploadMismatch
    return data, content["filename"], content["token"]


def discard(*, kind: str, token: str) -> None:
    _path(kind, token).unlink(missing_ok=True)
