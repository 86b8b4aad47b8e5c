"""The official notice board (úřední deska, §§ 25–26 správního řádu and
§ 5a odst. 3 zákona č. 106/1999 Sb.): a notice goes up when it is
published and comes down when it is taken down or its last relevant day
has passed; the system records both moments as events (NoticeEvent), and
the notice is then fixed: a correction is a new notice that names the one
it corrects. Removed notices stay in the archive with both dates. A
notice's attachments are its own files (NoticeAttachment), served by the
board while the notice is posted or in the archive; the documents it links
to are the library's."""

import os
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from documents.storage import DocumentFileField, private_storage, unguessable_name
from portal.links import slug_url
from portal.models import Publishable, PublishableQuerySet
from portal.publishing import Status, archived_by
from portal.translation import SOURCE_LANGUAGE, czech_value, translated
from portal.uploads import StoredUpload


class Agenda(models.TextChoices):
    SUBSIDIES = "dotace", _("dotace")
    DECISIONS = "rozhodnuti", _("rozhodnutí a oznámení správních orgánů")
    DECREES = "vyhlasky", _("vyhlášky a nařízení")
    TENDERS = "zakazky", _("veřejné zakázky")
    VACANCIES = "vyberova-rizeni", _("výběrová řízení")
    OTHER = "ostatni", _("ostatní")


def midnight(day):
    """The first moment of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


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

    def due_for_removal(self, now=None):
        """Posted notices that have come down (archived, or past their last
        relevant day) but whose removal is not recorded yet."""
        now = now or timezone.now()
        return self.filter(
            posted_at__isnull=False, removed_at__isnull=True, posted_at__lte=now
        ).filter(off_board(timezone.localdate(now)) | archived_by(now))

    def with_attachments(self):
        """Each notice with its own files, the live documents it links to
        and their files, in three queries however many notices there
        are."""
        from documents.models import Document, DocumentFile

        files = models.Prefetch("files", DocumentFile.objects.defer("text"))
        live = Document.objects.published().prefetch_related(files).order_by("pk")
        return self.prefetch_related(
            models.Prefetch("attachments", queryset=live, to_attr="live_attachments"),
            models.Prefetch(
                "files",
                NoticeAttachment.objects.order_by("order", "pk"),
                to_attr="own_file_list",
            ),
        )


@translated("title", "slug", "description")
class Notice(Publishable):
    # The day of posted_at, kept as a column for the lists, filters and
    # the index; before posting, the day the notice is meant to go up.
    posted_on = models.DateField(
        _("vyvěšeno dne"),
        default=timezone.localdate,
        editable=False,
        help_text=_("Den vyvěšení na úřední desce; od něj běží lhůty."),
    )
    posted_at = models.DateTimeField(
        _("vyvěšeno"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Zapíše systém, když oznámení zveřejněním vyvěsí."),
    )
    removed_at = models.DateTimeField(
        _("sejmuto"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Zapíše systém, když oznámení sejme z desky."),
    )
    relevant_until = models.DateField(
        _("vyvěsit do"),
        null=True,
        blank=True,
        help_text=_(
            "Poslední den, kdy má oznámení viset na desce; další den ho systém "
            "sejme a přesune do archivu. Prázdné = do odvolání (sejmutí)."
        ),
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("opravuje oznámení"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        limit_choices_to={"posted_at__isnull": False},
        help_text=_(
            "Vyvěšené oznámení nelze měnit; oprava je nové oznámení, které "
            "uvede, co opravuje."
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
        verbose_name=_("související dokumenty z knihovny"),
        blank=True,
        # Named, so that deleting an attached document is refused as for
        # any content that links to it (editorial.admin.PublishableAdmin).
        related_name="notices",
        help_text=_(
            "Jen dokumenty, které patří do knihovny (např. podmínky programu); "
            "soubory oznámení nahrajte níže jako přílohy."
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
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True)
                | Q(removed_at__gte=models.F("posted_at")),
                name="notice_removed_after_posting",
                violation_error_message=_(
                    "Oznámení nemůže být sejmuto dřív, než je vyvěšeno."
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        posting = self.status == Status.PUBLISHED and self.posted_at is None
        if posting:
            self._set_posting_moment()
        removing = self.posted_at is not None and self.removed_at is None
        if removing:
            due = self.removal_due()
            removing = due is not None and due <= timezone.now()
            if removing:
                self.removed_at = max(due, self.posted_at)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if posting:
                self._record(NoticeEvent.Kind.POSTED, self.posted_at)
            if removing:
                self._record(NoticeEvent.Kind.REMOVED, self.removed_at)

    def get_absolute_url(self):
        return slug_url("noticeboard:detail", self.slug)

    def clean(self):
        super().clean()
        if (
            self.status == Status.PUBLISHED
            and self.posted_at is None
            and self.missed_its_last_day
        ):
            raise ValidationError(
                {
                    "relevant_until": _(
                        "Den, do kdy má oznámení viset, už minul; opravte ho, "
                        "než oznámení vyvěsíte."
                    )
                }
            )

    @property
    def missed_its_last_day(self):
        """Its last day on the board is past: it can no longer go up."""
        return bool(self.relevant_until) and self.relevant_until < timezone.localdate()

    def _set_posting_moment(self):
        """A notice goes up when it is published: a draft published now
        goes up now (or at its publish-at time, if later); a notice made
        published at once (an import, the demo) at its publish-at time or
        the start of its posting day, whichever is later."""
        now = timezone.now()
        was_draft = (
            self.pk is not None
            and type(self).objects.filter(pk=self.pk, status=Status.DRAFT).exists()
        )
        if was_draft:
            self.publish_at = max(self.publish_at, now)
            self.posted_on = timezone.localdate(self.publish_at)
        self.posted_at = max(self.publish_at, midnight(self.posted_on))
        self.posted_on = timezone.localdate(self.posted_at)

    def _record(self, kind, at):
        NoticeEvent.objects.create(
            notice=self, kind=kind, at=at, recorded_by_id=self.updated_by_id
        )

    def removal_due(self):
        """When the notice comes off the board: its archive time or the
        midnight after its last relevant day, whichever is first; None
        while it hangs until revoked."""
        moments = [self.archived_at]
        if self.relevant_until:
            moments.append(midnight(self.relevant_until + timedelta(days=1)))
        return min((moment for moment in moments if moment), default=None)

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

    @property
    def is_fixed(self):
        """Posted (or set to go up): what the board shows may no longer be
        changed, only corrected by a new notice or taken down."""
        return self.posted_at is not None

    def removal_moment(self):
        """When the notice came down: as recorded, or, in the minute before
        the timer records it, when it was due."""
        if self.removed_at:
            return self.removed_at
        due = self.removal_due() if self.posted_at else None
        return due if due and due <= timezone.now() else None

    def posting_date(self):
        """The day the notice is (or will be) on the public board: its
        posting day, or the day it is published if that comes later. None
        while it is a draft, which hangs nowhere."""
        if self.status != Status.PUBLISHED:
            return None
        published = timezone.localdate(self.publish_at)
        return max(self.posted_on, published)

    def own_files(self):
        """The notice's own attachments (prefetched by with_attachments())."""
        if hasattr(self, "own_file_list"):
            return self.own_file_list
        return list(self.files.order_by("order", "pk"))

    def public_corrections(self):
        return Notice.objects.posted().filter(corrects=self).order_by("posted_at")

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


