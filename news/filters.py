import django_filters
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem
from portal.filters import FilterSet, TopicFilter


class NewsFilter(FilterSet):
    topic = TopicFilter(NewsItem)
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
