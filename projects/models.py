from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.conditions import FirstMatch
from portal.images import store_renditions
from portal.links import slug_url
from portal.models import Organisation, Person, Publishable, PublishableQuerySet
from portal.retention import months_before
from portal.richtext import RichTextField
from portal.translation import translated
from portal.uploads import UnguessableName
from portal.validators import validate_image
from projects.validators import (
    normalise_registration_number,
    validate_registration_number,
)


class Period(models.TextChoices):
    P2007 = "2007–2013", "2007–2013"
    P2014 = "2014–2020", "2014–2020"
    P2021 = "2021–2027", "2021–2027"


class OperationalProgramme(models.Model):
    name = models.CharField(_("název"), max_length=255)
    abbreviation = models.CharField(_("zkratka"), max_length=40, unique=True)
    period = models.CharField(_("programové období"), max_length=10, choices=Period)
    fund = models.CharField(
        _("fond"),
        max_length=120,
        blank=True,
        help_text=_("Např. Evropský sociální fond"),
    )
    funding_statement = models.TextField(
        _("povinná věta o financování"),
        blank=True,
        help_text=_("Zobrazí se v bloku publicity EU u každého projektu programu."),
    )

    class Meta:
        verbose_name = _("operační program")
        verbose_name_plural = _("operační programy")
        ordering = ["-period", "abbreviation"]

    def __str__(self):
        return f"{self.abbreviation} ({self.period})"


class ProjectStatus(models.TextChoices):
    PREPARED = "pripravovany", _("připravovaný")
    RUNNING = "probihajici", _("probíhající")
    FINISHED = "ukonceny", _("ukončený")


def phase_rules(day):
    """A project's phase on ``day``: the first condition that holds, None
    while its dates don't tell.

    The one definition the project's page, its list row, the public phase
    filter and the admin's filter read (through ``with_phase()`` or
    ``phase()``). An end date that has passed says "finished" even when the
    start date is missing.
    """
    return FirstMatch(
        (ProjectStatus.PREPARED, Q(start_date__gt=day)),
        (ProjectStatus.FINISHED, Q(end_date__lt=day)),
        (ProjectStatus.RUNNING, Q(start_date__lte=day)),
        default=None,
    )


class ProjectQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("programme")

    def with_phase(self, day):
        """Each project's phase on ``day`` computed by the database;
        ``Project.phase(day)`` reads it instead of computing it again."""
        return self.annotate(
            phase_on=phase_rules(day).case(models.CharField()),
            phase_day=models.Value(day, output_field=models.DateField()),
        )

    def in_phase(self, status, today=None):
        return self.with_phase(today or timezone.localdate()).filter(phase_on=status)


