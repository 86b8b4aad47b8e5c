"""Open data of the apps that have no export of their own: news by the
OFN Aktuality 2020-07-01, documents (metadata with links to their files)
and EU projects as JSON. Each is one or two queries however long."""

from django.db.models import Prefetch
from django.utils.html import strip_tags

from documents.models import Document, DocumentFile
from news.models import NewsItem
from portal.opendata import json_value, text
from projects.models import Project

AKTUALITA_CONTEXT = "https://ofn.gov.cz/aktuality/2020-07-01/kontexty/aktualita.jsonld"


def news(request):
    """Every published news item, newest first, as OFN "Aktualita"s."""
    items = NewsItem.objects.published().order_by("-publish_at", "-pk")
    result = []
    for item in items.only("title", "slug", "lead", "publish_at", "updated_at"):
        url = request.build_absolute_uri(item.get_absolute_url())
        record = {
            "@context": AKTUALITA_CONTEXT,
            "typ": "Aktualita",
            "iri": url,
            "název": text(item.title),
            "vytvořeno": {
                "typ": "Časový okamžik",
                "datum_a_čas": item.publish_at.isoformat(),
            },
            "aktualizováno": {
                "typ": "Časový okamžik",
                "datum_a_čas": item.updated_at.isoformat(),
            },
        }
        if item.lead:
            record["popis"] = text(item.lead)
        result.append(record)
    return result


def documents(request):
    """Every published document with its files' download links."""
    files = Prefetch("files", DocumentFile.objects.defer("text"))
    queryset = (
        Document.objects.published()
        .select_related("category", "issuer", "resolution")
        .prefetch_related(files)
        .order_by("-publish_at", "-pk")
    )
    return [
        {
            "nazev": document.title,
            "odkaz": request.build_absolute_uri(document.get_absolute_url()),
            "kategorie": document.category.name,
            "vydavatel": document.issuer.name if document.issuer else "",
            "pusobnost": document.get_scope_display(),
            "rok": document.year,
            "obdobi_platnosti": document.period,
            "usneseni": document.resolution.reference if document.resolution else "",
            "urceno_pro": document.get_audience_display(),
            "zverejneno": document.publish_at.date().isoformat(),
            "archiv": document.is_archived,
            "soubory": [
                {
                    "nazev": file.label or document.title,
                    "odkaz": request.build_absolute_uri(file.get_absolute_url()),
                    "format": file.format,
                    "velikost_b": file.size,
                    "jazyk": file.language,
                }
                for file in document.files.all()
            ],
        }
        for document in queryset
    ]


def projects(request):
    """Every published EU project with its programme, period and budget."""
    queryset = Project.objects.published().for_listing().order_by("-start_date", "pk")
    return [
        {
            "nazev": project.title,
            "nazev_en": project.title_en,
            "odkaz": request.build_absolute_uri(project.get_absolute_url()),
            "registracni_cislo": project.registration_number,
            "operacni_program": project.programme.name if project.programme else "",
            "zahajeni": json_value(project.start_date),
            "ukonceni": json_value(project.end_date),
            "rozpocet_kc": json_value(project.budget),
            "podil_eu_kc": json_value(project.eu_share),
            "cile": project.aims,
            "cilove_skupiny": project.target_groups,
            "shrnuti_en": strip_tags(project.description_en).strip(),
        }
        for project in queryset
    ]
