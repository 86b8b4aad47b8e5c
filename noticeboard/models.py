"""The official notice board (úřední deska, § 26 správního řádu and § 5a
odst. 3 zákona č. 106/1999 Sb.): notices posted on a day and relevant until
another, then kept in the archive. Their attachments are documents, so a
notice's files are served, counted and taken offline by the documents app
alone."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.links import slug_url
from portal.models import Publishable, PublishableQuerySet
from portal.publishing import Status, archived_by
from portal.translation import translated


class Agenda(models.TextChoices):
    SUBSIDIES = "dotace", _("dotace")
    DECISIONS = "rozhodnuti", _("rozhodnutí a oznámení správních orgánů")
    DECREES = "vyhlasky", _("vyhlášky a nařízení")
    TENDERS = "zakazky", _("veřejné zakázky")
    VACANCIES = "vyberova-rizeni", _("výběrová řízení")
    OTHER = "ostatni", _("ostatní")


def off_board(day):
    """No longer relevant on ``day``: the one definition of the archive."""
    return Q(relevant_until__lt=day)


class NoticeQuerySet(PublishableQuerySet):
    def posted(self, day=None):
        """Published and posted on or before ``day`` (today by default): a
        notice is never shown before its posting day."""
        day = day or timezone.localdate()
        return self.published().filter(posted_on__lte=day)

    def on_board(self, day=None):
        """What the notice board shows on ``day``."""
        day = day or timezone.localdate()
        return self.posted(day).exclude(off_board(day) | archived_by(timezone.now()))

    def taken_down(self, day=None):
        """The archive: notices whose relevance has ended."""
        day = day or timezone.localdate()
        return self.posted(day).filter(off_board(day) | archived_by(timezone.now()))

    def with_attachments(self):
        """Each notice with its live attachments and their files, in two
        queries however many notices there are."""
        from documents.models import Document, DocumentFile

        files = models.Prefetch("files", DocumentFile.objects.defer("text"))
        live = Document.objects.published().prefetch_related(files).order_by("pk")
        return self.prefetch_related(
            models.Prefetch("attachments", queryset=live, to_attr="live_attachments")
        )


@translated("title", "slug", "description")
class Notice(Publishable):
    posted_on = models.DateField(
        _("vyvěšeno dne"),
        default=timezone.localdate,
        help_text=_("Den vyvěšení na úřední desce; od něj běží lhůty."),
    )
    relevant_until = models.DateField(
        _("relevantní do"),
        null=True,
        blank=True,
        help_text=_(
            "Poslední den, kdy je oznámení na desce; potom přejde do archivu. "
            "Prázdné = do odvolání."
        ),
    )
    reference_number = models.CharField(
        _("číslo jednací"),
        max_length=60,
        blank=True,
        help_text=_("Např. KULK 1234/2020"),
    )
    file_number = models.CharField(
        _("spisová značka"), max_length=60, blank=True, help_text=_("Např. OSV/13/2020")
    )
    agenda = models.CharField(
        _("agenda"), max_length=20, choices=Agenda, default=Agenda.OTHER
    )
    department = models.CharField(
        _("odbor"),
        max_length=255,
        blank=True,
        help_text=_("Který odbor oznámení vyvěsil, např. Odbor sociálních věcí."),
    )
    description = models.TextField(_("popis"), blank=True)
    attachments = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("přílohy (dokumenty)"),
        blank=True,
        # Named, so that deleting an attached document is refused as for
        # any content that links to it (editorial.admin.PublishableAdmin).
        related_name="notices",
        help_text=_(
            "Dokumenty se soubory; na desce se zobrazí jen zveřejněné dokumenty."
        ),
    )

    objects = NoticeQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("oznámení na úřední desce")
        verbose_name_plural = _("oznámení na úřední desce")
        ordering = ["-posted_on", "-pk"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(
                fields=["posted_on", "relevant_until"], name="noticeboard_on_board"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(relevant_until__isnull=True)
                | Q(relevant_until__gte=models.F("posted_on")),
                name="notice_relevant_after_posting",
                violation_error_message=_(
                    "Oznámení nemůže přestat být relevantní dřív, než je vyvěšeno."
                ),
            ),
        ]

    def get_absolute_url(self):
        return slug_url("noticeboard:detail", self.slug)

    @property
    def is_taken_down(self):
        day = timezone.localdate()
        return bool(
            (self.relevant_until and self.relevant_until < day) or self.is_archived
        )

    @property
    def is_posted(self):
        """On the public board or in its archive now (as ``posted()``)."""
        return self.is_live and self.posted_on <= timezone.localdate()

    def posting_date(self):
        """The day the notice is (or will be) on the public board: its
        posting day, or the day it is published if that comes later. None
        while it is a draft, which hangs nowhere."""
        if self.status != Status.PUBLISHED:
            return None
        published = timezone.localdate(self.publish_at)
        return max(self.posted_on, published)

    def attachment_list(self):
        """Live attachments (prefetched by with_attachments() where a list
        shows many notices)."""
        if hasattr(self, "live_attachments"):
            return self.live_attachments
        from documents.models import Document

        return list(
            Document.objects.published()
            .filter(pk__in=self.attachments.values("pk"))
            .prefetch_related("files")
            .order_by("pk")
        )
