"""Two-factor login with a TOTP app (django-otp) for the accounts that can do the most harm.

Province admins and superusers may turn it on. Once a user has a confirmed device, every
login (the staff login and the admin login, which is the same view) asks for the 6-digit
code after the password; until the code is right the session holds only a short-lived
"pending" marker, never the user. Wrong codes are sent to django-axes as failed logins, so
they count toward the same lockout as wrong passwords.
"""

import time
from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from binhdan.accounts.errors import AccountErrors
from binhdan.accounts.models import Role, RoleGrant, User

PENDING_SESSION_KEY = "binhdan_2fa_pending"
# How long the code step waits after the right password before asking for it again.
PENDING_SECONDS = 300
DEVICE_NAME = "Ứng dụng xác thực"


# --- reads ------------------------------------------------------------------------------


def two_factor_available_to(*, user: User) -> bool:
    """Whether the user may turn on two-factor login (province admins and superusers)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleGrant.objects.filter(user=user, role=Role.PROVINCE_ADMIN).exists()


def two_factor_device(*, user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device, or None when two-factor login is off."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def two_factor_enabled_for(*, user: User) -> bool:
    """Whether logging in as ``user`` needs a code. An enrolled user keeps needing it even
    after losing the role that allowed enrolling (an admin removes the device)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def manual_entry_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps without a camera."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


# --- enrollment -------------------------------------------------------------------------


def _require_available(user: User) -> None:
    if not two_factor_available_to(user=user):
        raise AccountErrors.NOT_FOUND.error()  # only admins have the page


def two_factor_enroll_start(*, user: User) -> TOTPDevice:
    """The device being enrolled: the same unconfirmed one across reloads of the page, so
    the QR code does not change under the user's camera."""
    _require_available(user)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def two_factor_enroll_confirm(*, request, user: User, code: str) -> TOTPDevice:
    """Turn two-factor login on once the app shows the right code; this session counts as
    verified."""
    _require_available(user)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.devices_for_user(user, confirmed=False)
            .select_for_update()
            .order_by("pk")
            .first()
        )
        if device is None:
            raise AccountErrors.OTP_WRONG_CODE.error()
        right = _verify(device, code)
        if right:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
    if not right:  # raised outside the transaction: the throttle counter stays saved
        raise AccountErrors.OTP_WRONG_CODE.error()
    otp_login(request, device)
    return device


def two_factor_disable(*, user: User, code: str) -> None:
    """Turn two-factor login off; a current code proves the phone is still at hand."""
    _require_available(user)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.devices_for_user(user, confirmed=True)
            .select_for_update()
            .order_by("pk")
            .first()
        )
        if device is None:
            return
        right = _verify(device, code)
        if right:
            TOTPDevice.objects.devices_for_user(user).delete()
    if not right:
        raise AccountErrors.OTP_WRONG_CODE.error()


def _verify(device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is the device's current code (each code works once). Raises
    ``OTP_THROTTLED`` while django-otp's back-off after wrong codes runs; a wrong code
    returns False and its failure is saved, so callers raise only after committing."""
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise AccountErrors.OTP_THROTTLED.error()
    return bool(device.verify_token(code.strip().replace(" ", "")))


# --- the second login step --------------------------------------------------------------


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    next_url: str


def login_pending_start(*, request, user: User, next_url: str) -> None:
    """The password was right and the user has a device: remember who is half-way in."""
    request.session[PENDING_SESSION_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": time.time(),
    }


def login_pending_get(*, request) -> PendingLogin | None:
    """The half-finished login of this session, or None (none, expired, user gone)."""
    data = request.session.get(PENDING_SESSION_KEY)
    if not data:
        return None
    if time.time() - data.get("at", 0) > PENDING_SECONDS or (
        data.get("backend") not in settings.AUTHENTICATION_BACKENDS
    ):
        login_pending_clear(request=request)
        return None
    user = get_user_model().objects.filter(pk=data.get("user_id"), is_active=True).first()
    if user is None:
        login_pending_clear(request=request)
        return None
    return PendingLogin(user=user, backend=data["backend"], next_url=data.get("next", ""))


def login_pending_clear(*, request) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def login_complete(*, request, pending: PendingLogin, code: str) -> None:
    """Check the code; log the user in when it is right. A wrong code is reported as a
    failed login (``user_login_failed``), which django-axes counts toward the lockout."""
    device = two_factor_device(user=pending.user)
    if device is None:  # turned off in the meantime: the password step was enough
        login_pending_clear(request=request)
        auth_login(request, pending.user, backend=pending.backend)
        return
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        right = _verify(device, code)
    if not right:
        user_login_failed.send(
            sender=__name__,
            credentials={"username": pending.user.get_username()},
            request=request,
        )
        raise AccountErrors.OTP_WRONG_CODE.error()
    login_pending_clear(request=request)
    auth_login(request, pending.user, backend=pending.backend)
    otp_login(request, device)
