"""Two drafts of one issuer issued with one number at the same moment, for real (PostgreSQL, two
connections: SQLite's in-memory test database is one connection). The penetration pass of
issue 19 saw two reports "101/BC-UBND" of 2023 in 3 of 8 attempts: the issue service checked
the number, then wrote, and locked only the report's own row (this test against that service:
two reports with one number in 4, 1 and 4 of 8 rounds in three runs). Exactly one may win; the
other reviewer is told which report has the number, on the form, and their draft stays as it
was."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from agencies.models import Agency, User
from plans.services import plan_periods_create_defaults
from reports import documents, services
from reports.models import Report
from tests.conftest import ensure_reference_data
from tests.factories import AgencyFactory, PlanFactory, UserFactory
from tests.workers import needs_postgresql

ROUNDS = 10


def rendered_draft(period) -> Report:
    draft, _created = services.report_draft_get_or_create(period=period)
    assert services.report_render_request(report=draft)  # in-process: the fake PDF below
    draft.refresh_from_db()
    assert draft.render_status == Report.Render.DONE, draft.render_error
    return draft


@pytest.mark.django_db(transaction=True)
def test_two_drafts_issued_with_one_number_at_once_one_wins_the_other_is_told(monkeypatch):
    needs_postgresql()
    ensure_reference_data()
    # The layout is not what is tested: a PDF "rendered" at once keeps each round short.
    monkeypatch.setattr(documents, "render_pdf", lambda data, **kwargs: b"%PDF-1.7 fake\n")
    issuer = AgencyFactory(kind=Agency.Kind.UBND_TINH, symbol="UBND", name="UBND tỉnh Thử")
    plan = PlanFactory(issuer=issuer, year=2023)
    first, second = plan_periods_create_defaults(plan=plan)[:2]
    reviewer = UserFactory(role=User.Role.REVIEWER, agency=AgencyFactory(parent=issuer))
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(reviewer)

    lookups = []  # the number's holder looked up: twice more when the constraint refused
    real_holder = services._number_holder
    monkeypatch.setattr(services, "_number_holder", lambda **kw: lookups.append(1) or real_holder(**kw))
    outcomes, told = [], {}
    for round_ in range(ROUNDS):
        number = str(101 + round_)
        drafts = [rendered_draft(first), rendered_draft(second)]
        before = {d.pk: (d.file.name, d.data, d.render_status) for d in drafts}
        lookups.clear()
        barrier = threading.Barrier(2, timeout=20)
        responses = [None, None]

        def issue(i, draft=None, barrier=barrier, number=number, responses=responses):
            try:
                barrier.wait()
                responses[i] = browsers[i].post(
                    reverse("reports:report_issue", args=[draft.pk]),
                    {"number": number, "issued_on": "05/07/2023"},
                )
            finally:
                connections.close_all()

        threads = [threading.Thread(target=issue, args=(i, d)) for i, d in enumerate(drafts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        issued = Report.objects.filter(period__plan=plan, state=Report.State.ISSUED, number=number)
        outcomes.append(
            {
                "round": round_ + 1,
                "issued": issued.count(),
                "statuses": [r.status_code if r is not None else None for r in responses],
                "refused by the constraint": len(lookups) > 2,
            }
        )
        if issued.count() != 1:
            continue
        winner = issued.get()
        loser_index = 1 - [d.pk for d in drafts].index(winner.pk)
        loser, response = drafts[loser_index], responses[loser_index]
        page = response.content.decode()
        loser.refresh_from_db()
        told[round_] = {
            "winner answered with a redirect": responses[1 - loser_index].status_code == 302,
            "the other with its form": response.status_code == 400,
            "which report has the number": (
                f"Số {number}/BC-UBND năm 2023 đã được dùng cho báo cáo "
                f"{winner.period.title} (phiên bản {winner.version}, ngày 05/07/2023)"
            )
            in page,
            "what was typed kept": 'value="05/07/2023"' in page and f'value="{number}"' in page,
            # nothing of the refused issue is written: still the same draft, file and figures
            "the other still a draft": (loser.state, loser.number, loser.issued_on, loser.issued_by)
            == (Report.State.DRAFT, "", None, None),
            "its file and figures unchanged": (loser.file.name, loser.data, loser.render_status)
            == before[loser.pk],
        }

    print("race outcomes:", outcomes)
    duplicated = [o for o in outcomes if o["issued"] != 1]
    assert not duplicated, f"{len(duplicated)} of {ROUNDS} rounds: {duplicated}"
    for round_, checks in told.items():
        assert all(checks.values()), (round_ + 1, checks)
