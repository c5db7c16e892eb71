import django_filters
from django.utils.translation import gettext_lazy as _

from agencies.access import readable_provinces
from agencies.models import Agency
from cchc.collation import vietnamese

from .models import Plan


class PlanFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Năm"))
    issuer = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        queryset=Agency.objects.filter(kind=Agency.Kind.UBND_TINH).order_by(vietnamese("name")),
        empty_label=_("Mọi cơ quan ban hành"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=Plan.Status.choices, empty_label=_("Mọi trạng thái")
    )

    class Meta:
        model = Plan
        fields = ["year", "issuer", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:  # the provinces whose plans the user may read
            # the provinces whose plans the user may read, and that have issued one
            provinces = readable_provinces(self.request.user).filter(pk__in=Plan.objects.values("issuer"))
            self.filters["issuer"].queryset = provinces.order_by(vietnamese("name"))
