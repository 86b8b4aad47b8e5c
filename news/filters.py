import django_filters
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem
from portal.models import Topic


class NewsFilter(django_filters.FilterSet):
    topic = django_filters.ModelChoiceFilter(
        label=_("Téma"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("všechna"),
    )
    year = django_filters.NumberFilter(
        label=_("Rok"),
        field_name="publish_at",
        lookup_expr="year",
        min_value=1990,
        max_value=2100,
    )

    class Meta:
        model = NewsItem
        fields = ["topic", "year"]
