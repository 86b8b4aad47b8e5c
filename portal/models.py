from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Greatest
from django.db.models.lookups import StartsWith
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.czech import format_date, slugify
from portal.links import slug_url
from portal.publishing import LinkQuerySet, Publishable, PublishableQuerySet, Status
from portal.richtext import RichTextField
from portal.translation import (
    CONTENT_LANGUAGES,
    SOURCE_LANGUAGE,
    czech_value,
    fill_slugs,
    translated,
)
from portal.uploads import UnguessableName
from portal.validators import (
    validate_dark_colour,
    validate_ico,
    validate_image,
    validate_logo,
)

__all__ = [
    "Link",
    "LinkGroup",
    "OfficeHours",
    "Organisation",
    "Page",
    "Person",
    "Publishable",
    "PublishableQuerySet",
    "Resolution",
    "SearchEntry",
    "SiteSettings",
    "Status",
    "Topic",
]


@translated("name", "slug", "description", "keywords")
class Topic(models.Model):
    name = models.CharField(_("název"), max_length=120, unique=True)
    slug = models.SlugField(_("adresa (slug)"), max_length=120, unique=True)
    description = models.TextField(_("popis"), blank=True)
    # Words a visitor may search the topic and its items by, in each
    # language: "foreigners", "іноземці" (search indexes each language's).
    keywords = models.CharField(
        _("klíčová slova pro hledání"),
        max_length=500,
        blank=True,
        help_text=_(
            "Slova, podle kterých hledání najde téma a jeho obsah, oddělená čárkami."
        ),
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    # The date search shows on the topic's result.
    updated_at = models.DateTimeField(_("naposledy změněno"), auto_now=True)

    objects = LinkQuerySet.as_manager()
    link_fields = ("name", "slug")

    class Meta:
        verbose_name = _("téma")
        verbose_name_plural = _("témata")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("portal:topic", self.slug)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("ústřední orgán státní správy")
        REGION = "region", _("kraj")
        MUNICIPALITY = "municipality", _("obec nebo město")
        NGO = "ngo", _("nestátní nezisková organizace")
        SCHOOL = "school", _("škola nebo školské zařízení")
        COMPANY = "company", _("podnikatelský subjekt")
        OTHER = "other", _("jiná")

    name = models.CharField(_("název"), max_length=255)
    kind = models.CharField(_("druh"), max_length=20, choices=Kind, default=Kind.OTHER)
    ico = models.CharField(
        _("IČO"),
        max_length=8,
        blank=True,
        validators=[validate_ico],
        help_text=_("Osm číslic včetně kontrolní číslice."),
    )
    municipality = models.CharField(_("obec (sídlo)"), max_length=120, blank=True)
    web = models.URLField(_("web"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to=UnguessableName("logos/"),
        blank=True,
        validators=[validate_image],
    )
    is_sample = models.BooleanField(
        _("ukázková data"),
        default=False,
        help_text=_("Smyšlená organizace z ukázkového obsahu, ne skutečný subjekt."),
    )

    class Meta:
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ico"],
                condition=~Q(ico=""),
                name="organisation_ico_unique",
                violation_error_message=_("Organizace s tímto IČO už existuje."),
            ),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    name = models.CharField(
        _("jméno a tituly"), max_length=150, help_text=_("Např. Mgr. Pavel Vaculík")
    )
    role = models.CharField(_("funkce"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    area = models.CharField(
        _("oblast (agenda)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Na kontaktech se lidé řadí podle oblastí, např. „Romské záležitosti, "
            "národnostní menšiny a integrace cizinců“."
        ),
    )
    show_on_contacts = models.BooleanField(_("zobrazit v kontaktech"), default=False)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name


class Resolution(models.Model):
    """A council or assembly resolution, always shown in its canonical form:
    "Usnesení č. 1384/13/RK ze dne 17. 9. 2013"."""

    class Body(models.TextChoices):
        COUNCIL = "RK", _("Rada kraje (RK)")
        ASSEMBLY = "ZK", _("Zastupitelstvo kraje (ZK)")
        OTHER = "other", _("jiný orgán")

    number = models.PositiveIntegerField(_("číslo"))
    year = models.PositiveSmallIntegerField(_("rok"))
    body = models.CharField(_("orgán"), max_length=10, choices=Body)
    body_abbr = models.CharField(
        _("zkratka jiného orgánu"),
        max_length=10,
        blank=True,
        help_text=_("Jen u jiného orgánu než rady a zastupitelstva, např. „VL“."),
    )
    date = models.DateField(_("datum přijetí"))
    url = models.URLField(_("odkaz na usnesení"), blank=True)

    class Meta:
        verbose_name = _("usnesení")
        verbose_name_plural = _("usnesení")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "year", "body", "body_abbr"],
                name="resolution_unique",
                violation_error_message=_("Toto usnesení už je zapsané."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="resolution_year_plausible",
                violation_error_message=_("Rok usnesení musí být mezi 1990 a 2100."),
            ),
        ]

    def __str__(self):
        return _("Usnesení č. %(reference)s ze dne %(date)s") % {
            "reference": self.reference,
            "date": format_date(self.date),
        }

    def clean(self):
        errors = {}
        if self.date and self.year and self.date.year != self.year:
            errors["date"] = _("Datum přijetí musí spadat do roku %(year)s.") % {
                "year": self.year
            }
        if self.body == self.Body.OTHER and not self.body_abbr:
            errors["body_abbr"] = _("U jiného orgánu vyplňte jeho zkratku.")
        if self.body != self.Body.OTHER and self.body_abbr:
            errors["body_abbr"] = _("Zkratku vyplňte jen u jiného orgánu.")
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self):
        """1384/13/RK"""
        body = self.body_abbr if self.body == self.Body.OTHER else self.body
        return f"{self.number}/{self.year % 100:02d}/{body}"

    @classmethod
    def parse_reference(cls, reference, date):
        """ "158/20/ZK" adopted on ``date`` → unsaved Resolution; a reference
        that does not fit that shape or that year raises ValidationError."""
        parts = reference.strip().split("/")
        if (
            len(parts) != 3
            or not parts[0].isdigit()
            or not parts[1].isdigit()
            or len(parts[1]) != 2
            or not parts[2].isalpha()
        ):
            raise ValidationError(
                _("„%(reference)s“ není číslo usnesení ve tvaru 158/20/ZK.")
                % {"reference": reference},
                code="invalid_reference",
            )
        number, short_year, body = int(parts[0]), int(parts[1]), parts[2].upper()
        if date.year % 100 != short_year:
            raise ValidationError(
                _("Usnesení %(reference)s nemohlo být přijato %(date)s.")
                % {"reference": reference, "date": format_date(date)},
                code="invalid_reference_year",
            )
        if body in (cls.Body.COUNCIL, cls.Body.ASSEMBLY):
            return cls(number=number, year=date.year, body=body, date=date)
        return cls(
            number=number,
            year=date.year,
            body=cls.Body.OTHER,
            body_abbr=body,
            date=date,
        )

    @classmethod
    def from_reference(cls, reference, date):
        """The stored resolution "158/20/ZK" of ``date``, created if new."""
        parsed = cls.parse_reference(reference, date)
        resolution, _created = cls.objects.get_or_create(
            number=parsed.number,
            year=parsed.year,
            body=parsed.body,
            body_abbr=parsed.body_abbr,
            defaults={"date": date},
        )
        return resolution


