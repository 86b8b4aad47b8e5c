from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.images import store_renditions
from portal.links import slug_url
from portal.models import Publishable, PublishableQuerySet, Topic
from portal.richtext import RichTextField
from portal.translation import translated
from portal.uploads import UnguessableName
from portal.validators import validate_image


class NewsQuerySet(PublishableQuerySet):
    def for_listing(self):
        # Rows show no topics; nothing to fetch beyond the items.
        return self.all()


@translated("title", "slug", "lead", "body", "image_alt")
class NewsItem(Publishable):
    lead = models.TextField(
        _("perex"), help_text=_("Úvodní odstavec do výpisu aktualit.")
    )
    body = RichTextField(_("text"))
    image = models.ImageField(
        _("obrázek"),
        upload_to=UnguessableName("news/%Y/"),
        blank=True,
        validators=[validate_image],
    )
    image_alt = models.CharField(
        _("popis obrázku (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Co je na obrázku, pro nevidomé čtenáře. U obrázku povinné."),
    )
    image_list = models.ImageField(
        upload_to=UnguessableName("news/%Y/"), blank=True, editable=False
    )
    image_detail = models.ImageField(
        upload_to=UnguessableName("news/%Y/"), blank=True, editable=False
    )
    pinned = models.BooleanField(_("připnout nahoru"), default=False)
    programmes = models.ManyToManyField(
        "grants.Programme",
        verbose_name=_("související dotační programy"),
        related_name="news_items",
        blank=True,
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("související projekty"),
        related_name="news_items",
        blank=True,
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("související dokumenty"),
        related_name="news_items",
        blank=True,
    )

    objects = NewsQuerySet.as_manager()
    # A related news item is listed with its date.
    link_fields = ("title", "slug", "publish_at")

    class Meta(Publishable.Meta):
        verbose_name = _("aktualita")
        verbose_name_plural = _("aktuality")
        ordering = ["-pinned", "-publish_at", "-pk"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(
                fields=["-pinned", "-publish_at", "-id"], name="news_listing_order"
            ),
        ]

    def save(self, *args, **kwargs):
        store_renditions(self, "image", {"image_list": 480, "image_detail": 1200})
        if not self.image:
            self.image_list = self.image_detail = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("news:detail", self.slug)

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("U obrázku vyplňte jeho popis pro nevidomé čtenáře.")}
            )


class SubscriberQuerySet(models.QuerySet):
    def expired(self, now):
        """Subscriptions never confirmed, PORTAL_RETAIN_UNCONFIRMED_DAYS
        after the (last) request; a confirmed one lasts until its owner
        unsubscribes, which deletes it."""
        cutoff = now - timedelta(days=settings.PORTAL_RETAIN_UNCONFIRMED_DAYS)
        return self.filter(confirmed_at__isnull=True, consented_at__lt=cutoff)


class Subscriber(models.Model):
    """A newsletter subscription; nothing is sent before it is confirmed."""

    # Not shown on public pages: saving one leaves the page cache alone.
    changes_public_pages = False

    email = models.EmailField(_("e-mail"), unique=True)
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("témata"),
        blank=True,
        help_text=_("Bez výběru dostává odběratel všechny aktuality."),
    )
    consented_at = models.DateTimeField(_("souhlas udělen"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("potvrzeno"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("odhlášeno"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("odběratel novinek")
        verbose_name_plural = _("odběratelé novinek")
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Delivery(models.Model):
    """A news item sent to a subscriber: the record that keeps the digest
    from ever sending the same item twice."""

    # Not shown on public pages: saving one leaves the page cache alone.
    changes_public_pages = False

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    news_item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("odeslaná aktualita")
        verbose_name_plural = _("odeslané aktuality")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "news_item"], name="delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.news_item}"
