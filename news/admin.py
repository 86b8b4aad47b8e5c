from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from news.models import Delivery, NewsItem, Subscriber
from portal.czech_admin import CzechAdmin


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdmin):
    accusative = _("aktualitu")
    list_display = [
        "title",
        "publish_at",
        "status",
        "publish_state",
        "topic_list",
        "pinned",
    ]
    list_filter = ["status", "pinned", "topics"]
    search_fields = ["title", "lead", "body"]
    autocomplete_fields = [
        "topics",
        "responsible",
        "documents",
        "programmes",
        "projects",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body", "pinned"]}),
        (_("Obrázek"), {"fields": ["image", "image_alt"]}),
        (_("Souvislosti"), {"fields": ["documents", "programmes", "projects"]}),
        PUBLISHING_FIELDSET,
        PublishableAdmin.AUDIT_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    @admin.display(description=_("témata"))
    def topic_list(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())


@admin.register(Subscriber)
class SubscriberAdmin(CzechAdmin):
    accusative = _("odběratele novinek")
    list_display = ["email", "consented_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["confirmed_at", "unsubscribed_at", "topics"]
    search_fields = ["email"]
    readonly_fields = ["consented_at", "confirmed_at", "unsubscribed_at"]
    filter_horizontal = ["topics"]


@admin.register(Delivery)
class DeliveryAdmin(CzechAdmin):
    accusative = _("odeslanou aktualitu")
    list_display = ["subscriber", "news_item", "sent_at"]
    list_select_related = ["subscriber", "news_item"]
    search_fields = ["subscriber__email", "news_item__title"]
