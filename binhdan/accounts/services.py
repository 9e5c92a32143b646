"""Writes about users: role grants and API tokens."""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import ApiToken, Role, RoleGrant, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import managed_users, require_permission, tokens_visible_to
from binhdan.areas.models import Area
from binhdan.core.errors import InvalidInput, NotFound, OutsideScope

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
    return token


def token_authenticate(*, raw: str) -> User | None:
    """The active user behind a raw token, or None. Records when it was last used."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    # key_hash is unique: no ordering needed (``first()`` would add ORDER BY and a sort).
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .order_by()[:1]
    )
    token = token[0] if token else None
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Write at most once a minute: a check-in wave must not turn into token writes.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
