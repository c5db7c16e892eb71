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
