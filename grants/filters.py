import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.models import Phase, Programme
from portal.filters import FilterSet, TopicFilter


class ProgrammeFilter(FilterSet):
    year = django_filters.NumberFilter(label=_("Rok"), min_value=1990, max_value=2100)
    phase = django_filters.ChoiceFilter(
        label=_("Stav"),
        choices=Phase.choices,
        method="filter_phase",
        empty_label=_("všechny"),
    )
    topic = TopicFilter(Programme)
    open_now = django_filters.BooleanFilter(
        label=_("Jen s otevřeným příjmem žádostí"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Programme
        fields = ["year", "phase", "topic", "open_now"]

    def filter_phase(self, queryset, name, value):
        return queryset.in_phase(value, timezone.localdate())

    def filter_open(self, queryset, name, value):
        return queryset.open_on(timezone.localdate()) if value else queryset
