from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, Publishable, PublishableQuerySet, Resolution
from portal.richtext import RichTextField


class Category(models.Model):
    """An editable document category ("Zprávy o stavu menšiny", …)."""

    name = models.CharField(_("název"), max_length=120, unique=True)
    slug = models.SlugField(_("adresa (slug)"), max_length=120, unique=True)
    description = models.TextField(_("popis"), blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("kategorie dokumentů")
        verbose_name_plural = _("kategorie dokumentů")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Scope(models.TextChoices):
    NATIONAL = "national", _("celostátní")
    REGIONAL = "regional", _("krajský")


class Audience(models.TextChoices):
    PUBLIC = "public", _("veřejnost")
    MUNICIPALITIES = "municipalities", _("obce a města")
    PROVIDERS = "providers", _("poskytovatelé služeb")


class DocumentQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("category", "issuer", "resolution").prefetch_related(
            "topics", "files"
        )


class Document(Publishable):
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategorie"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("vydavatel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    scope = models.CharField(
        _("působnost"), max_length=10, choices=Scope, default=Scope.REGIONAL
    )
    year = models.PositiveSmallIntegerField(_("rok"), null=True, blank=True)
    period = models.CharField(
        _("období platnosti"),
        max_length=60,
        blank=True,
        help_text=_("Např. „do roku 2020“ nebo „2014–2020“."),
    )
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("schvalující usnesení"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    audience = models.CharField(
        _("určeno pro"), max_length=20, choices=Audience, default=Audience.PUBLIC
    )
    summary = RichTextField(_("shrnutí"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
        ordering = ["-publish_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1990) & models.Q(year__lte=2100),
                name="document_year_plausible",
                violation_error_message=_("Rok musí být mezi 1990 a 2100."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug])


class DocumentFile(models.Model):
    """One file (a language version or a format) of a document, or a link to
    a file published elsewhere."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("soubor"), upload_to="documents/%Y/", blank=True)
    external_url = models.URLField(_("odkaz na soubor jinde"), blank=True)
    label = models.CharField(_("popisek"), max_length=255, blank=True)
    language = models.CharField(_("jazyk"), max_length=8, default="cs")
    original_name = models.CharField(_("původní název souboru"), max_length=255, blank=True)
    format = models.CharField(_("formát"), max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("velikost (B)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("počet stran"), null=True, blank=True)
    text = models.TextField(_("vytěžený text"), blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("počet stažení"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("soubor dokumentu")
        verbose_name_plural = _("soubory dokumentu")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(external_url=""),
                name="documentfile_file_or_url",
                violation_error_message=_("Nahrajte soubor, nebo vyplňte odkaz."),
            ),
        ]

    def __str__(self):
        return self.label or self.original_name or self.external_url