@translated("title", "slug", "aims", "target_groups", "description")
class Project(Publishable):
    registration_number = models.CharField(
        _("registrační číslo"),
        max_length=60,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("Např. CZ.1.04/3.2.00/B4.00007"),
    )
    programme = models.ForeignKey(
        OperationalProgramme,
        verbose_name=_("operační program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    call = models.CharField(_("výzva"), max_length=255, blank=True)
    start_date = models.DateField(_("zahájení"), null=True, blank=True)
    end_date = models.DateField(_("ukončení"), null=True, blank=True)
    budget = models.DecimalField(
        _("celkový rozpočet (Kč)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    eu_share = models.DecimalField(
        _("podíl EU (Kč)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    aims = models.TextField(_("cíle projektu"), blank=True)
    target_groups = models.TextField(
        _("cílové skupiny"),
        blank=True,
        help_text=_("Každou skupinu na samostatný řádek."),
    )
    description = RichTextField(_("popis projektu"))
    contact = models.ForeignKey(
        Person,
        verbose_name=_("kontaktní osoba"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("související dokumenty"),
        related_name="projects",
        blank=True,
    )
    visit_count = models.PositiveIntegerField(
        _("počet návštěv"), default=0, editable=False
    )

    objects = ProjectQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("projekt")
        verbose_name_plural = _("projekty")
        ordering = ["-start_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="project_registration_number_unique",
                violation_error_message=_(
                    "Projekt s tímto registračním číslem už existuje."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("Projekt nemůže skončit dřív, než začne."),
            ),
        ]

    def save(self, *args, **kwargs):
        self.registration_number = normalise_registration_number(
            self.registration_number
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("projects:detail", self.slug)

    def clean(self):
        self.registration_number = normalise_registration_number(
            self.registration_number
        )
        if self.eu_share and self.budget and self.eu_share > self.budget:
            raise ValidationError(
                {"eu_share": _("Podíl EU nemůže být vyšší než celý rozpočet.")}
            )

    def phase(self, today=None):
        """Derived from the dates, never typed: None when they don't tell."""
        day = today or timezone.localdate()
        if getattr(self, "phase_day", None) == day:
            return self.phase_on and ProjectStatus(self.phase_on)
        return phase_rules(day).of(self)

    def phase_label(self):
        phase = self.phase()
        return ProjectStatus(phase).label if phase else _("neuvedeno")

    def partner_groups(self):
        """[(heading, [organisation, …]), …] in the partnerships' order."""
        groups = {}
        for partnership in self.partnerships.select_related("organisation"):
            heading = ROLE_HEADINGS[partnership.role]
            groups.setdefault(heading, []).append(partnership.organisation)
        return list(groups.items())

    def target_group_list(self):
        return [
            line.strip() for line in self.target_groups.splitlines() if line.strip()
        ]


class Partnership(models.Model):
    class Role(models.TextChoices):
        BENEFICIARY = "beneficiary", _("příjemce")
        PARTNER = "partner", _("partner")
        MEMBER = "member", _("člen platformy")
        COOPERATING = "cooperating", _("spolupracující organizace")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partnerships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizace"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("zapojená organizace")
        verbose_name_plural = _("zapojené organizace")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"],
                name="partnership_once",
                violation_error_message=_("Organizace už má v projektu tuto roli."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


# Section headings on the project page, as the seeds title them.
ROLE_HEADINGS = {
    Partnership.Role.BENEFICIARY: _("Příjemce"),
    Partnership.Role.PARTNER: _("Partneři"),
    Partnership.Role.MEMBER: _("Členové platformy"),
    Partnership.Role.COOPERATING: _("Spolupracující organizace"),
}


class KeyActivity(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="activities"
    )
    number = models.PositiveSmallIntegerField(_("číslo"))
    title = models.CharField(_("název"), max_length=255)
    description = models.TextField(_("popis a výsledky"), blank=True)
    results = models.TextField(_("výsledky"), blank=True)

    class Meta:
        verbose_name = _("klíčová aktivita")
        verbose_name_plural = _("klíčové aktivity")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"],
                name="activity_number_once",
                violation_error_message=_("Aktivita s tímto číslem už v projektu je."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Photo(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("fotografie"),
        upload_to=UnguessableName("projects/"),
        validators=[validate_image],
    )
    image_list = models.ImageField(
        upload_to=UnguessableName("projects/"), blank=True, editable=False
    )
    alt = models.CharField(_("popis fotografie (alt)"), max_length=255)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("fotografie")
        verbose_name_plural = _("fotografie")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        store_renditions(self, "image", {"image_list": 640})
        super().save(*args, **kwargs)


class ContactMessageQuerySet(models.QuerySet):
    def expired(self, now):
        """Messages kept PORTAL_RETAIN_MESSAGES_MONTHS after they were
        answered, or, never marked answered, after they arrived: the record
        is the copy filed by e-mail (PORTAL_FILING_EMAIL), not this one."""
        cutoff = months_before(now, settings.PORTAL_RETAIN_MESSAGES_MONTHS)
        return self.alias(kept_from=Coalesce("answered_at", "created_at")).filter(
            kept_from__lt=cutoff
        )


class ContactMessage(models.Model):
    # Not shown on public pages: saving one leaves the page cache alone.
    changes_public_pages = False

    project = models.ForeignKey(
        Project,
        verbose_name=_("projekt"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    name = models.CharField(_("jméno"), max_length=150)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("zpráva"), max_length=5000)
    created_at = models.DateTimeField(_("přijato"), auto_now_add=True)
    emailed = models.BooleanField(_("odesláno e-mailem"), default=False)
    answered_at = models.DateTimeField(_("zodpovězeno"), null=True, blank=True)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("zpráva z kontaktního formuláře")
        verbose_name_plural = _("zprávy z kontaktního formuláře")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"
