"""What the news app shows on other apps' pages. A document, programme or
project page writes ``{% related_news document limit=5 %}`` and never
learns how news items are linked to it."""

from django import template
from django.template.loader import render_to_string

from news.models import NewsItem

register = template.Library()


def linked_to(item):
    """Published news items that link to ``item``, newest first."""
    field = next(
        field
        for field in NewsItem._meta.many_to_many
        if field.related_model is type(item)
    )
    return (
        NewsItem.objects.published()
        .filter(**{field.name: item})
        .order_by("-publish_at")
        .links()
    )


@register.simple_tag
def related_news(item, limit=None):
    """The "Související aktuality" block of ``item``'s page (nothing when no
    published news item links to it), in one query."""
    items = linked_to(item)
    return render_to_string(
        "news/includes/related_news.html",
        {"items": list(items[:limit] if limit else items)},
    )
