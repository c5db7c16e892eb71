"""Year close (chốt năm, DOMAIN.md "Judgements" → "Year close"): after 31/12, or when the
reviewer closes the plan year, the final verdicts are frozen (each target đạt / không đạt / chưa
đủ căn cứ, each task hoàn thành đúng hạn / hoàn thành quá hạn / không hoàn thành); they are shown
in "Kết quả cả năm", carried by next year's draft and read by the PAR-index scoring
(``reporting.selectors.verdicts``). Reopening is the reviewer's act with a reason, recorded.
Also: the migration that fills the first sending of reports sent before it was kept."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from plans.models import Task, YearClose
from plans.rules import TaskVerdict as Outcome
from reporting.models import Submission, TargetVerdict, TaskProgress, TaskVerdict
from reporting.selectors.verdicts import plan_verdicts
from reporting.services.rollover import plan_rollover
from reporting.services.year_close import years_close_due
from targets.progress import Status

from .judgement_world import YEAR, build_world, local, rate, task_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    """Agency A finishes its task on time and meets the target; B never finishes its task
    (due 30/09) and misses the target; A's year report is first sent on time, returned and
    resent after the deadline; B's year report is first sent late."""
    world = build_world(n_agencies=2)
    a, b = world.agencies
    target = world.target("1.a", "Trên 90% hồ sơ giải quyết đúng hạn", comparator=">", value=90)
    done = world.task("1.1", "Công bố danh mục thủ tục hành chính", [a], due_date=date(YEAR, 6, 30))
    late = world.task("1.2", "Số hóa kết quả giải quyết thủ tục", [b], due_date=date(YEAR, 9, 30))
    year = world.periods["year"]
    first = world.send(
        "year",
        a,
        targets={target: rate(95, 100)},
        tasks={done: task_line("done", 100, date(YEAR, 6, 20))},
    )
    world.give_back(first)
    world.approve(
        world.send(
            "year",
            a,
            at=local(date(YEAR, 12, 28)),
            targets={target: rate(95, 100)},
            tasks={done: task_line("done", 100, date(YEAR, 6, 20))},
        )
    )
    world.approve(
        world.send(
            "year",
            b,
            at=local(date(YEAR, 12, 27)),
            targets={target: rate(80, 100)},
            tasks={late: task_line()},
        )
    )
    world.compute()
    assert year.deadline < date(YEAR, 12, 27)
    return world, target, done, late


