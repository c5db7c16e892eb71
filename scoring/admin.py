"""The criteria sets' tree is edited here (a draft only: a published set is read-only, a new
version is made from its page), and the rounds' windows and council."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Assessment,
    CouncilMembership,
    CriteriaNode,
    CriteriaSet,
    Publication,
    ScoringRound,
)
from .sources import MEASURES


class CriteriaNodeForm(forms.ModelForm):
    class Meta:
        model = CriteriaNode
        fields = [
            "position",
            "code",
            "level",
            "parent",
            "title",
            "max_points",
            "rule_kind",
            "rule_params",
            "guidance",
            "evidence_asked",
            "measure",
            "measure_params",
            "reform_area",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "guidance": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "evidence_asked": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "rule_params": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "measure_params": forms.Textarea(attrs={"rows": 1, "cols": 20}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"] = forms.ChoiceField(
            label=_("tính từ dữ liệu"),
            required=False,
            choices=[("", "—"), *((code, m.label) for code, m in MEASURES.items())],
        )


class CriteriaNodeInline(admin.TabularInline):
    model = CriteriaNode
    form = CriteriaNodeForm
    fk_name = "criteria_set"
    extra = 0
    ordering = ["position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            set_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = CriteriaNode.objects.filter(criteria_set_id=set_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(CriteriaSet)
class CriteriaSetAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "code", "version", "status", "is_example", "province"]
    list_filter = ["status", "year", "is_example", "province"]
    list_select_related = ["province"]
    search_fields = ["title", "decision_number", "code"]
    readonly_fields = ["status", "published_at", "published_by", "copied_from"]
    inlines = [CriteriaNodeInline]

    def has_change_permission(self, request, obj=None):
        # a published set is the decision as issued: read-only (a new version can change)
        return (obj is None or not obj.is_published) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_published) and super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for error in services.criteria_set_problems(criteria_set=form.instance):
            messages.warning(request, error)


class CouncilMembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 0
    autocomplete_fields = ["user"]
    filter_horizontal = ["units"]


@admin.register(ScoringRound)
class ScoringRoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "province", "finalized_at", "is_demo"]
    list_filter = ["year", "province"]
    readonly_fields = ["finalized_at", "finalized_by", "computed_at", "computed_ms"]
    inlines = [CouncilMembershipInline]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "round", "group", "state", "is_demo"]
    list_filter = ["state", "group", "round"]
    list_select_related = ["unit", "round"]

    def has_change_permission(self, request, obj=None):
        return False  # the pages and their services write it: every step in its history


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["round", "state", "number", "issued_on"]

    def has_change_permission(self, request, obj=None):
        return False
