from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Target, TargetLevelThreshold, TargetStatement
from .selectors import with_level_thresholds
from .templatetags.target_tags import target_figure


class TargetInline(admin.StackedInline):
    model = Target
    extra = 0
    fields = [
        "position",
        "code",
        "text",
        ("measure", "comparator", "direction"),
        ("value", "value_max", "unit"),
        ("baseline_value", "baseline_year"),
        ("stretch", "due_date"),
        "note",
        "responsible_agency",
        "reporting_scope",
        "parent",
    ]
    autocomplete_fields = ["responsible_agency", "parent"]
    show_change_link = True


@admin.register(TargetStatement)
class TargetStatementAdmin(admin.ModelAdmin):
    list_display = ["code", "short_text", "plan", "plan_area"]
    list_filter = ["plan", "plan_area__area"]
    list_select_related = ["plan", "plan_area"]
    search_fields = ["code", "text"]
    inlines = [TargetInline]

    @admin.display(description=_("nguyên văn"))
    def short_text(self, obj):
        return obj.text[:90]


class ThresholdInline(admin.TabularInline):
    model = TargetLevelThreshold
    extra = 0


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "short_text", "figure", "measure", "stretch", "responsible_agency"]
    list_filter = [
        "measure",
        "comparator",
        "stretch",
        "reporting_scope",
        "statement__plan",
        "statement__plan_area__area",
    ]
    list_select_related = ["responsible_agency", "statement"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(with_level_thresholds())

    @admin.display(description=_("chỉ tiêu"))
    def figure(self, obj):
        return target_figure(obj)

    search_fields = ["code", "text", "statement__text"]
    autocomplete_fields = ["statement", "parent", "responsible_agency", "reporting_agencies"]
    filter_horizontal = ["reporting_levels"]
    inlines = [ThresholdInline]

    @admin.display(description=_("nội dung"))
    def short_text(self, obj):
        return obj.text[:90]
