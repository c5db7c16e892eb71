"""The dashboards' filters (django-filter), kept in the URL so that a view can be shared by
link. One filter set narrows the plan's stored target figures; the same choices narrow the
tasks and the agencies shown beside them (``tasks``, ``agencies``)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from agencies.models import AdministrativeLevel, Agency
from cchc.collation import vietnamese
from plans.models import PlanArea, ReportingPeriod
from plans.rules import TaskStatus
from reporting.models import TargetProgress
from targets.progress import Status

from .dashboards import default_period


class _KnownIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.known:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.known) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.known)


class KnownModelChoiceField(ModelChoiceField):
    """A model choice listed and checked from one list (``known``): the queryset read once,
    on first use, or the objects the view has read already. Django's field queries again to
    check the value and again for each rendering."""

    iterator = _KnownIterator
    _known = None

    @property
    def known(self) -> list:
        if self._known is None:
            self._known = list(self.queryset)
        return self._known

    @known.setter
    def known(self, objects):
        self._known = list(objects)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        invalid = ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
        try:  # read as the database lookup would read it
            value = (model._meta.pk if key == "pk" else model._meta.get_field(key)).to_python(value)
        except ValidationError:
            raise invalid from None
        found = next((obj for obj in self.known if getattr(obj, key) == value), None)
        if found is None:
            raise invalid
        return found


class KnownModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = KnownModelChoiceField


class DashboardFilter(django_filters.FilterSet):
    ky = KnownModelChoiceFilter(
        label=_("Kỳ báo cáo"),
        field_name="period",
        queryset=ReportingPeriod.objects.none(),
        empty_label=None,
        method="by_period",
    )
    linh_vuc = KnownModelChoiceFilter(
        label=_("Lĩnh vực"),
        field_name="target__statement__plan_area",
        queryset=PlanArea.objects.none(),
        empty_label=_("Tất cả lĩnh vực"),
    )
    co_quan = KnownModelChoiceFilter(
        label=_("Cơ quan"),
        queryset=Agency.objects.none(),
        method="by_agency",
        empty_label=_("Tất cả cơ quan"),
    )
    cap = KnownModelChoiceFilter(
        label=_("Cấp"),
        queryset=AdministrativeLevel.objects.all(),
        method="by_level",
        empty_label=_("Tất cả các cấp"),
    )
    trang_thai = django_filters.ChoiceFilter(
        label=_("Trạng thái"), field_name="status", choices=Status.choices, empty_label=_("Mọi trạng thái")
    )
    qua_han = django_filters.BooleanFilter(
        label=_("Chỉ mục chậm, quá hạn"), method="by_late", widget=forms.CheckboxInput
    )

    class Meta:
        model = TargetProgress
        fields = []

    def __init__(self, data=None, *args, plan, periods, **kwargs):
        """``periods``: the plan's periods in order, as the view has read them; without ?ky=
        the current one (``dashboards.default_period``)."""
        data = data.copy() if data is not None else {}
        if not data.get("ky"):
            data["ky"] = str(default_period(periods).pk)
        super().__init__(data, *args, **kwargs)
        self.plan = plan
        self.filters["ky"].queryset = ReportingPeriod.objects.filter(plan=plan).order_by("position")
        self.filters["linh_vuc"].queryset = PlanArea.objects.filter(plan=plan)
        # an option shows the agency's name (``Agency.__str__``); nothing else of it is read
        self.filters["co_quan"].queryset = (
            Agency.objects.filter(parent=plan.issuer_id)
            .order_by("kind", vietnamese("name"))
            .only("name", "short_name")
        )
        form = self.form
        form.fields["ky"].known = periods
        form.fields["ky"].label_from_instance = lambda p: p.get_kind_display()
        form.fields["linh_vuc"].label_from_instance = lambda a: f"{a.code}. {a.title}"

    # --- target figures ---------------------------------------------------------------------
    def by_period(self, queryset, name, value):
        return queryset.filter(period=value)

    def by_agency(self, queryset, name, value):
        """Targets the agency reports."""
        return queryset.filter(
            target__in=TargetProgress.objects.filter(period=self.value("ky"), agency=value).values("target")
        )

    def by_level(self, queryset, name, value):
        """Targets reported by agencies of that level."""
        return queryset.filter(
            target__in=TargetProgress.objects.filter(period=self.value("ky"), agency__level=value).values(
                "target"
            )
        )

    def by_late(self, queryset, name, value):
        return queryset.filter(status=Status.OFF_TRACK) if value else queryset

    def value(self, name):
        return self.form.cleaned_data.get(name) if self.is_valid() else None

    @property
    def period(self) -> ReportingPeriod:
        return self.value("ky")

    # --- the same choices on tasks and agencies -------------------------------------------
    def tasks(self, queryset):
        """TaskProgress rows of the period."""
        queryset = queryset.filter(period=self.period)
        if self.value("linh_vuc"):
            queryset = queryset.filter(task__plan_area=self.value("linh_vuc"))
        if self.value("co_quan"):
            queryset = queryset.filter(task__lead_agencies=self.value("co_quan"))
        if self.value("cap"):
            queryset = queryset.filter(task__lead_agencies__level=self.value("cap")).distinct()
        if self.value("qua_han"):
            queryset = queryset.filter(status=TaskStatus.OVERDUE)
        return queryset

    def agencies(self, queryset):
        """AgencyProgress rows (any period): narrowed by agency, level and lateness."""
        if self.value("co_quan"):
            queryset = queryset.filter(agency=self.value("co_quan"))
        if self.value("cap"):
            queryset = queryset.filter(agency__level=self.value("cap"))
        if self.value("qua_han"):
            late = (
                Q(tasks_overdue__gt=0)
                | Q(submission_status__in=["missing", "draft", "to_head"])
                | Q(submitted_on_time=False)
            )
            queryset = queryset.filter(
                agency__in=queryset.model.objects.filter(late, period=self.period).values("agency")
            )
        return queryset
