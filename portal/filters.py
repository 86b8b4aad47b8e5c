"""Filter pieces every app's listing shares."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.models import Topic


def topic_filter():
    """?topic=<slug>, as in /dokumenty/?topic=integrace-cizincu."""
    return django_filters.ModelChoiceFilter(
        label=_("Téma"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("všechna"),
    )
