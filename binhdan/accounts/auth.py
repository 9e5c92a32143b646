"""API authentication: a Bearer token (devices, scripts) or the browser's session."""

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from binhdan.accounts.errors import AccountErrors
from binhdan.accounts.services import token_authenticate, token_point_id


class ApiTokenAuth(HttpBearer):
    """A personal token. A device token (bound to one bridge point) is refused here with 403
    ``token_not_allowed``: only the endpoints using ``checkin_auth`` accept one."""

    openapi_scheme = "bearer"
    accepts_device_tokens = False

    def authenticate(self, request, token):
        user = token_authenticate(raw=token)
        if user is None:
            return None
        if token_point_id(user) is not None and not self.accepts_device_tokens:
            raise AccountErrors.TOKEN_NOT_ALLOWED.error()
        request.user = user
        return user


class CheckInTokenAuth(ApiTokenAuth):
    """A personal token, or a bridge point's device token (its point only: the services
    check the point, ``classes.services.session_point_for_write``)."""

    accepts_device_tokens = True


class StaffSessionAuth(SessionAuth):
    """The web session, CSRF checked on writes.

    A request that carries no session cookie has no session for a forged request to ride
    on, so there is nothing for CSRF to protect: it is simply not session-authenticated
    (a phone app or a script may then use a token, or be a citizen), instead of the 403
    "CSRF check Failed" a cookie-less client used to get.
    """

    def _get_key(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        try:
            return super()._get_key(request)
        except HttpError as exc:
            raise AccountErrors.CSRF_FAILED.error() from exc


api_auth = [ApiTokenAuth(), StaffSessionAuth()]
# The check-in endpoints (open, heartbeat, close, check-ins, headcounts, the operator's list).
checkin_auth = [CheckInTokenAuth(), StaffSessionAuth()]


class HelperTokenAuth(ApiTokenAuth):
    """Bearer token on an endpoint citizens may call without one: a token that does not
    authenticate is a 401, never silently treated as no token."""

    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is None:
            raise AuthenticationError()
        return user


class Citizen:
    """Truthy marker of a caller who gave no credentials (a citizen on their own phone)."""

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "Citizen()"


CITIZEN = Citizen()


def citizen_without_login(request):
    return CITIZEN


# Citizens write without logging in; a volunteer's token or session marks the write as help
# given on the citizen's behalf (``assisted_by``).
citizen_or_helper_auth = [HelperTokenAuth(), StaffSessionAuth(), citizen_without_login]


def helper_of(request):
    """The signed-in helper behind a ``citizen_or_helper_auth`` request, or None."""
    from binhdan.accounts.models import User

    return request.auth if isinstance(request.auth, User) else None
