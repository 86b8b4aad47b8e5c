"""The small interface through which the home page, topic pages, the menu
and the sitemap ask each app for its content.

Each app describes itself in ``<app>/section.py`` and registers an instance:

    from portal.sections import Section, register

    class NewsSection(Section):
        key = "news"
        title = _("Aktuality")
        ...

    register(NewsSection())

Portal's AppConfig.ready() imports every installed app's ``section`` module
(as the admin does with ``admin`` modules), so portal never imports the apps'
models itself.
"""

from django.urls import reverse

_registry = {}


class Section:
    key = ""  # unique name, e.g. "news"
    title = ""  # Czech heading, e.g. "Aktuality"
    list_url_name = ""  # e.g. "news:list"; the section's entry in the menu
    order = 100  # position in the menu and on the home page
    # Template rendered on the home and topic pages with ``section`` and
    # ``items`` in its context.
    items_template = ""
    home_limit = 5
    topic_limit = 10

    def list_url(self):
        return reverse(self.list_url_name)

    def published(self):
        """The section's items as the public sees them, ready for a listing."""
        raise NotImplementedError

    def home_items(self):
        return list(self.published()[: self.home_limit])

    def topic_items(self, topic):
        return list(self.published().filter(topics=topic)[: self.topic_limit])

    def sitemaps(self):
        """{name: Sitemap class} for sitemap.xml."""
        return {}

    # Site search (portal/search.py) indexes every section the same way; an
    # app only says what its items are and which words they contain.
    search_label = ""  # what a result is called, e.g. "Dokument"
    search_models = ()  # the models whose saves and deletes re-index

    def search_queryset(self):
        """Every item that may appear in search (published, including
        scheduled ones: search filters on publish_at when it queries)."""
        return self.published()

    def search_text(self, obj):
        """Plain text to find ``obj`` by (no HTML), beyond its title."""
        return ""

    def dashboard(self):
        """What needs an editor's attention, for the admin index:
        a list of (heading, items) where each item has __str__ and, where it
        can, get_admin_url()."""
        return []


def register(section):
    _registry[section.key] = section
    return section


def sections():
    """Registered sections in menu order."""
    return sorted(_registry.values(), key=lambda section: (section.order, section.key))
