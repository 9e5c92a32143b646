"""Writes about users: role grants and API tokens."""

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from binhdan.accounts.errors import AccountErrors
from binhdan.accounts.models import ApiToken, Role, RoleGrant, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission, tokens_revocable_by
from binhdan.areas.models import Area
from binhdan.core.recent import RecentlyChecked

TOKEN_PREFIX = "bd_"  # noqa: S105 (a visible marker, not a secret)


def hash_token(raw: str) -> str:
    # Tokens carry 256 random bits, so a plain SHA-256 is enough (no slow hash needed).
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def role_grant(*, actor: User | None, user: User, area: Area, role: str) -> RoleGrant:
    """Grant ``role`` over ``area``; ``actor`` None is the command line (full rights)."""
    if role not in Role.values:
        raise AccountErrors.BAD_ROLE.error(role=role)
    if actor is not None:
        require_permission(user=actor, action=Action.USER_MANAGE, area=area)
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, area=area, role=role, defaults={"granted_by": actor}
    )
    return grant


@transaction.atomic
def token_issue(*, actor: User | None, user: User, name: str) -> IssuedToken:
    """Issue a personal token acting as ``user``, with all their roles.

    Only for oneself: nobody mints a token acting as someone else (a peer, a superuser).
    ``actor`` None is the command line. A device's token is ``classes.device_tokens``.
    """
    if actor is not None and actor.pk != user.pk:
        raise AccountErrors.TOKEN_OTHER_USER.error()
    return token_create(user=user, name=name, created_by=actor or user)


def token_create(
    *, user: User, name: str, created_by: User, bridge_point_id: int | None = None
) -> IssuedToken:
    """Store a new token. No access check: ``token_issue`` (personal tokens) and
    ``classes.device_tokens.device_token_issue`` (device tokens) decide who may issue."""
    name = (name or "").strip()
    if not name:
        raise AccountErrors.TOKEN_NAME_REQUIRED.error()
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(raw),
        created_by=created_by,
        bridge_point_id=bridge_point_id,
        expires_at=timezone.now() + dt.timedelta(days=settings.BINHDAN_TOKEN_DAYS),
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke a token the actor may revoke (``tokens_revocable_by``). Twice is harmless."""
    token = (
        tokens_revocable_by(user=actor).select_for_update(of=("self",)).filter(pk=token_id).first()
    )
    if token is None:
        raise AccountErrors.TOKEN_NOT_FOUND.error()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    _recent_tokens.forget(token.key_hash)
    return token


def token_point_id(user) -> int | None:
    """The bridge point the request's device token is bound to; None for a personal token
    or a browser session."""
    return getattr(user, "api_token_point_id", None)


def token_authenticate(*, raw: str) -> User | None:
    """The active user behind a live token (not revoked, not expired), or None.

    The user carries ``api_token_id`` and ``api_token_point_id`` (``token_point_id``).
    Records when the token was last used, at most once a minute.

    Every API request of a check-in wave comes through here, so it is one raw query (the
    token joined to its active user, revocation and expiry in its WHERE) instead of a
    compiled ``select_related``: the ORM's query building cost more than the query itself.
    A token is remembered for ``BINHDAN_TOKEN_CACHE_SECONDS`` only when it outlives that
    window, so the per-worker memory never serves a token past its expiry.
    """
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    key_hash = hash_token(raw)
    remembered = _recent_tokens.get(key_hash)
    if remembered is not None:
        values, token_id, point_id = remembered
        return _token_user(
            User.from_db(connection.alias, _user_attnames(), values), token_id, point_id
        )
    now = timezone.now()
    as_db = connection.ops.adapt_datetimefield_value
    window = dt.timedelta(seconds=max(settings.BINHDAN_TOKEN_CACHE_SECONDS, 0))
    params = [as_db(now - TOKEN_USE_RECORDED_EVERY), as_db(now + window), key_hash, as_db(now)]
    found = list(User.objects.raw(_token_user_sql(), params))
    if not found:
        return None
    user = found[0]
    # Write at most once a minute: a check-in wave must not turn into token writes.
    if user.token_use_stale:
        ApiToken.objects.filter(pk=user.api_token_id).update(last_used_at=now)
    if user.token_outlives_window:
        _recent_tokens.remember(
            key_hash,
            (
                tuple(getattr(user, name) for name in _user_attnames()),
                user.api_token_id,
                user.api_token_point_id,
            ),
        )
    return user  # the raw query gave it api_token_id and api_token_point_id


def _token_user(user: User, token_id: int, point_id: int | None) -> User:
    user.api_token_id = token_id
    user.api_token_point_id = point_id
    return user


# Tokens this worker checked a moment ago, by key hash: the user's field values, the token's
# id and bound point. A revoked token or a deactivated user is refused by every worker within
# BINHDAN_TOKEN_CACHE_SECONDS (a revoked token at once by the worker that revoked it); an
# expired one at once (a token expiring within the window is not remembered).
_recent_tokens = RecentlyChecked()


@functools.cache
def _user_attnames() -> tuple[str, ...]:
    return tuple(field.attname for field in User._meta.concrete_fields)


TOKEN_USE_RECORDED_EVERY = dt.timedelta(seconds=60)


@functools.cache
def _token_user_sql() -> str:
    user_table = connection.ops.quote_name(User._meta.db_table)
    token_table = connection.ops.quote_name(ApiToken._meta.db_table)
    columns = ", ".join(
        f"u.{connection.ops.quote_name(field.column)}" for field in User._meta.concrete_fields
    )
    return (
        f"SELECT {columns}, t.id AS api_token_id, "  # noqa: S608 (names from the model)
        "t.bridge_point_id AS api_token_point_id, "
        "(t.last_used_at IS NULL OR t.last_used_at < %s) AS token_use_stale, "
        "(t.expires_at > %s) AS token_outlives_window "
        f"FROM {token_table} t JOIN {user_table} u ON u.id = t.user_id "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND u.is_active"
    )
