from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from editorial import roles
from news.models import NewsItem, Subscriber
from news.sitemaps import NewsSitemap
from portal.sections import Section, register


class NewsSection(Section):
    key = "news"
    title = _("Aktuality")
    list_url_name = "news:list"
    order = 10
    items_template = "news/includes/section_items.html"
    more_label = _("Všechny aktuality")
    search_label = _("Aktualita")
    search_model = NewsItem
    group_permissions = {
        # Subscribers' addresses (and the deliveries that name them) are for
        # the role that sends the newsletter, Správce, who has every
        # permission; no other role is granted them.
        roles.EDITOR: {NewsItem: roles.ALL},
    }

    def listing(self):
        return NewsItem.objects.published().for_listing()

    def expired_personal_data(self, now):
        return [
            (
                _("nepotvrzené přihlášky k odběru novinek"),
                Subscriber.objects.expired(now),
            )
        ]

    def search_text(self, obj):
        return f"{obj.lead}\n{strip_tags(obj.body)}"

    def feeds(self):
        return [
            (_("Aktuality"), reverse("news:rss"), "RSS"),
            (_("Aktuality"), reverse("news:atom"), "Atom"),
        ]

    def sitemaps(self):
        return {"news": NewsSitemap}


register(NewsSection())
