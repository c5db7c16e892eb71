"""Agency restructuring: the reviewer records a merge, split, rename or dissolution, and the
open work moves to the successors (``reporting.services.restructuring``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.access import province_bodies, require_reviewer
from agencies.forms import RestructureForm
from agencies.models import AgencySuccession
from cchc.collation import vietnamese

from ..services.restructuring import restructuring_record


def _province_agencies(user):
    return list(province_bodies(user).select_related("parent").order_by("kind", vietnamese("name")))


@login_required
@require_http_methods(["GET", "POST"])
def restructuring(request):
    require_reviewer(request.user)
    agencies = _province_agencies(request.user)
    form = RestructureForm(request.POST or None, agencies=agencies)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = restructuring_record(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors = error.messages
        except IntegrityError:
            errors = [
                _(
                    "Việc sắp xếp này vừa được ghi nhận (có thể do bấm hai lần): tải lại "
                    "trang để xem, không cần ghi lại."
                )
            ]
        else:
            messages.success(
                request,
                _(
                    "Đã ghi nhận sắp xếp. Chuyển sang cơ quan kế thừa: %(tasks)s nhiệm vụ, %(targets)s "
                    "chỉ tiêu, %(areas)s lĩnh vực, %(users)s tài khoản."
                )
                % vars(summary),
            )
            for note in summary.notes:
                messages.warning(request, note)
            return redirect("reporting:restructuring")
    return render(
        request,
        "reporting/restructuring.html",
        {
            "form": form,
            "errors": errors,
            "records": _records(agencies),
        },
        status=400 if (errors or form.errors) else 200,
    )


def _records(agencies):
    ids = [a.pk for a in agencies]
    return (
        AgencySuccession.objects.filter(Q(predecessor__in=ids) | Q(successor__in=ids))
        .select_related("predecessor", "successor")
        .order_by("-effective_date", "pk")
    )
