import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Audience, Category, Document, Scope
from portal.filters import (
    FilterSet,
    SharedChoiceFilter,
    TopicFilter,
    UsedByPublishedFilter,
)
from portal.publishing import archived_by

CURRENT, ARCHIVE, ALL = "aktualni", "archiv", "vse"
ARCHIVE_CHOICES = [
    (CURRENT, _("aktuální")),
    (ARCHIVE, _("archiv")),
    (ALL, _("včetně archivu")),
]


class CategoryFilter(SharedChoiceFilter):
    def rows(self, request):
        return Category.objects.all()


class DocumentFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Hledat v názvu a shrnutí"), method="search")
    category = CategoryFilter(
        "category", label=_("Kategorie"), empty_label=_("všechny")
    )
    topic = TopicFilter(Document)
    year = django_filters.NumberFilter(label=_("Rok"), min_value=1990, max_value=2100)
    issuer = UsedByPublishedFilter(
        Document, "issuer", label=_("Vydavatel"), empty_label=_("všichni")
    )
    scope = django_filters.ChoiceFilter(
        label=_("Působnost"),
        choices=Scope.choices,
        empty_label=_("celostátní i krajská"),
    )
    audience = django_filters.ChoiceFilter(
        label=_("Určeno pro"), choices=Audience.choices, empty_label=_("všechny")
    )
    archiv = django_filters.ChoiceFilter(
        label=_("Zobrazit"), choices=ARCHIVE_CHOICES, empty_label=None, method="noop"
    )

    class Meta:
        model = Document
        fields = ["q", "category", "topic", "year", "issuer", "scope", "audience"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        # Current documents unless the visitor asks for the archive. The
        # queryset handed in is published() only already, so just the
        # archive's condition is added (current() would add the first again).
        mode = self.form.cleaned_data.get("archiv") or CURRENT
        archived = archived_by(timezone.now())
        if mode == CURRENT:
            queryset = queryset.exclude(archived)
        elif mode == ARCHIVE:
            queryset = queryset.filter(archived)
        return super().filter_queryset(queryset)
