"""The publishing lifecycle every public content type shares.

Public views start from ``Model.objects.published()``, so a draft, an item
scheduled for later, or (with ``current()``) an archived one cannot leak.
Scheduling needs no cron job: ``publish_at`` is compared with the clock on
every query.
"""

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import translation
from portal.conditions import holds
from portal.czech import slugify


class Status(models.TextChoices):
    DRAFT = "draft", _("koncept")
    PUBLISHED = "published", _("zveřejněno")


def archived_by(now):
    """Archived at ``now``: an archive date that has come. The one
    definition ``current()``, ``archived()`` and ``is_archived`` read."""
    return Q(archived_at__lte=now)


class LinkQuerySet(models.QuerySet):
    def links(self):
        """Only what a link to each row shows (the model's ``link_fields``,
        in every language): for the lists of related items on another
        item's page. Selecting and reading all of a row's columns (a
        programme has 50) cost the ORM more than the links cost to print."""
        return self.only(*translation.columns(self.model, *self.model.link_fields))


class PublishableQuerySet(LinkQuerySet):
    def published(self):
        """Published and past their publish-at time."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=timezone.now())

    def current(self):
        """Published and not (yet) archived."""
        return self.published().exclude(archived_by(timezone.now()))

    def archived(self):
        """Published and archived."""
        return self.published().filter(archived_by(timezone.now()))

    def scheduled(self):
        """Published but waiting for their publish-at time."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)


def staff_may_view(user, model):
    """Whether ``user`` is staff whose role lets them view or change
    ``model``, as the admin itself decides: only they see its drafts and
    scheduled items (the preview on the public site, the admin
    dashboard)."""
    opts = model._meta
    return user.is_staff and any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    )


class Publishable(models.Model):
    title = models.CharField(_("název"), max_length=255)
    slug = models.SlugField(
        _("adresa (slug)"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Část webové adresy; doplní se z názvu, pokud ji nevyplníte."),
    )
    status = models.CharField(
        _("stav"), max_length=10, choices=Status, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("zveřejnit od"),
        default=timezone.now,
        help_text=_(
            "Položka se na webu objeví v tento okamžik (je-li ve stavu zveřejněno)."
        ),
    )
    archived_at = models.DateTimeField(
        _("archivováno od"),
        null=True,
        blank=True,
        help_text=_("Od tohoto okamžiku se položka zobrazuje jen v archivu."),
    )
    topics = models.ManyToManyField(
        "portal.Topic", verbose_name=_("témata"), blank=True
    )
    responsible = models.ForeignKey(
        "portal.Person",
        verbose_name=_("za obsah odpovídá"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_at = models.DateField(
        _("zkontrolovat do"),
        null=True,
        blank=True,
        help_text=_("Kdy má odpovědná osoba obsah znovu zkontrolovat."),
    )
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("naposledy změněno"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vytvořil(a)"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("naposledy změnil(a)"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PublishableQuerySet.as_manager()
    # What a link to the item shows (LinkQuerySet.links()).
    link_fields = ("title", "slug")

    class Meta:
        abstract = True
        # What every public query asks: published, by publish_at (lists are
        # newest first, counts read the index alone thanks to the included
        # archived_at), and the next publish/archive moment for the cache.
        # Subclasses' Meta inherit these.
        indexes = [
            models.Index(
                fields=["status", "publish_at"],
                include=["archived_at"],
                name="%(app_label)s_%(class)s_live",
            ),
            models.Index(
                fields=["status", "archived_at"], name="%(app_label)s_%(class)s_archive"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(slugify(self.title)[:240] or "polozka")
        super().save(*args, **kwargs)

    def unique_slug(self, base):
        """The first of base, base-2, base-3 … that no other item uses."""
        taken = set(
            type(self)
            ._default_manager.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    @property
    def is_live(self):
        """Visible to the public right now."""
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def last_change(self):
        """The "Datum poslední změny" a page may show: an editor's change,
        or a date carried over from the page it replaces (set before the
        row was created here). A row a script made has none to show."""
        if self.updated_by_id or (
            self.created_at and self.updated_at and self.updated_at < self.created_at
        ):
            return self.updated_at
        return None

    @property
    def is_archived(self):
        return holds(self, archived_by(timezone.now()))