class PageQuerySet(PublishableQuerySet):
    """A page is public only while it and every page above it are live:
    a page under a draft or a scheduled parent stays hidden (its view, the
    sitemap, the menu, topic pages and search all read published())."""

    def _above(self):
        """For a subquery: the pages above the outer query's page."""
        return self.model._default_manager.filter(
            StartsWith(OuterRef("path"), Concat(F("path"), Value("/")))
        )

    def published(self):
        not_live = self._above().filter(
            ~Q(status=Status.PUBLISHED) | Q(publish_at__gt=timezone.now())
        )
        return super().published().filter(~Exists(not_live))

    def searchable(self):
        """Pages that are or will become public without an editor's action
        (they and every page above them published, scheduled ones included),
        with ``visible_from``: when the last of them goes live."""
        drafts_above = self._above().exclude(status=Status.PUBLISHED)
        latest_above = self._above().order_by("-publish_at").values("publish_at")
        return (
            self.filter(status=Status.PUBLISHED)
            .filter(~Exists(drafts_above))
            .annotate(
                visible_from=Greatest(
                    "publish_at", Coalesce(Subquery(latest_above[:1]), "publish_at")
                )
            )
        )

    def in_menu(self):
        # Only top-level pages, which have no page above them to hide them:
        # the plain publication rule, without the subquery over the tree.
        top = self.filter(parent__isnull=True, show_in_menu=True)
        return PublishableQuerySet.published(top).links()


