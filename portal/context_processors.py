from django.utils.functional import SimpleLazyObject

from portal.models import Page, SiteSettings
from portal.sections import sections


def main_menu():
    apps = [(section.title, section.list_url()) for section in sections()]
    pages = [(page.title, page.get_absolute_url()) for page in Page.objects.in_menu()]
    return apps + pages


def site(request):
    """Site settings and the main menu for the base layout: lazy, so that a
    response rendered without the layout costs no query."""
    return {
        "site_settings": SimpleLazyObject(SiteSettings.load),
        "main_menu": SimpleLazyObject(main_menu),
    }
