from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.conditions import FirstMatch
from portal.czech import format_date, format_money
from portal.links import slug_url
from portal.models import (
    Organisation,
    Person,
    Publishable,
    PublishableQuerySet,
    Resolution,
)
from portal.richtext import RichTextField
from portal.translation import translated

# § 10c of zákon č. 250/2000 Sb.: a programme is published on the official
# notice board at least 30 days before its application window opens.
NOTICE_DAYS = 30
# Zákon č. 340/2015 Sb.: contracts over 50 000 Kč go to the contract register.
REGISTER_THRESHOLD = Decimal("50000")

money = dict(
    max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
)


class Phase(models.TextChoices):
    PREPARED = "pripravuje-se", _("připravuje se")
    ANNOUNCED = "vyhlasen", _("vyhlášen")
    OPEN = "prijem-zadosti", _("příjem žádostí")
    EVALUATION = "hodnoceni", _("hodnocení žádostí")
    DECIDED = "rozhodnuto", _("rozhodnuto")
    CANCELLED = "zrusen", _("zrušen")


def phase_rules(day):
    """A programme's phase on ``day``: the first condition that holds.

    The one definition the programme's page, the phase filter, "open now"
    and the list order all read (through ``with_phase()`` or ``phase()``).
    A window with a start and no end stays open until a decision comes.
    """
    return FirstMatch(
        (Phase.CANCELLED, Q(cancelled=True)),
        (Phase.DECIDED, Q(decision_resolution__date__lte=day)),
        (Phase.EVALUATION, Q(window_end__lt=day)),
        (Phase.OPEN, Q(window_start__lte=day)),
        (
            Phase.ANNOUNCED,
            Q(announcing_resolution__date__lte=day) | Q(notice_board_date__lte=day),
        ),
        default=Phase.PREPARED,
    )


class ProgrammeQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related(
            "announcing_resolution", "decision_resolution"
        ).prefetch_related("allocation_changes")

    def with_phase(self, day):
        """Each programme's phase on ``day`` computed by the database;
        ``Programme.phase(day)`` reads it instead of computing it again."""
        return self.annotate(
            phase_on=phase_rules(day).case(models.CharField()),
            phase_day=models.Value(day, output_field=models.DateField()),
        )

    def calls_first(self, day):
        """What applicants come for first: open calls, then those announced
        or being prepared, then the rest, newest year first."""
        return (
            self.with_phase(day)
            .alias(
                call_order=models.Case(
                    models.When(phase_on=Phase.OPEN, then=models.Value(0)),
                    models.When(
                        phase_on__in=[Phase.ANNOUNCED, Phase.PREPARED],
                        then=models.Value(1),
                    ),
                    default=models.Value(2),
                    output_field=models.IntegerField(),
                )
            )
            .order_by("call_order", "-year", "code")
        )

    def in_phase(self, phase, day):
        return self.with_phase(day).filter(phase_on=phase)

    def open_on(self, day):
        """Open for applications on ``day``."""
        return self.in_phase(Phase.OPEN, day)