# Paths the apps use at the top level; a root page must not shadow them.
RESERVED_ROOT_SLUGS = {
    "admin",
    "aktuality",
    "ckeditor5",
    "dokumenty",
    "dotace",
    "hledat",
    "kontakty",
    "mapa-stranek",
    "media",
    "odber-novinek",
    "projekty",
    "static",
    "temata",
}


@translated("title", "slug", "lead", "body", "path")
class Page(Publishable):
    """A static page in a tree, served at its tree path."""

    slug = models.SlugField(
        _("adresa (slug)"),
        max_length=120,
        blank=True,
        help_text=_("Část webové adresy; doplní se z názvu, pokud ji nevyplníte."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nadřazená stránka"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    show_in_menu = models.BooleanField(_("zobrazit v hlavní nabídce"), default=False)
    lead = models.TextField(_("úvodní odstavec"), blank=True)
    body = RichTextField(_("text stránky"))
    # The full tree path ("krajsky-urad/odbory-ku/koordinator"), kept so that
    # a page is found in one query.
    path = models.CharField(_("cesta"), max_length=1000, unique=True, editable=False)

    objects = PageQuerySet.as_manager()
    link_fields = ("title", "path")

    class Meta(Publishable.Meta):
        verbose_name = _("stránka")
        verbose_name_plural = _("stránky")
        ordering = ["path"]

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.title)[:120]
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "Stránka nemůže být nadřazená sama sobě ani své podstránce."
                        )
                    }
                )
            ancestor = ancestor.parent
        if self.parent is None:
            for name in ("slug", *(f"slug_{lang}" for lang in CONTENT_LANGUAGES)):
                if self.__dict__.get(name) in RESERVED_ROOT_SLUGS:
                    raise ValidationError(
                        {
                            name: _(
                                "Adresa „%(slug)s“ patří jiné části webu; zvolte jinou."
                            )
                            % {"slug": self.__dict__[name]}
                        }
                    )
        if Page.objects.filter(path=self.build_path()).exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "slug": _(
                        "Pod stejnou nadřazenou stránkou už je stránka s adresou "
                        "„%(slug)s“."
                    )
                    % {"slug": self.slug}
                }
            )

    def save(self, *args, **kwargs):
        if not czech_value(self, "slug"):
            self.slug = slugify(czech_value(self, "title"))[:120] or "stranka"
        fill_slugs(self)
        old_paths = self.paths()
        self.path = self.build_path()
        for lang in CONTENT_LANGUAGES:
            setattr(self, f"path_{lang}", self.build_path(lang))
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_paths[0] and old_paths != self.paths():
                for child in self.children.all():
                    child.save()

    def get_absolute_url(self):
        # ``path`` reads the active language's path (/en/… with the English
        # slugs where the pages have them).
        return reverse("portal:page", args=[self.path])

    def paths(self):
        return (
            czech_value(self, "path"),
            *(self.__dict__.get(f"path_{lang}") for lang in CONTENT_LANGUAGES),
        )

    def build_path(self, lang=None):
        """The tree path in Czech, or in ``lang``: each page's slug in that
        language where it has one, its Czech slug otherwise."""
        own = (lang and self.__dict__.get(f"slug_{lang}")) or czech_value(self, "slug")
        if self.parent is None:
            return own
        above = (lang and self.parent.__dict__.get(f"path_{lang}")) or czech_value(
            self.parent, "path"
        )
        return f"{above}/{own}"

    def translated_slug_taken(self, lang, slug):
        """Page slugs are unique among siblings: another page at the path
        this slug would give, in that language or in Czech."""
        above = self.parent and (
            self.parent.__dict__.get(f"path_{lang}") or czech_value(self.parent, "path")
        )
        path = f"{above}/{slug}" if above else slug
        return (
            Page.objects.filter(Q(**{f"path_{lang}": path}) | Q(path=path))
            .exclude(pk=self.pk)
            .exists()
        )

    def ancestors(self):
        """Pages above this one, from the root down, in one query."""
        parts = czech_value(self, "path").split("/")[:-1]
        prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
        found = {
            czech_value(page, "path"): page
            for page in Page.objects.filter(path__in=prefixes)
        }
        return [found[prefix] for prefix in prefixes if prefix in found]


@translated("title")
class LinkGroup(models.Model):
    """External links shown on a page ("Odkazy")."""

    title = models.CharField(_("nadpis"), max_length=255, default=_("Odkazy"))
    page = models.ForeignKey(
        Page,
        verbose_name=_("stránka"),
        on_delete=models.CASCADE,
        related_name="link_groups",
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("skupina odkazů")
        verbose_name_plural = _("skupiny odkazů")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.page}: {self.title}"