def results_page(world, client) -> str:
    client.force_login(world.reviewer)
    response = client.get(reverse("reporting:plan_year_results", args=[world.plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def row_of(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[html.rfind("<tr", 0, start) : html.index("</tr>", start)]


def test_the_reviewer_closes_the_year_with_a_reason_and_the_verdicts_are_frozen(year, client):
    world, target, done, late = year
    client.force_login(world.reviewer)
    close_url = reverse("reporting:plan_year_close", args=[world.plan.pk])
    assert "Năm kế hoạch chưa được chốt." in results_page(world, client)
    client.post(close_url, {"reason": "  "})  # no reason: refused
    assert not YearClose.objects.filter(plan=world.plan).exists()

    client.post(close_url, {"reason": "Đã có báo cáo năm của các cơ quan."})
    page = results_page(world, client)
    assert "Đã chốt năm" in page and "Đã có báo cáo năm của các cơ quan." in page
    # the province's target: 2 sở, 1 met → 50% against "trên 90%": không đạt, final
    assert "Không đạt" in row_of(page, f'data-target="{target.pk}"')
    assert "2/2 cơ quan" in row_of(page, f'data-target="{target.pk}"')
    assert "Hoàn thành đúng hạn" in row_of(page, f'data-task="{done.pk}"')
    unfinished = row_of(page, f'data-task="{late.pk}"')
    assert "Không hoàn thành" in unfinished and "30/09/2024" in unfinished
    # the plan's page says the year is closed and links the results
    plan_page = client.get(reverse("targets:plan_detail", args=[world.plan.pk])).content.decode()
    assert 'data-year-close="closed"' in plan_page and "Kết quả cả năm" in plan_page

    # a figure approved after the close changes nothing frozen
    TaskProgress.objects.filter(task=late).update(status="done_on_time")
    verdict = TaskVerdict.objects.get(task=late, agency=None)
    assert verdict.verdict == Outcome.NOT_DONE
    assert "Không hoàn thành" in row_of(results_page(world, client), f'data-task="{late.pk}"')


def test_reopening_is_recorded_with_its_reason_and_a_new_close_freezes_again(year, client):
    world, target, _done, late = year
    client.force_login(world.reviewer)
    client.post(reverse("reporting:plan_year_close", args=[world.plan.pk]), {"reason": "Chốt sớm."})
    first = YearClose.objects.get(plan=world.plan)
    client.post(reverse("reporting:plan_year_reopen", args=[world.plan.pk]), {"reason": ""})
    first.refresh_from_db()
    assert first.reopened_at is None  # no reason: refused

    client.post(
        reverse("reporting:plan_year_reopen", args=[world.plan.pk]), {"reason": "Sở B bổ sung minh chứng."}
    )
    first.refresh_from_db()
    assert first.reopened_at is not None and first.reopened_by == world.reviewer
    assert first.reopen_reason == "Sở B bổ sung minh chứng."
    assert first.history.filter(history_change_reason="Sở B bổ sung minh chứng.").exists()
    page = results_page(world, client)
    assert "Đã mở lại lúc" in page and "Sở B bổ sung minh chứng." in page
    assert plan_verdicts(world.plan.pk) is None
    # the daily job leaves a reopened year to the reviewer
    assert all(c.plan_id != world.plan.pk for c in years_close_due(today=date(YEAR + 1, 2, 1)))

    client.post(reverse("reporting:plan_year_close", args=[world.plan.pk]), {"reason": "Chốt lại."})
    second = YearClose.objects.get(plan=world.plan, reopened_at=None)
    assert second.pk != first.pk
    # the first close keeps its own verdicts; the new one has its own
    assert TargetVerdict.objects.filter(year_close=first, target=target, agency=None).exists()
    assert TargetVerdict.objects.filter(year_close=second, target=target, agency=None).exists()
    assert plan_verdicts(world.plan.pk).close.id == second.pk


def test_the_daily_job_closes_only_years_that_have_ended():
    world = build_world(n_agencies=1)
    assert all(c.plan_id != world.plan.pk for c in years_close_due(today=date(YEAR, 12, 31)))
    assert not YearClose.objects.filter(plan=world.plan).exists()
    closed = years_close_due(today=date(YEAR + 1, 1, 1))
    mine = [c for c in closed if c.plan_id == world.plan.pk]
    assert len(mine) == 1 and mine[0].automatic and mine[0].closed_by is None
    assert "31/12/2024" in mine[0].reason
    # once closed, never twice
    assert all(c.plan_id != world.plan.pk for c in years_close_due(today=date(YEAR + 1, 1, 2)))
    # no data at all: no target is đạt
    assert not TargetVerdict.objects.filter(year_close=mine[0], verdict=Status.MET).exists()


def test_the_scoring_reads_per_agency_tasks_first_sendings_and_targets(year, client):
    world, target, done, late = year
    a, b = world.agencies
    client.force_login(world.reviewer)
    client.post(reverse("reporting:plan_year_close", args=[world.plan.pk]), {"reason": "Chốt năm."})
    results = plan_verdicts(world.plan.pk)
    assert results.target_counts() == {Status.MET: 0, Status.NOT_MET: 1, Status.NO_BASIS: 0}
    assert results.task_counts()[Outcome.DONE_ON_TIME] == 1 and results.task_counts()[Outcome.NOT_DONE] == 1

    year_a, year_b = results.agencies[a.pk], results.agencies[b.pk]
    assert [(t.task_id, t.verdict) for t in year_a.tasks] == [(done.pk, Outcome.DONE_ON_TIME)]
    assert [(t.task_id, t.verdict) for t in year_b.tasks] == [(late.pk, Outcome.NOT_DONE)]
    assert year_a.targets_met == 1 and year_b.targets_met == 0
    # A's year report: first sent on time, returned and resent late → on time; B's: sent late
    sending = {r.period_kind: r for r in year_a.reports}
    assert sending["year"].on_time is True
    assert {r.period_kind: r.on_time for r in year_b.reports}["year"] is False
    assert sending["q1"].on_time is None  # never sent
    assert year_a.reports_on_time == 1 and year_b.reports_on_time == 0


def test_next_years_draft_reads_the_frozen_verdicts(year, client):
    world, _target, done, late = year
    client.force_login(world.reviewer)
    client.post(reverse("reporting:plan_year_close", args=[world.plan.pk]), {"reason": "Chốt năm."})
    # stored figures changed after the close (say, a late approval): the draft follows the close
    TaskProgress.objects.filter(task=late).update(status="done_on_time")
    TaskProgress.objects.filter(task=done).update(status="overdue")
    draft = plan_rollover(plan=world.plan)
    codes = set(Task.objects.filter(plan=draft).values_list("code", flat=True))
    assert "1.2" in codes  # không hoàn thành: carried over
    assert "1.1" not in codes  # hoàn thành đúng hạn: not copied


def test_the_migration_fills_the_first_sending_from_history(year):
    """A report sent on time, returned and resent late: before ``first_submitted_at`` existed
    only the latest sending was kept; the migration finds the first in the report's history."""
    world, *_ = year
    a = world.agencies[0]
    submission = Submission.objects.get(period=world.periods["year"], agency=a)
    first = submission.first_submitted_at
    assert submission.submitted_at > first
    Submission.objects.filter(pk=submission.pk).update(first_submitted_at=None)
    migration = importlib.import_module("reporting.migrations.0004_fill_first_sending_from_history")
    migration.fill_first_sending(apps, None)
    submission.refresh_from_db()
    assert submission.first_submitted_at == first
    # without any history row: the latest sending is the best that is left
    submission.history.all().delete()
    Submission.objects.filter(pk=submission.pk).update(first_submitted_at=None)
    migration.fill_first_sending(apps, None)
    submission.refresh_from_db()
    assert submission.first_submitted_at == submission.submitted_at
