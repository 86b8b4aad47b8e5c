from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def signin_options():
    """What the login page offers: the identity provider, passwords, or
    both."""
    return {
        "provider": settings.PORTAL_OIDC,
        "label": settings.PORTAL_OIDC_LABEL,
        "passwords": settings.PORTAL_LOCAL_PASSWORDS,
    }
