"""Logging in: the password step, the two-factor code step, the lockout page, the
two-factor settings page and the rate-limited password reset.

django-axes (``AxesStandaloneBackend`` first in ``AUTHENTICATION_BACKENDS``) counts failed
logins per client address and username; ``lockout_response`` is its
``AXES_LOCKOUT_CALLABLE``. The admin login (``/quan-tri/login/``) is this same view, so it is
locked the same way and asks for the same second step.
"""

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from binhdan.accounts import two_factor
from binhdan.core.errors import DomainError
from binhdan.core.ratelimit import RateLimited, rate_limit

# Reset mails per client address in PASSWORD_RESET_WINDOW seconds.
PASSWORD_RESET_LIMIT = 5
PASSWORD_RESET_WINDOW = 15 * 60


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã 6 số trong ứng dụng xác thực"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login while a client is locked out (django-axes)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response = render(
        request,
        "accounts/lockout.html",
        {"failure_limit": get_failure_limit(request, credentials), "minutes": minutes},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class StaffLoginView(auth_views.LoginView):
    """The password step. A user with two-factor login on goes to the code step instead of
    being logged in."""

    template_name = "accounts/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.two_factor_enabled_for(user=user):
            return super().form_valid(form)
        two_factor.login_pending_start(
            request=self.request, user=user, next_url=self.get_success_url()
        )
        return redirect("accounts:login_code")


# /quan-tri/login/: the admin's own login would skip the second step.
admin_login = StaffLoginView.as_view(next_page="admin:index")


@sensitive_post_parameters("code")
@never_cache
@csrf_protect
def login_code(request):
    """The second step: the 6-digit code. Wrong codes count toward the lockout."""
    pending = two_factor.login_pending_get(request=request)
    if pending is None:
        messages.info(request, _("Hãy đăng nhập lại bằng mật khẩu."))
        return redirect("accounts:login")
    credentials = {"username": pending.user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        two_factor.login_pending_clear(request=request)
        return lockout_response(request, None, credentials)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.login_complete(
                request=request, pending=pending, code=form.cleaned_data["code"]
            )
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            return redirect(pending.next_url)
    return render(request, "accounts/login_code.html", {"form": form})


@sensitive_post_parameters("code")
@never_cache
@login_required
def two_factor_settings(request):
    """Turn two-factor login on (QR code and secret, confirmed with a code) or off."""
    if not two_factor.two_factor_available_to(user=request.user):
        raise Http404
    enabled = two_factor.two_factor_enabled_for(user=request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if enabled:
                two_factor.two_factor_disable(user=request.user, code=code)
            else:
                two_factor.two_factor_enroll_confirm(request=request, user=request.user, code=code)
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            if enabled:
                messages.success(request, _("Đã tắt xác thực hai bước."))
            else:
                messages.success(
                    request,
                    _(
                        "Đã bật xác thực hai bước. Từ lần đăng nhập sau, "
                        "hãy nhập mã trong ứng dụng."
                    ),
                )
            return redirect("accounts:two_factor")
    context = {"form": form, "enabled": enabled}
    if not enabled:
        device = two_factor.two_factor_enroll_start(user=request.user)
        # segno writes the SVG itself from the otpauth:// URL: nothing user-typed reaches it.
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(
            scale=5, border=2, omitsize=True
        )
        context["secret"] = two_factor.manual_entry_key(device)
    return render(request, "accounts/two_factor.html", context)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with a limit on the mails one address can ask for."""

    def post(self, request, *args, **kwargs):
        try:
            rate_limit(
                request=request,
                scope="password_reset",
                limit=PASSWORD_RESET_LIMIT,
                window_seconds=PASSWORD_RESET_WINDOW,
            )
        except RateLimited:
            return render(
                request,
                "accounts/password_reset_limited.html",
                {"minutes": PASSWORD_RESET_WINDOW // 60},
                status=429,
            )
        return super().post(request, *args, **kwargs)
