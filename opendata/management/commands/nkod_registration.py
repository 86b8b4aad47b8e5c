import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from portal.models import SiteSettings


def registration(base_url, site):
    """The registration of a local catalogue (LKOD) in the national one
    (NKOD), in the form data.gov.cz's registration form produces: the
    authority sends this file from its data box, and NKOD then harvests
    the catalogue every night."""
    base = base_url.rstrip("/")
    contact = {
        "@type": ["http://www.w3.org/2006/vcard/ns#Organization"],
        "http://www.w3.org/2006/vcard/ns#fn": {
            "@language": "cs",
            "@value": site.department_name,
        },
    }
    if site.email:
        contact["http://www.w3.org/2006/vcard/ns#hasEmail"] = site.email
    return {
        "@type": [
            "http://www.w3.org/ns/dcat#Catalog",
            "https://data.gov.cz/slovník/nkod/DcatApLkod",
        ],
        "http://www.w3.org/ns/dcat#endpointURL": {
            "@value": base + reverse("opendata:catalogue"),
            "@type": "http://www.w3.org/2001/XMLSchema#anyURI",
        },
        "http://purl.org/dc/terms/title": {
            "@language": "cs",
            "@value": f"Otevřená data: {site.department_name}",
        },
        "http://www.w3.org/ns/dcat#contactPoint": contact,
        "http://xmlns.com/foaf/0.1/homepage": {"@id": base + reverse("opendata:index")},
    }


class Command(BaseCommand):
    help = (
        "Vypíše registrační soubor lokálního katalogu pro Národní katalog "
        "otevřených dat (NKOD); úřad ho odešle z datové schránky."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=settings.PORTAL_BASE_URL,
            help="Veřejná adresa portálu, např. https://socialni.kraj.cz "
            "(výchozí PORTAL_BASE_URL).",
        )

    def handle(self, *args, **options):
        url = options["url"]
        if not url.startswith("https://"):
            raise CommandError(
                "NKOD přebírá katalogy jen z adres https://; zadejte --url "
                "s veřejnou adresou portálu."
            )
        site = SiteSettings.load()
        if not site.ico:
            raise CommandError(
                "V nastavení webu chybí IČO úřadu; katalog bez něj neuvádí "
                "poskytovatele a NKOD ho odmítne."
            )
        self.stdout.write(
            json.dumps(registration(url, site), ensure_ascii=False, indent=2)
        )
