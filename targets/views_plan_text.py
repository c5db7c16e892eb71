""" "Tạo kế hoạch từ văn bản": a reviewer uploads a plan's .docx or .pdf, reviews on one page
what it proposes (the header, areas, targets and tasks, each editable, beside the words it was
read from) and creates the DRAFT plan, all or nothing (``targets.plan_text``,
``targets.services.plan_from_text_create``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.access import require_reviewer

from .forms import PlanDocumentForm
from .plan_text import SESSION_KEY, ReviewPage, pending_from_text


@login_required
@require_http_methods(["GET", "POST"])
def plan_from_text_start(request):
    require_reviewer(request.user)
    form = PlanDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = pending_from_text(
                request.user, form.cleaned_data["plan_text"], form.cleaned_data["file"].name
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = pending
            return redirect("targets:plan_from_text_review")
    return render(
        request, "targets/plan_from_text_start.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_from_text_review(request):
    require_reviewer(request.user)
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.info(request, _("Chưa có văn bản kế hoạch nào đang chờ xem xét."))
        return redirect("targets:plan_from_text")
    page = ReviewPage(pending, request.POST if request.method == "POST" else None, request.user)
    errors: list[str] = []
    if request.method == "POST":
        plan, errors = page.save()
        if plan is not None:
            del request.session[SESSION_KEY]
            messages.success(request, _("Đã tạo dự thảo kế hoạch “%(title)s”.") % {"title": plan.title})
            return redirect("targets:plan_detail", plan.pk)
    return render(
        request, "targets/plan_from_text_review.html", page.context(errors), status=400 if errors else 200
    )
