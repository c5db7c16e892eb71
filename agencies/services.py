"""Writes for agencies. Keyword-only functions named <entity>_<action>."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Agency


def agency_create_beside(*, template: Agency, name: str, short_name: str = "", valid_from: date) -> Agency:
    """A new body in the tree beside ``template`` (same parent, kind, level, governing body and
    place), valid from a date: the body a restructuring creates. A name already in force there
    is refused; a code is made from the name."""
    name = name.strip()
    if Agency.objects.filter(name__iexact=name, parent=template.parent, valid_to=None).exists():
        raise ValidationError(_("Đã có cơ quan “%s”: chọn trong danh sách cơ quan kế thừa.") % name)
    base = slugify(f"{template.parent.code if template.parent else ''}-{name}")[:50] or "co-quan"
    code, n = base, 1
    while Agency.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            return Agency.objects.create(
                code=code,
                name=name,
                short_name=short_name.strip(),
                kind=template.kind,
                level=template.level,
                parent=template.parent,
                valid_from=valid_from,
                governing_body=template.governing_body,
                place_name=template.place_name,
            )
    except IntegrityError:
        raise ValidationError(
            _("Cơ quan “%s” vừa được tạo (có thể do bấm hai lần): tải lại trang để xem.") % name
        ) from None
