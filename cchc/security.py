"""Login throttling hooks for django-axes (settings AXES_CLIENT_IP_CALLABLE and
AXES_LOCKOUT_CALLABLE): whose address a login comes from, and the page a locked-out login gets;
the password length rule in Vietnamese. See SECURITY.md."""

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str | None:
    """The address a request comes from. Behind our proxies (BEHIND_PROXY) it is the entry of
    X-Forwarded-For that the outermost of them appended (PROXY_COUNT from the right): the entries
    left of it are whatever the client sent, and must not decide whose attempts are counted."""
    remote = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    count = max(getattr(settings, "PROXY_COUNT", 1), 1)
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Tài khoản tạm bị khoá vì đăng nhập sai %(limit)s lần. Hãy thử lại sau "
        "%(minutes)s phút, hoặc liên hệ quản trị viên Sở Nội vụ để mở khoá."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the username kept and the lockout said in words (429)."""
    username = get_client_username(request, credentials) or ""
    form = AuthenticationForm(request, initial={"username": username})
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    return render(
        request,
        "registration/login.html",
        {"form": form, "lockout": lockout_message(), "next": next_url},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class UsernameLengthChecked:
    """A login form that checks the username's length before asking who it is. Django's form
    sets the field's ``max_length`` after building it, so no validator checks it, and a failed
    login with a name longer than the login records hold (255 characters) was a 500 on
    PostgreSQL when django-axes wrote it down."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        if field.max_length:
            field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(UsernameLengthChecked, AuthenticationForm):
    """The site's login page."""


class AdminLoginForm(UsernameLengthChecked, AdminAuthenticationForm):
    """The admin's login page."""


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, said in Vietnamese (Django's Vietnamese catalogue lacks this message)."""

    def get_error_message(self):
        return _("Mật khẩu này quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
