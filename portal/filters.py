"""Filter pieces every app's listing shares."""

import django_filters
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.models import Topic

WIDGETS = "django/forms/widgets/"
INPUTS = {
    f"{WIDGETS}{kind}.html"
    for kind in ("text", "number", "checkbox", "search", "email", "date", "url")
}


def topic_filter():
    """?topic=<slug>, as in /dokumenty/?topic=integrace-cizincu."""
    return django_filters.ModelChoiceFilter(
        label=_("Téma"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("všechna"),
    )


def _attrs(attrs):
    """Django's widgets/attrs.html: False leaves an attribute out, True
    writes its name alone."""
    return mark_safe(  # noqa: S308 - every piece comes from format_html
        "".join(
            format_html(" {}", name)
            if value is True
            else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _option(option):
    return format_html(
        '<option value="{}"{}>{}</option>',
        option["value"],
        _attrs(option["attrs"]),
        option["label"],
    )


def _select(widget):
    parts = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = "\n  ".join(_option(option) for option in options)
        if group_name:
            rendered = format_html(
                '\n  <optgroup label="{}">\n  {}\n  </optgroup>',
                group_name,
                mark_safe(rendered),  # noqa: S308 - built by format_html
            )
        else:
            rendered = "\n  " + rendered
        parts.append(rendered)
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        widget["name"],
        _attrs(widget["attrs"]),
        mark_safe("".join(parts)),  # noqa: S308 - built by format_html
    )


def _input(widget):
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs(widget["attrs"]),
    )


class FilterFormRenderer(DjangoTemplates):
    """Renders the selects and inputs of the public filter forms in Python,
    with the markup of Django's own widget templates: rendered through the
    template engine, a widget and its options cost more than the rest of a
    list page's form (a quarter of the document list). Anything else goes
    to the templates as usual."""

    def render(self, template_name, context, request=None):
        if template_name == f"{WIDGETS}select.html":
            return _select(context["widget"])
        if template_name in INPUTS:
            return _input(context["widget"])
        return super().render(template_name, context, request)


filter_form_renderer = FilterFormRenderer()
