import factory

from agencies.models import AdministrativeLevel, Agency, User
from plans.models import Plan


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"test-agency-{n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    kind = Agency.Kind.SO
    level = factory.LazyFunction(lambda: AdministrativeLevel.objects.get(code="tinh"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.REVIEWER
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    code = factory.Sequence(lambda n: f"test-plan-{n}")
    title = factory.Sequence(lambda n: f"Kế hoạch thử nghiệm {n}")
    issuer = factory.SubFactory(AgencyFactory, kind=Agency.Kind.UBND_TINH)
    year = 2025
    status = Plan.Status.IN_FORCE


def stored_report(period, agency, *, issued=False, number="5", name="stand-in.pdf"):
    """A report with its snapshot and a (stand-in) file, without spending a render on it; an
    issued one carries its issuer, series and year as the issue service stores them."""
    from datetime import date

    from django.core.files.base import ContentFile

    from reports.documents import agency_report_data, province_report_data
    from reports.models import Report

    data = agency_report_data(period, agency) if agency else province_report_data(period)
    report = Report(
        period=period,
        agency=agency,
        data=data,
        render_status="done",
        state="issued" if issued else "draft",
        number=number if issued else "",
        issued_on=date(period.plan.year, 4, 20) if issued else None,
    )
    if issued:
        report.issuer = agency or period.plan.issuer
        report.series = f"BC-{data['issuer']['symbol']}"
        report.issued_year = period.plan.year
    report.file.save(name, ContentFile(b"%PDF-1.7 stand-in"), save=False)
    report.save()
    return report


def successor_body(body, *, code: str, name: str, valid_from, short_name: str = ""):
    """A new body of the same kind, level and parent as ``body``, in force from ``valid_from``:
    what a merger or a split creates (the restructuring tests)."""
    return Agency.objects.create(
        code=code,
        name=name,
        short_name=short_name,
        kind=body.kind,
        level=body.level,
        parent=body.parent,
        valid_from=valid_from,
    )
