"""Czech formatting in templates: {{ value|cz_date }}, {{ amount|cz_money }}."""

from django import template

from portal import czech

register = template.Library()

register.filter("cz_date", czech.format_date)
register.filter("cz_datetime", czech.format_datetime)
register.filter("cz_money", czech.format_money)
register.filter("cz_number", czech.format_number)
register.filter("cz_filesize", czech.format_filesize)


@register.filter
def cz_plural(count, forms):
    """{{ days|cz_plural:"den,dny,dní" }} → "dny" for 3."""
    one, few, many = forms.split(",")
    return czech.plural(count, one, few, many)