@translated("title", "slug", "purpose", "eligible_applicants", "conditions")
class Programme(Publishable):
    fund = models.CharField(
        _("dotační fond"),
        max_length=255,
        blank=True,
        help_text=_("Např. Dotační fond Libereckého kraje"),
    )
    code = models.CharField(
        _("číslo programu"), max_length=20, help_text=_("Např. 5.1")
    )
    year = models.PositiveSmallIntegerField(_("rok"))
    purpose = models.TextField(_("účel"), blank=True)
    reasons = models.TextField(_("důvody podpory"), blank=True)
    allocation = models.DecimalField(
        _("předpokládaný celkový objem (alokace)"), null=True, blank=True, **money
    )
    max_subsidy = models.DecimalField(
        _("nejvyšší dotace"), null=True, blank=True, **money
    )
    min_subsidy = models.DecimalField(
        _("nejnižší dotace"), null=True, blank=True, **money
    )
    max_share = models.PositiveSmallIntegerField(
        _("nejvyšší podíl na uznatelných nákladech (%)"), null=True, blank=True
    )
    eligible_applicants = models.TextField(_("okruh způsobilých žadatelů"), blank=True)
    eligible_costs = models.TextField(_("uznatelné náklady"), blank=True)
    evaluation_criteria = models.TextField(_("kritéria hodnocení"), blank=True)
    conditions = RichTextField(_("podmínky poskytnutí"))
    window_start = models.DateField(_("příjem žádostí od"), null=True, blank=True)
    window_end = models.DateField(_("příjem žádostí do"), null=True, blank=True)
    decision_deadline = models.DateField(
        _("lhůta pro rozhodnutí"), null=True, blank=True
    )
    announcing_resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("vyhlášeno usnesením"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announced_programmes",
    )
    decision_resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("o dotacích rozhodnuto usnesením"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_programmes",
    )
    notice = models.ForeignKey(
        "noticeboard.Notice",
        verbose_name=_("oznámení na úřední desce"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Vyhlášení programu na úřední desce portálu; lhůta 30 dnů se počítá "
            "ode dne jeho vyvěšení."
        ),
    )
    notice_board_date = models.DateField(
        _("zveřejněno na úřední desce"),
        null=True,
        blank=True,
        help_text=_(
            "Jen když program visí na úřední desce jinde (např. centrální deska "
            "úřadu); s oznámením na desce portálu se doplní samo."
        ),
    )
    notice_board_url = models.URLField(_("odkaz na záznam úřední desky"), blank=True)
    entered_after_fact = models.BooleanField(
        _("zapsáno dodatečně"),
        default=False,
        help_text=_(
            "Program vyhlášený dříve, než byl zapsán na portál: pravidlo 30 dnů "
            "se nekontroluje."
        ),
    )
    cancelled = models.BooleanField(_("zrušen"), default=False)
    conditions_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("dokument s podmínkami"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    application_form = models.ForeignKey(
        "documents.Document",
        verbose_name=_("formulář žádosti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    model_contract = models.ForeignKey(
        "documents.Document",
        verbose_name=_("vzor smlouvy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Where the recipients are published as a document (seed 003's
    # "Přehled přidělených dotačních prostředků") rather than as awards.
    awards_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("přehled přidělených dotací"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Dokument se seznamem příjemců a částek, pokud nejsou zapsáni níže "
            "jako jednotlivé dotace."
        ),
    )
    contacts = models.ManyToManyField(
        Person, verbose_name=_("kontaktní osoby"), blank=True
    )

    objects = ProgrammeQuerySet.as_manager()
    # What its name says (__str__), and its address.
    link_fields = ("code", "title", "slug", "year")

    class Meta(Publishable.Meta):
        verbose_name = _("dotační program")
        verbose_name_plural = _("dotační programy")
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__isnull=True)
                | Q(window_start__isnull=True)
                | Q(window_end__gte=models.F("window_start")),
                name="programme_window_ordered",
                violation_error_message=_(
                    "Příjem žádostí nemůže skončit dřív, než začne."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_subsidy__isnull=True)
                | Q(max_subsidy__isnull=True)
                | Q(max_subsidy__gte=models.F("min_subsidy")),
                name="programme_limits_ordered",
                violation_error_message=_(
                    "Nejvyšší dotace nemůže být nižší než nejnižší."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title} ({self.year})"

    def get_absolute_url(self):
        return slug_url("grants:detail", self.slug)

    def save(self, *args, **kwargs):
        # The phases and the list read one date, whichever board it is on.
        if self.notice_id:
            self.notice_board_date = self.notice.posting_date()
        super().save(*args, **kwargs)

    def posted_on(self):
        """The day the programme went up on a notice board: the portal's own
        notice's (a draft notice is on no board), else the date typed for a
        board kept elsewhere."""
        if self.notice_id:
            return self.notice.posting_date()
        return self.notice_board_date

    def clean(self):
        if (
            self.window_start
            and not self.entered_after_fact
            and not (self.window_end and self.window_end < self.window_start)
        ):
            published = self.posted_on()
            if published is None or (self.window_start - published).days < NOTICE_DAYS:
                raise ValidationError(
                    {
                        "window_start": _(
                            "Podle § 10c zákona č. 250/2000 Sb. musí být program "
                            "zveřejněn na úřední desce nejméně 30 dní před zahájením "
                            "příjmu žádostí. Zveřejněno: %(published)s, příjem od "
                            "%(start)s. Zadejte datum zveřejnění, posuňte začátek "
                            "příjmu nejdříve na %(earliest)s, nebo označte program "
                            "jako zapsaný dodatečně."
                        )
                        % {
                            "published": format_date(published)
                            if published
                            else self._unposted_label(),
                            "start": format_date(self.window_start),
                            "earliest": format_date(
                                published + timedelta(days=NOTICE_DAYS)
                            )
                            if published
                            else _("30 dní po zveřejnění"),
                        }
                    }
                )

    def _unposted_label(self):
        if self.notice_id:
            return _("oznámení na úřední desce je zatím koncept")
        return _("nevyplněno")

    def phase(self, today=None):
        """Derived from the dates and resolutions, never typed."""
        day = today or timezone.localdate()
        if getattr(self, "phase_day", None) == day:
            return Phase(self.phase_on)
        return phase_rules(day).of(self)

    def phase_label(self):
        return Phase(self.phase()).label

    def days_left(self, today=None):
        today = today or timezone.localdate()
        if self.phase(today) != Phase.OPEN or not self.window_end:
            return None
        return (self.window_end - today).days

    def allocation_history(self):
        """The allocation changes with their resolutions, read once (unless
        prefetched already), for the page's timeline and its totals."""
        if "allocation_changes" not in getattr(self, "_prefetched_objects_cache", {}):
            changes = AllocationChange.objects.select_related("resolution")
            models.prefetch_related_objects(
                [self], models.Prefetch("allocation_changes", changes)
            )
        return self.allocation_changes.all()

    def current_allocation(self):
        """The allocation after its latest change (uses prefetched changes);
        a programme not saved yet has no changes."""
        if self.pk is None:
            return self.allocation
        changes = sorted(
            self.allocation_changes.all(), key=lambda change: (change.date, change.pk)
        )
        return changes[-1].new_amount if changes else self.allocation

    def check_awards_total(self, amounts):
        """Refuse a set of awarded ``amounts`` (all of the programme's
        awards, as they would be) that together exceed the current
        allocation. The admin's award inline and the import both ask."""
        allocation = self.current_allocation()
        total = sum((amount or 0 for amount in amounts), Decimal(0))
        if allocation is not None and total > allocation:
            raise ValidationError(
                _(
                    "Součet přidělených dotací %(total)s by překročil alokaci "
                    "programu %(allocation)s."
                ),
                code="over_allocation",
                params={
                    "total": format_money(total),
                    "allocation": format_money(allocation),
                },
            )

    def totals(self, awards=None):
        awards = list(self.awards.all()) if awards is None else awards
        requested = sum((award.requested or 0 for award in awards), Decimal(0))
        awarded = sum((award.awarded or 0 for award in awards), Decimal(0))
        allocation = self.current_allocation()
        return {
            "count": len(awards),
            "requested": requested,
            "awarded": awarded,
            "allocation": allocation,
            "remaining": allocation - awarded if allocation is not None else None,
        }


class AllocationChange(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="allocation_changes"
    )
    date = models.DateField(_("datum"))
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("usnesení"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_amount = models.DecimalField(_("nová výše alokace"), **money)
    reason = models.TextField(_("důvod"), blank=True)

    class Meta:
        verbose_name = _("změna alokace")
        verbose_name_plural = _("změny alokace")
        ordering = ["date", "pk"]

    def __str__(self):
        return _("%(date)s: alokace %(amount)s") % {
            "date": format_date(self.date),
            "amount": format_money(self.new_amount),
        }


class AwardQuerySet(models.QuerySet):
    def missing_register_link(self):
        """Awards whose contract must be in the contract register but has no
        link to it yet."""
        return self.filter(awarded__gt=REGISTER_THRESHOLD, contract_register_url="")


class Award(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="awards"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("příjemce (organizace)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    person_name = models.CharField(
        _("příjemce (fyzická osoba)"),
        max_length=150,
        blank=True,
        help_text=_("U fyzické osoby se zveřejní jen jméno a obec."),
    )
    person_municipality = models.CharField(
        _("obec fyzické osoby"), max_length=120, blank=True
    )
    project_title = models.CharField(_("název projektu"), max_length=255)
    requested = models.DecimalField(_("požadováno"), null=True, blank=True, **money)
    awarded = models.DecimalField(_("přiděleno"), **money)
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("usnesení"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contract_number = models.CharField(_("číslo smlouvy"), max_length=60, blank=True)
    contract_register_url = models.URLField(_("odkaz do registru smluv"), blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("přidělená dotace")
        verbose_name_plural = _("přidělené dotace")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested__isnull=True)
                | Q(awarded__lte=models.F("requested")),
                name="award_not_above_requested",
                violation_error_message=_(
                    "Přiděleno nemůže být víc, než kolik žadatel požadoval."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name}: {format_money(self.awarded)}"

    def clean(self):
        """The award's own rules; ``full_clean()`` runs them for the admin
        and for the import alike. The recipient and the programme may be
        objects not saved yet (the import's preview)."""
        errors = {}
        if (self._related("organisation") is None) == (not self.person_name.strip()):
            errors["person_name"] = ValidationError(
                _(
                    "Vyberte organizaci, nebo vyplňte jméno fyzické osoby "
                    "(jedno z toho)."
                ),
                code="one_recipient",
            )
        elif self.person_name and not self.person_municipality.strip():
            errors["person_municipality"] = ValidationError(
                _("U fyzické osoby vyplňte obec."), code="municipality_missing"
            )
        programme = self._related("programme")
        if (
            programme
            and programme.max_subsidy
            and self.awarded
            and self.awarded > programme.max_subsidy
        ):
            errors["awarded"] = ValidationError(
                _("Dotace %(amount)s překračuje nejvyšší dotaci programu %(limit)s."),
                code="above_max_subsidy",
                params={
                    "amount": format_money(self.awarded),
                    "limit": format_money(programme.max_subsidy),
                },
            )
        if errors:
            raise ValidationError(errors)

    def _related(self, name):
        """The related object, saved or not; None when there is none."""
        try:
            return getattr(self, name)
        except ObjectDoesNotExist:
            return None

    @property
    def recipient_name(self):
        if self.organisation_id:
            return self.organisation.name
        return f"{self.person_name} ({self.person_municipality})"

    @property
    def recipient_ico(self):
        return self.organisation.ico if self.organisation_id else ""

    @property
    def needs_register_link(self):
        return (
            self.awarded is not None
            and self.awarded > REGISTER_THRESHOLD
            and not self.contract_register_url
        )
