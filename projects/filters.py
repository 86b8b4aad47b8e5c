import django_filters
from django.utils.translation import gettext_lazy as _

from portal.filters import TopicFilter, used_by_published
from projects.models import Project, ProjectStatus


class ProjectFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(
        label=_("Stav realizace"),
        choices=ProjectStatus.choices,
        method="filter_phase",
        empty_label=_("všechny"),
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Operační program"),
        queryset=used_by_published(Project, "programme"),
        empty_label=_("všechny"),
    )
    topic = TopicFilter(Project)

    class Meta:
        model = Project
        fields = ["phase", "programme", "topic"]

    def filter_phase(self, queryset, name, value):
        return queryset.in_phase(value)
