"""Filter pieces every app's listing shares.

A filter offers only values the visitor can see: a topic, an issuer or a
programme that only drafts or scheduled items have stays out of the
choices (it would tell what is being prepared and lead to an empty list).
Choices are worked out per request, since what is published changes with
the clock."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from portal.models import Topic


def topic_filter(model):
    """?topic=<slug>, as in /dokumenty/?topic=integrace-cizincu, offering
    the topics of ``model``'s published items."""

    def topics(request):
        published = model.objects.published().filter(topics=OuterRef("pk"))
        return Topic.objects.filter(Exists(published))

    return django_filters.ModelChoiceFilter(
        label=_("Téma"),
        field_name="topics",
        queryset=topics,
        to_field_name="slug",
        empty_label=_("všechna"),
    )


def used_by_published(model, field):
    """Choices for a foreign key filter: the rows ``field`` of ``model``'s
    published items points to."""

    def queryset(request):
        related = model._meta.get_field(field).related_model
        used = model.objects.published().values(field)
        return related._default_manager.filter(pk__in=used)

    return queryset
