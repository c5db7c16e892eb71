"""A moment is printed one way on every page and in every message: the time first, then the
day, "14:05 08/12/2026" (official texts write "14 giờ 05 ngày 08/12/2026"), in Vietnamese
and in English alike (dd/mm/yyyy everywhere)."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from agencies.models import User
from notifications.models import Notification

ROOT = Path(settings.BASE_DIR)
MOMENT = datetime(2026, 12, 8, 7, 5, tzinfo=UTC)  # 14:05 in Hà Nội (UTC+7)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_site_format_puts_the_time_first(language):
    with translation.override(language):
        assert date_format(timezone.localtime(MOMENT), "DATETIME_FORMAT") == "14:05 08/12/2026"
        assert date_format(timezone.localtime(MOMENT), "SHORT_DATETIME_FORMAT") == "14:05 08/12/2026"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_page_prints_a_moment_time_first(client, language):
    reporter = User.objects.get(username="tp.reporter")
    Notification.objects.create(
        user=reporter, kind=Notification.Kind.PERIOD_DUE, title="Kỳ báo cáo", link="/", created_at=MOMENT
    )
    client.force_login(reporter)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = client.get(reverse("notifications:list")).text
    assert "14:05 08/12/2026" in text
    assert "08/12/2026 14:05" not in text


def test_no_template_spells_its_own_date_time_format():
    """A template asks ``date:"DATETIME_FORMAT"``; a format of its own with an hour in it is
    how pages came to print "08/12/2026 14:05" on one and "14:05 08/12/2026" on another."""
    own = re.compile(r"""\|date:["'](?![A-Z_]+["'])[^"']*[HhGgi][^"']*["']""")
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]  # site's, apps'
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates
        for match in own.finditer(path.read_text(encoding="utf-8"))
    ]
    assert len(templates) > 50 and found == []
