from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from django_filters.views import FilterView

from agencies.access import can_review_plan, own_agency_only, user_is_reviewer
from plans.access import (
    belongs_together,
    can_read_plan_dashboard,
    readable_plans,
    require_plan_reader,
)
from plans.filters import PlanFilter
from plans.models import Plan

from . import plan_selectors as selectors


class PlanListView(LoginRequiredMixin, FilterView):
    filterset_class = PlanFilter
    template_name = "targets/plan_list.html"
    context_object_name = "plans"
    paginate_by = 25

    def get_queryset(self):
        return readable_plans(self.request.user, selectors.plan_list())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create_from_text"] = user_is_reviewer(self.request.user)
        return context


class PlanDetailView(LoginRequiredMixin, TemplateView):
    template_name = "targets/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = get_object_or_404(
            Plan.objects.select_related("issuer", "parent", "copied_from"), pk=self.kwargs["pk"]
        )
        require_plan_reader(self.request.user, plan)
        context["plan"] = plan
        context.update(selectors.plan_detail(plan))
        user = self.request.user
        context["can_review"] = can_review_plan(user, plan)
        context["can_roll_over"] = plan.is_annual and can_review_plan(user, plan)
        context["copies"] = list(plan.copies.order_by("year"))
        context["can_see_dashboard"] = can_read_plan_dashboard(user, plan)
        # the year's close (chốt năm): the latest, in force or reopened
        context["year_close"] = plan.year_closes.select_related("closed_by", "reopened_by").first()
        own = own_agency_only(user)
        context["own_agency_id"] = own.pk if own and belongs_together(plan, own) else None
        return context
