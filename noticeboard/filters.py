import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from noticeboard.models import Agenda, Notice
from portal.filters import FilterSet


class NoticeFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Hledat v názvu, čísle jednacím a popisu"), method="search"
    )
    agenda = django_filters.ChoiceFilter(
        label=_("Agenda"), choices=Agenda.choices, empty_label=_("všechny")
    )
    year = django_filters.NumberFilter(
        label=_("Rok vyvěšení"),
        field_name="posted_on__year",
        min_value=1990,
        max_value=2100,
    )

    class Meta:
        model = Notice
        fields = ["q", "agenda", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(reference_number__icontains=value)
            | Q(file_number__icontains=value)
            | Q(description__icontains=value)
        )
