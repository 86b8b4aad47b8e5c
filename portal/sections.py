"""The small interface through which the home page, topic pages, the menu,
the sitemap, the site search, the editors' dashboard and the editor roles ask
each app for its content.

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

from portal.publishing import Status

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
    # The home page may title and order the blocks by what people come
    # for ("Nejstahovanější dokumenty"); None means the section's own.
    home_title = None
    home_order = None

    def list_url(self):
        return reverse(self.list_url_name)

    def listing(self):
        """The items the home and topic pages list, newest first: live ones
        (for documents, only current ones)."""
        raise NotImplementedError

    def home_items(self):
        return list(self.listing()[: self.home_limit])

    def topic_items(self, topic):
        return list(self.listing().filter(topics=topic)[: self.topic_limit])

    def sitemaps(self):
        """{name: Sitemap class} for sitemap.xml."""
        return {}

    def feeds(self):
        """[(what it brings, URL, format)] the "Odběr novinek" page offers,
        e.g. ("Nové dokumenty", "/dokumenty/feed/", "Atom")."""
        return []

    # Site search (portal/search.py) indexes every section the same way; an
    # app only says what its items are, which words they contain and which
    # other models' rows show on an item's page.
    search_label = ""  # what a result is called, e.g. "Dokument"
    search_model = None  # the item model, e.g. NewsItem
    # Rows shown on an item's page whose text is in the item's search entry
    # (inlines, files): {model: a function of a row returning its items}.
    # Saving or deleting such a row re-indexes its items.
    search_related = {}

    def searchable(self):
        """Every item that may be in the search index: published, scheduled
        ones included (search filters on publish_at when it queries), with
        whatever search_text() reads fetched alongside."""
        return self.search_model.objects.filter(status=Status.PUBLISHED)

    def search_title(self, obj):
        """The result's heading: where two items could share a title (a
        programme announced every year), it carries what tells them apart."""
        return obj.title

    def search_text(self, obj):
        """Plain text to find ``obj`` by (no HTML), beyond its title."""
        return ""

    def search_publish_at(self, obj):
        """When ``obj`` appears in search results."""
        return obj.publish_at

    # The editors' side.
    # Publishable models whose published items are listed on the dashboard
    # once their review date passes or they go a year without a change.
    reviewed_models = ()
    # {group name: {model: actions}} this app needs in each editor role
    # (editorial.roles), e.g. {"Dotace": {Programme: roles.ALL}}.
    group_permissions = {}

    def dashboard(self):
        """What needs an editor's attention, for the admin index:
        a list of (heading, items) where each item has __str__ and, where it
        can, get_admin_url()."""
        return []

    def personal_dashboard(self, user):
        """Like dashboard(), but what concerns ``user`` in person (the
        messages sent to projects they are the contact of)."""
        return []

    def run_due(self, now):
        """What comes due with time and must be recorded when it does (a
        notice coming off the board), for ``manage.py publish_scheduled``
        every minute; how many records were written."""
        return 0

    # Personal data (portal.retention).
    def expired_personal_data(self, now):
        """[(label, queryset)]: the app's personal data whose retention
        period has passed at ``now``, for ``manage.py apply_retention``."""
        return []


def register(section):
    _registry[section.key] = section
    return section


def sections():
    """Registered sections in menu order."""
    return sorted(_registry.values(), key=lambda section: (section.order, section.key))
