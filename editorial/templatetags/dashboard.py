from django import template

from editorial.dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_dashboard(context):
    return dashboard(context["request"].user)
