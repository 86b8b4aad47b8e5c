from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from portal.models import Page, SiteSettings
from portal.pagecache import remember
from portal.sections import sections


def main_menu():
    apps = [(section.title, section.list_url()) for section in sections()]
    pages = [(page.title, page.get_absolute_url()) for page in Page.objects.in_menu()]
    return apps + pages


def site(request):
    """Site settings and the main menu for the base layout: lazy, so that a
    response rendered without the layout costs no query, and remembered per
    content generation, so that most pages cost none at all."""
    # Remembered per language: the menu's titles and URLs are the language's.
    language = get_language()
    menu = SimpleLazyObject(
        lambda: remember(request, f"main_menu-{language}", main_menu)
    )
    return {
        "site_settings": SimpleLazyObject(
            lambda: remember(request, f"site_settings-{language}", SiteSettings.load)
        ),
        "main_menu": menu,
        # The menu's item for this page ("" on most pages), so that the
        # menu is one piece for all pages but the sections' own lists.
        "menu_current": SimpleLazyObject(
            lambda: next((url for _title, url in menu if url == request.path), "")
        ),
    }
