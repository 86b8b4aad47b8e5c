from django import template

from portal.dashboard import dashboard

register = template.Library()


@register.simple_tag
def editor_dashboard():
    return dashboard()
