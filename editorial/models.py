"""Editions: a change to a live item is worked on as a draft, while the
public keeps seeing the published row.

The draft is a revision in django-reversion's store, the same store that
keeps the item's history: the item and its rows (files, links, awards …)
serialised as the editor left them. An Edition marks such a revision as a
draft and carries its state; at most one edition of an item is open
(being edited, waiting for approval or scheduled) at a time.

An Approval is a request to publish an item or its edition (approval.py);
a ReviewReminder records the weekly e-mail about items due for review
(reminders.py)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision

from portal.czech import format_date


class ItemDecision(models.Model):
    """What Edition and Approval share: an item (any model), its title when
    it was saved, who wrote the change and who decided on it."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("druh obsahu"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("položka"), max_length=64)
    title = models.CharField(_("název"), max_length=255)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rozhodl(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("rozhodnuto"), null=True, blank=True)

    class Meta:
        abstract = True


class Edition(ItemDecision):
    class State(models.TextChoices):
        DRAFT = "draft", _("rozpracovaná změna")
        SUBMITTED = "submitted", _("čeká na schválení")
        SCHEDULED = "scheduled", _("naplánováno")
        PUBLISHED = "published", _("zveřejněno")
        SUPERSEDED = "superseded", _("nahrazeno novějším uložením")
        DISCARDED = "discarded", _("zahozeno")

    OPEN = (State.DRAFT, State.SUBMITTED, State.SCHEDULED)

    revision = models.OneToOneField(
        Revision,
        verbose_name=_("verze"),
        on_delete=models.CASCADE,
        related_name="edition",
    )
    state = models.CharField(
        _("stav"), max_length=10, choices=State, default=State.DRAFT
    )
    go_live_at = models.DateTimeField(_("zveřejnit změnu"), null=True, blank=True)
    created_at = models.DateTimeField(_("uloženo"), auto_now_add=True)

    class Meta:
        verbose_name = _("rozpracovaná změna")
        verbose_name_plural = _("rozpracované změny")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["draft", "submitted", "scheduled"]),
                name="editorial_one_open_edition_per_item",
            )
        ]
        indexes = [models.Index(fields=["state", "go_live_at"])]

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"

    @property
    def is_open(self):
        return self.state in self.OPEN


class Approval(ItemDecision):
    class State(models.TextChoices):
        PENDING = "pending", _("čeká na schválení")
        APPROVED = "approved", _("schváleno")
        RETURNED = "returned", _("vráceno autorovi")

    item = GenericForeignKey("content_type", "object_id")
    state = models.CharField(
        _("stav"), max_length=10, choices=State, default=State.PENDING
    )
    submitted_at = models.DateTimeField(_("odesláno"), auto_now_add=True)
    comment = models.TextField(_("komentář"), blank=True)
    # A draft of a change to a live item; without one, the item itself (a
    # draft) is what is approved.
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("změna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("schválení ke zveřejnění")
        verbose_name_plural = _("schvalování ke zveřejnění")
        ordering = ["-submitted_at"]
        permissions = [
            ("publish_approval", _("Smí zveřejňovat bez schválení")),
            ("approve_approval", _("Smí schvalovat obsah ke zveřejnění")),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"


class ReviewReminder(models.Model):
    email = models.EmailField(_("e-mail"))
    week = models.DateField(_("týden (pondělí)"))
    sent_at = models.DateTimeField(_("odesláno"), auto_now_add=True)
    count = models.PositiveIntegerField(_("položek"), default=0)

    class Meta:
        verbose_name = _("připomínka kontroly")
        verbose_name_plural = _("připomínky kontroly")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "week"], name="editorial_review_reminder_once_a_week"
            )
        ]

    def __str__(self):
        return f"{self.email} ({format_date(self.week)})"


class FilePurge(models.Model):
    """A file removed for good from storage and from every stored version
    (personal data in a file that was replaced): who, when and why, and
    which versions held it, so that a restore of one of them says so."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("druh obsahu"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("položka"), max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("název položky"), max_length=255)
    file_name = models.CharField(_("soubor"), max_length=500)
    reason = models.TextField(_("důvod"))
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("odstranil(a)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purged_at = models.DateTimeField(_("odstraněno"), auto_now_add=True)
    version_ids = models.JSONField(_("verze, které soubor obsahovaly"), default=list)

    class Meta:
        verbose_name = _("trvale odstraněný soubor")
        verbose_name_plural = _("trvale odstraněné soubory")
        ordering = ["-purged_at"]
        permissions = [
            ("purge_file", _("Smí trvale odstranit soubor z historie")),
        ]

    def __str__(self):
        return self.file_name.rsplit("/", 1)[-1]