@translated("title", "description")
class Link(models.Model):
    group = models.ForeignKey(LinkGroup, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("text odkazu"), max_length=255)
    url = models.URLField(
        _("adresa"),
        blank=True,
        help_text=_("Bez adresy se zobrazí jen text."),
    )
    description = models.CharField(_("popis"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("odkaz")
        verbose_name_plural = _("odkazy")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


@translated("authority_name", "department_name", "office_hours", "notice", "about")
class SiteSettings(models.Model):
    """The one row of site-wide settings, edited in the admin."""

    authority_name = models.CharField(
        _("název úřadu"), max_length=255, default="Krajský úřad"
    )
    department_name = models.CharField(
        _("název odboru"), max_length=255, default="Odbor sociálních věcí"
    )
    address = models.TextField(_("adresa"), blank=True)
    ico = models.CharField(
        _("IČO"), max_length=8, blank=True, validators=[validate_ico]
    )
    data_box = models.CharField(_("ID datové schránky"), max_length=20, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.TextField(
        _("poznámka k úředním hodinám"),
        blank=True,
        help_text=_(
            "Doplňuje úřední hodiny po dnech, např. hodiny pokladny. Prázdné = nic "
            "se nezobrazí."
        ),
    )
    logo = models.FileField(
        _("znak nebo logo"),
        upload_to=UnguessableName("identity/"),
        blank=True,
        validators=[
            FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"]),
            validate_logo,
        ],
        help_text=_("SVG, PNG, JPEG nebo WebP; zobrazí se v záhlaví každé stránky."),
    )
    logo_alt = models.CharField(
        _("popis znaku nebo loga (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Např. „Znak Kraje Vysočina“."),
    )
    colour = models.CharField(
        _("barva odboru"),
        max_length=7,
        default="#0b4f8a",
        validators=[validate_dark_colour],
        help_text=_(
            "Barva záhlaví a odkazů jako #rrggbb; musí být dost tmavá, aby na ní "
            "byl bílý text čitelný."
        ),
    )
    notice = models.TextField(
        _("oznámení na všech stránkách"),
        blank=True,
        help_text=_(
            "Např. „Nacházíte se na archivních webových stránkách.“ Prázdné = nic "
            "se nezobrazí."
        ),
    )
    about = models.TextField(
        _("o tomto webu"),
        blank=True,
        help_text=_(
            "Krátký text v patičce každé stránky, např. čí obsah web ukazuje. "
            "Prázdné = nic se nezobrazí."
        ),
    )
    # The date search shows on the contacts' result.
    updated_at = models.DateTimeField(_("naposledy změněno"), auto_now=True)

    class Meta:
        verbose_name = _("nastavení webu")
        verbose_name_plural = _("nastavení webu")

    def __str__(self):
        return str(_("Nastavení webu"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:contacts")

    @classmethod
    def load(cls):
        """The settings with their office hours, read once for every page."""
        # One query, as before the hours existed: the hours bring their
        # settings row along; only without hours is the row read alone.
        hours = list(OfficeHours.objects.filter(site=1).select_related("site"))
        if hours:
            settings = hours[0].site
        else:
            settings, _created = cls.objects.get_or_create(pk=1)
        settings.hours = hours
        return settings

    @property
    def has_contacts(self):
        return any([self.address, self.phone, self.email, self.data_box, self.ico])


class OfficeHours(models.Model):
    """The office's hours on one weekday, as the contacts page and the
    footer list them and schema.org publishes them."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("pondělí")
        TUESDAY = 2, _("úterý")
        WEDNESDAY = 3, _("středa")
        THURSDAY = 4, _("čtvrtek")
        FRIDAY = 5, _("pátek")
        SATURDAY = 6, _("sobota")
        SUNDAY = 7, _("neděle")

    # The settings row is the inline's parent in the admin; there is one.
    site = models.ForeignKey(
        SiteSettings, on_delete=models.CASCADE, related_name="office_days", default=1
    )
    weekday = models.PositiveSmallIntegerField(_("den"), choices=Weekday)
    opens = models.TimeField(_("od"))
    closes = models.TimeField(_("do"))

    class Meta:
        verbose_name = _("úřední hodiny")
        verbose_name_plural = _("úřední hodiny")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "weekday"],
                name="office_hours_one_row_per_day",
                violation_error_message=_("Každý den může mít jen jeden řádek."),
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="office_hours_close_after_open",
                violation_error_message=_("Konec úředních hodin musí být po začátku."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.hours}"

    def get_weekday_display(self):
        # Every page's footer lists the days: Django's version translates
        # all seven names for each day it names.
        try:
            return self.Weekday(self.weekday).label
        except ValueError:
            return self.weekday

    @property
    def hours(self):
        """ "8.00–17.00", as Czech offices write them."""
        return f"{self.opens_text}–{self.closes_text}"

    # Each time as Czech offices write it ("8.00") and as HTML's datetime
    # attribute wants it ("08:00"), for every page's footer: the template
    # filter |time builds a formatter per use, 20 of them per page.
    @property
    def opens_text(self):
        return f"{self.opens:%-H.%M}"

    @property
    def closes_text(self):
        return f"{self.closes:%-H.%M}"

    @property
    def opens_iso(self):
        return f"{self.opens:%H:%M}"

    @property
    def closes_iso(self):
        return f"{self.closes:%H:%M}"

    @property
    def schema_day(self):
        return (
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        )[self.weekday - 1]


class SearchEntry(models.Model):
    """One published item in the site search index (portal/search.py).

    ``text`` is lower-case and without diacritics, one character per
    character of ``body``, so a match found in ``text`` can be highlighted
    in ``body``.
    """

    # Not shown on public pages: saving one leaves the page cache alone.
    changes_public_pages = False

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    body = models.TextField()
    text = models.TextField()
    publish_at = models.DateTimeField(db_index=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # PostgreSQL only: ``text`` as a stored tsvector, so that matching and
    # ranking never re-parse the text (portal/search.py fills it).
    vector = SearchVectorField(null=True, editable=False)
    # One entry per item and language of the site: the search in English
    # looks only at English entries, which hold the Czech text where the
    # item has no English one (``czech_fallback``, labelled in results).
    language = models.CharField(max_length=8, default="cs")
    czech_fallback = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("záznam vyhledávání")
        verbose_name_plural = _("záznamy vyhledávání")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="search_entry_once_per_language",
            )
        ]
        # One full-text index per language, since every search asks one
        # language's entries: an index of all three made PostgreSQL add
        # the language's own index to each search (13 ms), or walk the
        # table for the first 1 001 matches of a common word (50–570 ms).
        indexes = [
            GinIndex(
                fields=["vector"],
                condition=Q(language=language),
                name=f"search_entry_vector_{language}",
            )
            for language in (SOURCE_LANGUAGE, *CONTENT_LANGUAGES)
        ]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """A word or phrase in a visitor's language and its Czech equivalent.

    Most content is in Czech only. A search in English or Ukrainian that
    finds nothing in its own language searches the Czech content, with the
    words this glossary knows put into Czech ("subsidy" → "dotace",
    "допомога" → "pomoc"); portal/search.py, in_czech()."""

    language = models.CharField(
        _("jazyk"),
        max_length=8,
        help_text=_("Jazyk, ve kterém návštěvník hledá."),
    )
    words = models.CharField(
        _("výrazy v tomto jazyce"),
        max_length=300,
        help_text=_(
            "Slovo nebo sousloví, jak je návštěvník napíše, a jeho další tvary, "
            "oddělené čárkami: „допомога, допомоги, допомогу“."
        ),
    )
    czech = models.CharField(
        _("česky"),
        max_length=200,
        help_text=_("Co se místo toho hledá v českém obsahu: „pomoc“."),
    )

    class Meta:
        verbose_name = _("výraz pro hledání v jiném jazyce")
        verbose_name_plural = _("výrazy pro hledání v jiných jazycích")
        ordering = ["language", "words"]

    def __str__(self):
        return f"{self.words} → {self.czech}"


class ContentVersion(models.Model):
    """One row whose number changes with every change of public content,
    with the number of each table's last change.

    The page cache (pagecache/state.py) keeps a page while the tables it
    read keep their numbers. It is bumped by signals in the same transaction
    as the change itself, so every app server sees the new number exactly
    when it sees the new content, whichever cache it uses and even while
    Redis is down.
    """

    # Not shown on public pages: saving one leaves the page cache alone.
    changes_public_pages = False

    generation = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)
    # {table name: the generation of its last change}, as JSON text: read
    # raw on every request and parsed once per generation and process.
    tables = models.TextField(default="{}", blank=True)

    class Meta:
        verbose_name = _("verze obsahu")
        verbose_name_plural = _("verze obsahu")

    def __str__(self):
        return str(self.generation)
