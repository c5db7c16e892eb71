"""A user's notification list, marking read, the e-mail preference and the header's unread
count; nobody reaches another user's notifications."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from notifications.models import Notification, NotificationPreference
from notifications.selectors import email_enabled
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return User.objects.get(username="tp.reporter")


def _notify(user, n=1, **extra):
    now = timezone.now()
    return [
        Notification.objects.create(
            user=user,
            kind=Notification.Kind.PERIOD_DUE,
            title=f"Thông báo {i}",
            body="Nội dung\ndòng hai",
            link="/",
            created_at=now - timedelta(minutes=n - i),
            **extra,
        )
        for i in range(n)
    ]


def test_pages_need_login(client):
    for url in (reverse("notifications:list"), reverse("notifications:preferences")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_list_shows_own_notifications_newest_first_unread_highlighted(client, reporter):
    old, new = _notify(reporter, 2)
    old.read_at = timezone.now()
    old.save()
    _notify(UserFactory(), 1)[0].title = "not mine"
    client.force_login(reporter)
    text = client.get(reverse("notifications:list")).text
    assert text.index("Thông báo 1") < text.index("Thông báo 0")
    assert f'class="card notification unread" data-notification="{new.pk}"' in text
    assert f'class="card notification" data-notification="{old.pk}"' in text
    assert "Nội dung<br>dòng hai" in text
    assert text.count('data-notification="') == 2  # nobody else's


def test_list_is_paginated_and_costs_a_fixed_number_of_queries(
    client, reporter, django_assert_max_num_queries
):
    _notify(reporter, 45)
    client.force_login(reporter)
    # session, user, the paginator's count, the unread count, the header's agency, the page
    with django_assert_max_num_queries(6):
        page = client.get(reverse("notifications:list")).text
    assert page.count('data-notification="') == 20 and "Trang 1/3" in page
    last = client.get(reverse("notifications:list"), {"page": 3}).text
    assert last.count('data-notification="') == 5


def test_header_shows_the_unread_count_with_one_query(client, reporter, django_assert_num_queries):
    _notify(reporter, 3)
    _notify(reporter, 1, read_at=timezone.now())
    client.force_login(reporter)
    text = client.get(reverse("targets:plan_list")).text
    header = text[
        text.index('id="thong-bao-dau-trang"') : text.index("</a>", text.index('id="thong-bao-dau-trang"'))
    ]
    assert '<span class="count" title="3 thông báo chưa đọc">3</span>' in header
    Notification.objects.filter(user=reporter).update(read_at=timezone.now())
    text = client.get(reverse("targets:plan_list")).text
    assert 'class="count"' not in text
    # one query, made once per request: the list page shows it twice (header and page)
    with django_assert_num_queries(6) as ctx:
        client.get(reverse("notifications:list"))
    assert sum("read_at" in q["sql"] and "COUNT" in q["sql"] for q in ctx.captured_queries) == 1


def test_anonymous_pages_make_no_count_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(reverse("login")).status_code == 200


def test_mark_one_read_then_follow_its_link(client, reporter):
    first, second = _notify(reporter, 2)
    client.force_login(reporter)
    response = client.post(reverse("notifications:read", args=[first.pk]), {"next": "/ke-hoach/"})
    assert response.status_code == 302 and response.url == "/ke-hoach/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    # somewhere else is not followed
    response = client.post(
        reverse("notifications:read", args=[second.pk]), {"next": "https://evil.example.com/"}
    )
    assert response.url == reverse("notifications:list")


def test_mark_read_needs_post(client, reporter):
    notification = _notify(reporter)[0]
    client.force_login(reporter)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_another_users_notification_is_404(client, reporter):
    theirs = _notify(User.objects.get(username="tp.head"))[0]
    client.force_login(reporter)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_csrf_is_required(reporter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    notification = _notify(reporter)[0]
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 403
    assert client.post(reverse("notifications:read_all")).status_code == 403


def test_mark_all_read_touches_only_own(client, reporter):
    _notify(reporter, 3)
    theirs = _notify(User.objects.get(username="tp.head"))[0]
    client.force_login(reporter)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.text
    assert not Notification.objects.filter(user=reporter, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_email_preference_off_and_on(client, reporter):
    client.force_login(reporter)
    page = client.get(reverse("notifications:preferences")).text
    assert 'name="email_enabled"' in page and "checked" in page  # on by default
    assert "tp.reporter@demo.cchc.local" in page
    response = client.post(reverse("notifications:preferences"), {}, follow=True)
    assert "Đã tắt nhận thư điện tử nhắc việc." in response.text
    assert NotificationPreference.objects.get(user=reporter).email_enabled is False
    assert email_enabled(User.objects.select_related("notification_preference").get(pk=reporter.pk)) is False
    client.post(reverse("notifications:preferences"), {"email_enabled": "on"})
    assert NotificationPreference.objects.get(user=reporter).email_enabled is True
    # another user's choice is untouched
    assert not NotificationPreference.objects.filter(user__username="tp.head").exists()
