from django.http import HttpRequest
from ninja import Router

from binhdan.core.errors import DomainError
from binhdan.core.ratelimit import rate_limit
from binhdan.scamcheck.checker import CheckerInputError
from binhdan.scamcheck.schemas import ScamCheckIn, ScamCheckOut
from binhdan.scamcheck.services import scam_check

router = Router(tags=["scamcheck"])

CHECKS_PER_MINUTE = 30


@router.post("", response=ScamCheckOut, auth=None, summary="Is this message a scam? (public)")
def check(request: HttpRequest, payload: ScamCheckIn):
    rate_limit(request=request, scope="scamcheck", limit=CHECKS_PER_MINUTE)
    try:
        result = scam_check(text=payload.text)
    except CheckerInputError as exc:
        error = DomainError(exc.message_vi, code=exc.code, details={"field": "text"})
        error.status = exc.status
        raise error from exc
    return result.to_dict()
