"""Agency restructuring: the reviewer records a merge, split, rename or dissolution, and the
open work moves to the successors (``agencies.restructuring``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.access import province_bodies, require_reviewer
from agencies.forms import RestructureForm
from agencies.models import Agency, AgencySuccession

from ..services.restructuring import restructure


def _province_agencies(user):
    return list(province_bodies(user).select_related("parent").order_by("kind", "name"))


@login_required
@require_http_methods(["GET", "POST"])
def restructuring(request):
    require_reviewer(request.user)
    agencies = _province_agencies(request.user)
    form = RestructureForm(request.POST or None, agencies=agencies)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                # Two clicks (or two reviewers) on the same bodies: the second waits here for
                # the first to finish, then reads what it wrote (the new body, the recorded
                # succession) and is refused with a message instead of writing it again.
                locked = {a.pk: a for a in Agency.objects.select_for_update().filter(
                    pk__in=[a.pk for a in data["predecessors"]]).order_by("pk")}
                predecessors = [locked[a.pk] for a in data["predecessors"]]
                successors = list(data["successors"])
                if data["new_name"].strip():
                    successors.append(_new_agency(predecessors[0], data))
                summary = restructure(
                    kind=data["kind"], predecessors=predecessors, successors=successors,
                    effective_date=data["effective_date"], user=request.user,
                    decision=data["decision"], note=data["note"], move_users=data["move_users"])
        except ValidationError as error:
            errors = error.messages
        except IntegrityError:
            errors = [_("Việc sắp xếp này vừa được ghi nhận (có thể do bấm hai lần): tải lại "
                        "trang để xem, không cần ghi lại.")]
        else:
            messages.success(request, _(
                "Đã ghi nhận sắp xếp. Chuyển sang cơ quan kế thừa: %(tasks)s nhiệm vụ, %(targets)s "
                "chỉ tiêu, %(areas)s lĩnh vực, %(users)s tài khoản.") % vars(summary))
            for note in summary.notes:
                messages.warning(request, note)
            return redirect("reporting:restructuring")
    ids = [a.pk for a in agencies]
    records = (AgencySuccession.objects.filter(Q(predecessor__in=ids) | Q(successor__in=ids))
               .select_related("predecessor", "successor").order_by("-effective_date", "pk"))
    return render(request, "reporting/restructuring.html", {
        "form": form, "errors": errors, "records": records,
    }, status=400 if (errors or form.errors) else 200)


def _new_agency(template: Agency, data) -> Agency:
    """A body the restructuring creates, beside the first predecessor in the tree."""
    name = data["new_name"].strip()
    if Agency.objects.filter(name__iexact=name, parent=template.parent, valid_to=None).exists():
        raise ValidationError(_("Đã có cơ quan “%s”: chọn trong danh sách cơ quan kế thừa.") % name)
    base = slugify(f"{template.parent.code if template.parent else ''}-{name}")[:50] or "co-quan"
    code, n = base, 1
    while Agency.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    try:
        with transaction.atomic():    # a savepoint: the caller's transaction stays usable
            return Agency.objects.create(
                code=code, name=name, short_name=data["new_short_name"].strip(),
                kind=template.kind, level=template.level, parent=template.parent,
                valid_from=data["effective_date"], governing_body=template.governing_body,
                place_name=template.place_name)
    except IntegrityError:
        raise ValidationError(_("Cơ quan “%s” vừa được tạo (có thể do bấm hai lần): tải lại "
                                "trang để xem.") % name) from None
