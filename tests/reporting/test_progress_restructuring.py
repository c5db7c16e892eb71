"""A restructuring during the plan year changes who answers, not the province's figures: the
work of a body merged away before a period's cut-off is its successor's (the 6 tháng lines of a
body merged on 1/7 count in the year to date at Quý III), and a body that reported before it
merged into one that already existed is still counted for the periods before the merge
(DOMAIN.md "Agencies": 2023–2024 data stays correct and rolls up into today's bodies)."""

from datetime import date

import pytest

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import TargetProgress
from reporting.progress import period_progress_compute
from reporting.services.restructuring import restructure
from targets.models import Target
from tests.factories import successor_body

pytestmark = pytest.mark.django_db

#: the figures; how many bodies reported may drop by one where two bodies became one
FIGURES = ("numerator", "denominator", "value", "progress", "met")


def province_figures(plan_code: str) -> dict:
    """Every period's province figure of every target, computed now."""
    result = {}
    for period in ReportingPeriod.objects.filter(plan__code=plan_code).order_by("position"):
        period_progress_compute(period_id=period.pk)
        for row in TargetProgress.objects.filter(period=period, scope="province").values(
            "target_id", *FIGURES
        ):
            result[(period.kind, row.pop("target_id"))] = row
    return result


@pytest.mark.parametrize("into", ["a new body", "a body that already existed"])
def test_a_merge_on_1_july_leaves_every_province_figure_as_it_was(into):
    old = Agency.objects.get(code="hy-stttt")
    moved = list(
        Target.objects.filter(statement__plan__code="hung-yen-2023")
        .filter(reporting_agencies=old)
        .values_list("pk", flat=True)
    ) + list(
        Target.objects.filter(statement__plan__code="hung-yen-2023", responsible_agency=old).values_list(
            "pk", flat=True
        )
    )
    assert moved, "Sở TT&TT reports targets of the Hưng Yên plan (demo)"
    before = province_figures("hung-yen-2023")
    if into == "a new body":
        successor = successor_body(
            old,
            code="hy-skhcn-2023",
            name="Sở Khoa học, Công nghệ và Số",
            short_name="Sở KHCN&S",
            valid_from=date(2023, 7, 1),
        )
    else:
        successor = Agency.objects.get(code="hy-skhdt")
    restructure(
        kind="merge",
        predecessors=[old],
        successors=[successor],
        effective_date=date(2023, 7, 1),
        user=User.objects.get(username="nv.reviewer"),
        decision="Quyết định số 12/QĐ-UBND",
    )
    after = province_figures("hung-yen-2023")
    changed = {key: (before[key], after.get(key)) for key in before if after.get(key) != before[key]}
    assert changed == {}
    # ... and at Quý III the successor carries the merged body's 6 tháng lines
    q3 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    assert not TargetProgress.objects.filter(period=q3, agency=old).exists()
    assert TargetProgress.objects.filter(
        period=q3, agency=successor, target_id__in=moved, reported=1
    ).exists()
