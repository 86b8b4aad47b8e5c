import django_filters
from django.utils.translation import gettext_lazy as _

from portal.filters import FilterSet, TopicFilter, UsedByPublishedFilter
from projects.models import Project, ProjectStatus


class ProjectFilter(FilterSet):
    phase = django_filters.ChoiceFilter(
        label=_("Stav realizace"),
        choices=ProjectStatus.choices,
        method="filter_phase",
        empty_label=_("všechny"),
    )
    programme = UsedByPublishedFilter(
        Project, "programme", label=_("Operační program"), empty_label=_("všechny")
    )
    topic = TopicFilter(Project)

    class Meta:
        model = Project
        fields = ["phase", "programme", "topic"]

    def filter_phase(self, queryset, name, value):
        return queryset.in_phase(value)
