"""API authentication: a Bearer token (devices, scripts) or the browser's session."""

from ninja.security import HttpBearer, SessionAuth

from binhdan.accounts.services import token_authenticate


class ApiTokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        user = token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


class StaffSessionAuth(SessionAuth):
    """The web session (CSRF checked on writes)."""


api_auth = [ApiTokenAuth(), StaffSessionAuth()]
