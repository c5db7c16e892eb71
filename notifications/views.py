"""A user's notifications and their e-mail choice. Everything is scoped to the logged-in user:
another user's notification is 404, as if it did not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from . import selectors, services
from .forms import EmailPreferenceForm
from .models import Notification


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return selectors.notifications_of(self.request.user)


def _next(request, default: str) -> str:
    target = request.POST.get("next") or ""
    # a path on this site only: ``redirect`` would read "a:b" or "abc" as a view's name
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_POST
def notification_read(request, pk):
    """Mark one notification read, then go where ``next`` says (the list, or the page the
    notification is about)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notification_mark_read(notification=notification)
    return redirect(_next(request, reverse("notifications:list")))


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect(_next(request, reverse("notifications:list")))


@login_required
def preferences(request):
    user = request.user
    form = EmailPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"email_enabled": selectors.email_enabled(user)},
    )
    if request.method == "POST" and form.is_valid():
        enabled = form.cleaned_data["email_enabled"]
        services.email_preference_set(user=user, enabled=enabled)
        messages.success(
            request,
            _("Đã bật nhận thư điện tử nhắc việc.") if enabled else _("Đã tắt nhận thư điện tử nhắc việc."),
        )
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
