"""Writes about users: role grants and API tokens."""

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import ApiToken, Role, RoleGrant, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import managed_users, require_permission, tokens_visible_to
from binhdan.areas.models import Area
from binhdan.core.errors import InvalidInput, NotFound, OutsideScope
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
        raise InvalidInput(_("Vai trò không hợp lệ: %(role)s.") % {"role": role}, code="bad_role")
    if actor is not None:
        require_permission(user=actor, action=Action.USER_MANAGE, area=area)
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, area=area, role=role, defaults={"granted_by": actor}
    )
    return grant


@transaction.atomic
def token_issue(*, actor: User | None, user: User, name: str) -> IssuedToken:
    """Issue a token acting as ``user``. Staff may issue for themselves or users they manage."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput(
            _("Hãy đặt tên cho mã truy cập (ví dụ: Điện thoại điểm cầu thôn Đông)."),
            code="token_name_required",
            details={"field": "name"},
        )
    if (
        actor is not None
        and actor.pk != user.pk
        and not managed_users(user=actor).filter(pk=user.pk).exists()
    ):
        raise OutsideScope(_("Bạn không quản lý tài khoản này."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(raw),
        created_by=actor or user,
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke a token the actor owns or issued. Revoking twice is harmless."""
    tokens = ApiToken.objects.all() if actor.is_superuser else tokens_visible_to(user=actor)
    token = tokens.select_for_update(of=("self",)).filter(pk=token_id).first()
    if token is None:
        raise NotFound(_("Không tìm thấy mã truy cập."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    _recent_tokens.forget(token.key_hash)
    return token


def token_authenticate(*, raw: str) -> User | None:
    """The active user behind a raw token, or None. Records when it was last used.

    Every API request of a check-in wave comes through here, so it is one raw query (the
    token joined to its active user) instead of a compiled ``select_related``: the ORM's
    query building cost more than the query itself.
    """
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    key_hash = hash_token(raw)
    remembered = _recent_tokens.get(key_hash)
    if remembered is not None:
        return User.from_db(connection.alias, _user_attnames(), remembered)
    now = timezone.now()
    stale_before = connection.ops.adapt_datetimefield_value(now - TOKEN_USE_RECORDED_EVERY)
    found = list(User.objects.raw(_token_user_sql(), [stale_before, key_hash]))
    if not found:
        return None
    user = found[0]
    # Write at most once a minute: a check-in wave must not turn into token writes.
    if user.token_use_stale:
        ApiToken.objects.filter(pk=user.token_id).update(last_used_at=now)
    _recent_tokens.remember(key_hash, tuple(getattr(user, name) for name in _user_attnames()))
    return user


# Tokens this worker checked a moment ago, by key hash: the user's field values. A revoked
# token or a deactivated user is refused by every worker within BINHDAN_TOKEN_CACHE_SECONDS
# (a revoked token at once by the worker that revoked it).
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
        f"SELECT {columns}, t.id AS token_id, "  # noqa: S608 (names from the model)
        f"(t.last_used_at IS NULL OR t.last_used_at < %s) AS token_use_stale "
        f"FROM {token_table} t JOIN {user_table} u ON u.id = t.user_id "
        f"WHERE t.key_hash = %s AND t.revoked_at IS NULL AND u.is_active"
    )
