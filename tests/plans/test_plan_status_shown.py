"""A plan whose year is long past is not shown as "Đang thực hiện" (issue 22, item 18)."""

from datetime import date

import pytest
from django.urls import reverse

from agencies.models import User
from plans.models import Plan
from plans.rules import plan_status_shown


def test_a_plan_in_force_is_shown_ended_once_its_year_report_is_in():
    assert plan_status_shown(status="in_force", last_year=2023, today=date(2023, 12, 31)) == "in_force"
    assert plan_status_shown(status="in_force", last_year=2023, today=date(2024, 3, 31)) == "in_force"
    assert plan_status_shown(status="in_force", last_year=2023, today=date(2024, 4, 1)) == "closed"
    assert plan_status_shown(status="in_force", last_year=2025, today=date(2026, 12, 7)) == "closed"
    assert plan_status_shown(status="draft", last_year=2023, today=date(2026, 1, 1)) == "draft"


@pytest.mark.django_db
def test_the_plan_list_does_not_say_a_2023_plan_is_in_force(client, monkeypatch):
    monkeypatch.setattr("cchc.clock.today", lambda: date(2026, 6, 1))
    plan = Plan.objects.get(code="hung-yen-2023")
    assert plan.status == Plan.Status.IN_FORCE
    client.force_login(User.objects.get(username="nv.reviewer"))
    text = client.get(reverse("targets:plan_list")).content.decode()
    row = text[text.index(plan.title) :][:2000]
    assert "Đã kết thúc" in row.split("</tr>")[0] and "Đang thực hiện" not in row.split("</tr>")[0]
    detail = client.get(reverse("targets:plan_detail", args=[plan.pk])).content.decode()
    assert 'status-closed">Đã kết thúc' in detail
