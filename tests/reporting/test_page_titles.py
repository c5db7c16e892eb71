"""Page titles name a period once: "Báo cáo Năm 2023", not "Báo cáo Năm năm 2023", and a year
report is of the plan's year, not of its deadline's (issue 22, item 19)."""

import re

import pytest
from django.urls import reverse

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import Submission

pytestmark = pytest.mark.django_db


def page(client, username, url):
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_year_report_entry_page_says_năm_2023_once(client):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    agency = Agency.objects.get(code="hy-stp")
    text = page(client, "tp.reporter", reverse("reporting:submission_entry", args=[period.pk, agency.pk]))
    assert "Báo cáo Năm 2023 — Sở Tư pháp" in text
    assert "Năm năm" not in text and "Năm 2024" not in text


def test_review_pages_name_the_period_by_its_title(client):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    text = page(client, "nv.reviewer", reverse("reporting:review_queue", args=[period.pk]))
    assert "Duyệt báo cáo Năm 2023" in text and "Năm năm" not in text
    submission = Submission.objects.filter(period=period).exclude(status=Submission.Status.DRAFT).first()
    text = page(client, "nv.reviewer", reverse("reporting:submission_review", args=[submission.pk]))
    assert f"{submission.agency.name} — Năm 2023" in text
    # the way back names the period whole ("Duyệt báo cáo Năm" lost the year)
    assert re.search(r'<nav class="crumbs"><a href="[^"]+">Duyệt báo cáo Năm 2023</a></nav>', text)
