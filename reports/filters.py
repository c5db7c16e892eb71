"""The dashboards' filters (django-filter), kept in the URL so that a view can be shared by
link. One filter set narrows the plan's stored target figures; the same choices narrow the
tasks and the agencies shown beside them (``tasks``, ``agencies``)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import AdministrativeLevel, Agency
from plans.models import PlanArea, ReportingPeriod
from plans.rules import TaskStatus
from targets.progress import Status

from .models import TargetProgress


class DashboardFilter(django_filters.FilterSet):
    ky = django_filters.ModelChoiceFilter(label=_("Kỳ báo cáo"), field_name="period",
                                          queryset=ReportingPeriod.objects.none(),
                                          empty_label=None, method="by_period")
    linh_vuc = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), field_name="target__statement__plan_area",
        queryset=PlanArea.objects.none(), empty_label=_("Tất cả lĩnh vực"))
    co_quan = django_filters.ModelChoiceFilter(
        label=_("Cơ quan"), queryset=Agency.objects.none(), method="by_agency",
        empty_label=_("Tất cả cơ quan"))
    cap = django_filters.ModelChoiceFilter(
        label=_("Cấp"), queryset=AdministrativeLevel.objects.all(), method="by_level",
        empty_label=_("Tất cả các cấp"))
    trang_thai = django_filters.ChoiceFilter(label=_("Trạng thái"), field_name="status",
                                             choices=Status.choices,
                                             empty_label=_("Mọi trạng thái"))
    qua_han = django_filters.BooleanFilter(
        label=_("Chỉ mục chậm, quá hạn"), method="by_late",
        widget=forms.CheckboxInput)

    class Meta:
        model = TargetProgress
        fields = []

    def __init__(self, data=None, *args, plan, default_period, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("ky"):
            data["ky"] = str(default_period.pk)
        super().__init__(data, *args, **kwargs)
        self.plan = plan
        self.filters["ky"].queryset = ReportingPeriod.objects.filter(plan=plan).order_by(
            "position")
        self.filters["linh_vuc"].queryset = PlanArea.objects.filter(plan=plan)
        self.filters["co_quan"].queryset = Agency.objects.filter(parent=plan.issuer_id).order_by(
            "kind", "name")
        form = self.form
        form.fields["ky"].label_from_instance = lambda p: p.get_kind_display()
        form.fields["linh_vuc"].label_from_instance = lambda a: f"{a.code}. {a.title}"

    # --- target figures ---------------------------------------------------------------------
    def by_period(self, queryset, name, value):
        return queryset.filter(period=value)

    def by_agency(self, queryset, name, value):
        """Targets the agency reports."""
        return queryset.filter(target__in=TargetProgress.objects.filter(
            period=self.value("ky"), agency=value).values("target"))

    def by_level(self, queryset, name, value):
        """Targets reported by agencies of that level."""
        return queryset.filter(target__in=TargetProgress.objects.filter(
            period=self.value("ky"), agency__level=value).values("target"))

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
            late = Q(tasks_overdue__gt=0) | Q(submission_status__in=["missing", "draft"]) | Q(
                submitted_on_time=False)
            queryset = queryset.filter(agency__in=queryset.model.objects.filter(
                late, period=self.period).values("agency"))
        return queryset