def take_down(notice, user, now=None):
    """Take a posted notice off the board now; it goes to the archive."""
    now = now or timezone.now()
    notice.archived_at = now
    notice.updated_by = user
    notice.save()
    return notice


def record_removals(now=None):
    """Record the removal of every notice that has come down by itself
    (its last relevant day has passed); how many. Run by the timer every
    minute (manage.py publish_scheduled), so the record says when the notice
    came down, not when the timer noticed."""
    count = 0
    for notice in Notice.objects.due_for_removal(now):
        notice.save(update_fields=["removed_at"])
        count += 1
    return count


class NoticeEvent(models.Model):
    """A notice's going up or coming down, as the system recorded it: what
    the certificate of posting and removal states."""

    class Kind(models.TextChoices):
        POSTED = "posted", _("vyvěšeno")
        REMOVED = "removed", _("sejmuto")

    notice = models.ForeignKey(
        Notice,
        verbose_name=_("oznámení"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("událost"), max_length=10, choices=Kind)
    at = models.DateTimeField(_("kdy"))
    recorded_at = models.DateTimeField(_("zapsáno"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zapsal(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("poznámka"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("záznam o vyvěšení či sejmutí")
        verbose_name_plural = _("záznamy o vyvěšení a sejmutí")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "kind"], name="notice_event_once"
            ),
        ]

    def __str__(self):
        return f"{self.notice} – {self.get_kind_display()}"


def attachment_upload_to(instance, filename):
    return unguessable_name(f"notices/{timezone.localdate().year}", filename)


class NoticeAttachment(StoredUpload, models.Model):
    """A file of the notice itself: it lives and dies with the notice and
    is served by the board (only while the notice is posted or in the
    archive), never listed in the document library."""

    notice = models.ForeignKey(
        Notice,
        verbose_name=_("oznámení"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = DocumentFileField(
        _("soubor"), upload_to=attachment_upload_to, storage=private_storage
    )
    label = models.CharField(
        _("popisek"),
        max_length=255,
        blank=True,
        help_text=_("Co soubor obsahuje; prázdné = název souboru."),
    )
    original_name = models.CharField(
        _("původní název souboru"), max_length=255, blank=True, editable=False
    )
    format = models.CharField(_("formát"), max_length=10, blank=True, editable=False)
    content_type = models.CharField(max_length=120, blank=True, editable=False)
    size = models.PositiveBigIntegerField(
        _("velikost (B)"), null=True, blank=True, editable=False
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("příloha oznámení")
        verbose_name_plural = _("přílohy oznámení")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label or self.original_name or os.path.basename(self.file.name)

    def save(self, *args, **kwargs):
        if self.has_new_upload:
            self.record_upload()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The board's download address, in Czech in every language, as a
        document file's."""
        with override(SOURCE_LANGUAGE):
            return reverse(
                "noticeboard:attachment",
                args=[czech_value(self.notice, "slug"), self.pk],
            )

    def clean(self):
        self.clean_upload()
