from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cchc.jobs import send

from .models import Plan, PlanAmendment, PlanArea, ReformArea, ReportingPeriod, Task


@admin.register(ReformArea)
class ReformAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "short_name", "code"]
    search_fields = ["name", "short_name"]


class PlanAreaInline(admin.TabularInline):
    model = PlanArea
    extra = 0
    autocomplete_fields = ["lead_agency"]


class ReportingPeriodInline(admin.TabularInline):
    model = ReportingPeriod
    extra = 0


class PlanAmendmentInline(admin.TabularInline):
    model = PlanAmendment
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "number", "year", "issuer", "status"]
    list_filter = ["status", "year", "issuer"]
    list_select_related = ["issuer"]
    search_fields = ["title", "number", "code"]
    autocomplete_fields = ["issuer", "parent"]
    inlines = [PlanAreaInline, ReportingPeriodInline, PlanAmendmentInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        plan_id = form.instance.pk
        # An annual plan gets the national default periods it lacks, once the save commits.
        transaction.on_commit(lambda: send("plans.tasks.plan_periods_ensure", plan_id))  # broker down: no 500


@admin.register(PlanArea)
class PlanAreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "area", "lead_agency"]
    list_filter = ["plan", "area"]
    list_select_related = ["plan", "area", "lead_agency"]
    search_fields = ["title", "plan__title"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["code", "short_text", "plan", "plan_area", "due_text", "due_date", "recurring"]
    list_filter = ["plan", "plan_area__area", "recurring", "lead_agencies"]
    list_select_related = ["plan", "plan_area"]
    search_fields = ["code", "text", "due_text", "cooperating_groups"]
    autocomplete_fields = ["plan", "plan_area", "parent", "lead_agencies", "cooperating_agencies"]

    @admin.display(description=_("nội dung"))
    def short_text(self, obj):
        return obj.text[:90]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "window_start", "window_end", "deadline"]
    list_filter = ["kind", "plan"]
    list_select_related = ["plan"]
