from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from documents.storage import DocumentFileField, private_storage, upload_to
from portal.links import slug_url
from portal.models import Organisation, Publishable, PublishableQuerySet, Resolution
from portal.richtext import RichTextField
from portal.translation import SOURCE_LANGUAGE, czech_value, translated
from portal.uploads import StoredUpload


@translated("name", "slug", "description")
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


class Language(models.TextChoices):
    CS = "cs", _("čeština")
    EN = "en", _("angličtina")
    DE = "de", _("němčina")
    SK = "sk", _("slovenština")
    PL = "pl", _("polština")
    RU = "ru", _("ruština")
    UK = "uk", _("ukrajinština")
    VI = "vi", _("vietnamština")
    MN = "mn", _("mongolština")
    ROM = "rom", _("romština")


class DocumentQuerySet(PublishableQuerySet):
    def for_listing(self):
        """With the category, issuer and files each row of a list shows."""
        files = models.Prefetch("files", DocumentFile.objects.listed())
        return self.select_related("category", "issuer").prefetch_related(files)


@translated("title", "slug", "summary")
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

    class Meta(Publishable.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
        ordering = ["-publish_at"]
        # The list's filters, newest first without a sort.
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["year", "publish_at"], name="documents_year_newest"),
            models.Index(
                fields=["category", "publish_at"], name="documents_category_newest"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1990) & models.Q(year__lte=2100),
                name="document_year_plausible",
                violation_error_message=_("Rok musí být mezi 1990 a 2100."),
            ),
        ]

    def get_absolute_url(self):
        return slug_url("documents:detail", self.slug)

    def listed_files(self):
        return self.files.listed()

    @property
    def for_municipalities(self):
        return self.audience == Audience.MUNICIPALITIES


class DocumentFileQuerySet(models.QuerySet):
    def listed(self):
        """Files as a page lists them: without their extracted text (up to
        200 000 characters), which is for search only."""
        return self.defer("text")

    def inaccessible_pdfs(self):
        """Published PDFs without a text layer, tags, language or title."""
        return (
            self.filter(document__in=Document.objects.published(), format="PDF")
            .filter(
                models.Q(pdf_has_text=False)
                | models.Q(pdf_tagged=False)
                | models.Q(pdf_has_language=False)
                | models.Q(pdf_has_title=False)
            )
            .select_related("document")
        )


class DocumentFile(StoredUpload, models.Model):
    """One file (a language version or a format) of a document, or a link to
    a file published elsewhere."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files"
    )
    # Never under MEDIA_ROOT: only the download view serves these files.
    file = DocumentFileField(
        _("soubor"), upload_to=upload_to, storage=private_storage, blank=True
    )
    external_url = models.URLField(_("odkaz na soubor jinde"), blank=True)
    in_preparation = models.BooleanField(
        _("připravuje se"),
        default=False,
        help_text=_(
            "Verze, která ještě nevyšla (např. překlad): seznam ji ukáže jako "
            "„připravuje se“, dokud nenahrajete soubor."
        ),
    )
    label = models.CharField(_("popisek"), max_length=255, blank=True)
    language = models.CharField(
        _("jazyk"), max_length=8, choices=Language, default=Language.CS
    )
    original_name = models.CharField(
        _("původní název souboru"), max_length=255, blank=True
    )
    format = models.CharField(_("formát"), max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("velikost (B)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("počet stran"), null=True, blank=True)
    text = models.TextField(_("vytěžený text"), blank=True, editable=False)
    download_count = models.PositiveIntegerField(
        _("počet stažení"), default=0, editable=False
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    content_type = models.CharField(max_length=120, blank=True, editable=False)
    # Accessibility of a PDF (zákon č. 99/2019 Sb.); None for other formats.
    pdf_has_text = models.BooleanField(
        _("má textovou vrstvu"), null=True, editable=False
    )
    pdf_tagged = models.BooleanField(
        _("má strukturu (tagy)"), null=True, editable=False
    )
    pdf_has_language = models.BooleanField(
        _("má určený jazyk"), null=True, editable=False
    )
    pdf_has_title = models.BooleanField(_("má název"), null=True, editable=False)

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("soubor dokumentu")
        verbose_name_plural = _("soubory dokumentu")
        ordering = ["order", "pk"]
        # The home page's "most downloaded" starts from the top of this
        # index (documents.section), not from every file's count.
        indexes = [
            models.Index(
                fields=["-download_count", "-id"], name="documents_file_downloads"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="")
                | ~models.Q(external_url="")
                | models.Q(in_preparation=True),
                name="documentfile_file_or_url",
                violation_error_message=_(
                    "Nahrajte soubor, vyplňte odkaz, nebo označte verzi "
                    "„připravuje se“."
                ),
            ),
        ]

    def __str__(self):
        return self.label or self.original_name or self.external_url

    def save(self, *args, **kwargs):
        if self.file or self.external_url:
            self.in_preparation = False  # it has come out
        if self.has_new_upload:
            self.take_upload()
        elif self.external_url and not self.file:
            self.format = self.format or _("odkaz")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public download address; stays the same when an editor
        replaces the file, and in every language of the site (the Czech
        slug: a file keeps its own language whatever page links to it)."""
        with override(SOURCE_LANGUAGE):
            return reverse(
                "documents:download", args=[czech_value(self.document, "slug"), self.pk]
            )

    def get_language_display(self):
        # Django's builds a dict of all the choices for each call, which
        # translates every label to hash it: ten gettext calls per file,
        # 250 on a page of the document list.
        try:
            return Language(self.language).label
        except ValueError:
            return self.language

    def clean(self):
        if self.file and self.external_url:
            raise ValidationError(
                _("Vyplňte buď soubor, nebo odkaz na soubor jinde, ne obojí.")
            )
        if not self.file and not self.external_url:
            raise ValidationError(_("Nahrajte soubor, nebo vyplňte odkaz."))
        self.clean_upload()

    @staticmethod
    def forget_purged_file(fields):
        """A stored version whose file was removed for good
        (editorial.purge): restored, it is a version still to come."""
        if not fields.get("external_url"):
            fields["in_preparation"] = True

    @property
    def accessibility_problems(self):
        """What a PDF lacks, in Czech, for the editor."""
        checks = [
            (self.pdf_has_text, _("nemá textovou vrstvu (je to jen obrázek)")),
            (self.pdf_tagged, _("nemá strukturu (tagy)")),
            (self.pdf_has_language, _("nemá určený jazyk")),
            (self.pdf_has_title, _("nemá vyplněný název")),
        ]
        return [message for ok, message in checks if ok is False]

    def take_upload(self):
        """Record what the new upload is and what text it contains."""
        from documents.extraction import analyse

        upload = self.record_upload()
        self.external_url = ""
        for field, value in analyse(upload, self.format).items():
            setattr(self, field, value)
