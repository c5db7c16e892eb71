from django.views.generic import ListView, TemplateView


class PlanListView(ListView):
    pass


class PlanDetailView(TemplateView):
    pass
