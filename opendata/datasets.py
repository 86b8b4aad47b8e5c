"""The portal's datasets as DCAT-AP-CZ records (rozhraní katalogů
otevřených dat 2024-05-28, https://ofn.gov.cz/dcat-ap-cz-rozhraní-katalogů-otevřených-dat/2024-05-28/).

Each dataset names its distributions by URL name, so the catalogue
follows the URLs wherever the apps put them and names no app's models."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import SiteSettings
from portal.opendata import CSV, JSONLD, XLSX

CONTEXT = (
    "https://ofn.gov.cz/dcat-ap-cz-rozhraní-katalogů-otevřených-dat/2024-05-28/"
    "kontexty/rozhraní-katalogů-otevřených-dat.jsonld"
)
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
TERMS = "https://data.gov.cz/podmínky-užití/"
OVM = "https://rpp-opendata.egon.gov.cz/odrpp/zdroj/orgán-veřejné-moci/"
NOTICE_BOARD_SCHEMA = (
    "https://ofn.gov.cz/úřední-desky/2021-07-20/schémata/úřední-deska.json"
)
# The version the files follow, and the norm's unversioned address, by which
# the national notice-board application finds the boards.
NOTICE_BOARD_NORM = (
    "https://ofn.gov.cz/úřední-desky/2021-07-20/",
    "https://ofn.gov.cz/úřední-desky/",
)


class Distribution:
    def __init__(
        self, key, title, url_name, file_type, media_type, args=(), schema=None
    ):
        self.key, self.title, self.url_name = key, title, url_name
        self.file_type, self.media_type, self.args = file_type, media_type, args
        self.schema = schema

    def url(self):
        return reverse(self.url_name, args=self.args)


class Dataset:
    def __init__(
        self,
        slug,
        title,
        description,
        keywords,
        themes,
        periodicity,
        distributions,
        specification=None,
        personal_data=False,
    ):
        self.slug, self.title, self.description = slug, title, description
        self.keywords, self.themes, self.periodicity = keywords, themes, periodicity
        self.distributions, self.specification = distributions, specification
        self.personal_data = personal_data

    def get_absolute_url(self):
        return reverse("opendata:dataset", args=[self.slug])


def table(name, what):
    """The four forms of a grants table (grants/exports.py)."""
    return [
        Distribution(
            "csv",
            _("%(what)s v CSV") % {"what": what},
            "grants:open_csv",
            "CSV",
            CSV,
            (name,),
            schema="grants:open_csvw",
        ),
        Distribution("json", _("%(what)s v JSON") % {"what": what}, "grants:open_json", "JSON", "application/json", (name,)),
        Distribution("xlsx", _("%(what)s v XLSX") % {"what": what}, "grants:open_xlsx", "XLSX", XLSX, (name,)),
    ]  # fmt: skip


DATASETS = [
    # The current board and its archive are two datasets of one
    # distribution each: the national notice-board application reads a
    # board's first distribution, and a catalogue keeps no order.
    Dataset(
        "uredni-deska",
        _("Úřední deska odboru sociálních věcí"),
        _(
            "Oznámení právě vyvěšená na úřední desce: vyvěšení, relevance, číslo "
            "jednací, spisová značka, agenda a dokumenty ke stažení, podle OFN "
            "Úřední desky."
        ),
        ["úřední deska", "oznámení", "dotace"],
        ["GOVE"],
        "DAILY",
        [
            Distribution(
                "jsonld",
                _("Vyvěšená oznámení v JSON-LD"),
                "noticeboard:jsonld",
                "JSON_LD",
                JSONLD,
                schema=NOTICE_BOARD_SCHEMA,
            ),
        ],
        specification=NOTICE_BOARD_NORM,
    ),
    Dataset(
        "uredni-deska-archiv",
        _("Archiv úřední desky odboru sociálních věcí"),
        _(
            "Oznámení sejmutá z úřední desky, s dobou vyvěšení a dokumenty, "
            "podle OFN Úřední desky."
        ),
        ["úřední deska", "archiv", "oznámení"],
        ["GOVE"],
        "DAILY",
        [
            Distribution(
                "jsonld",
                _("Archiv úřední desky v JSON-LD"),
                "noticeboard:archive_jsonld",
                "JSON_LD",
                JSONLD,
                schema=NOTICE_BOARD_SCHEMA,
            ),
        ],
        specification=NOTICE_BOARD_NORM,
    ),
    Dataset(
        "dotacni-programy",
        _("Dotační programy"),
        _(
            "Dotační programy odboru: alokace a její změny, limity, termíny "
            "příjmu žádostí, vyhlášení na úřední desce a usnesení."
        ),
        ["dotace", "dotační program", "dotační fond"],
        ["GOVE", "SOCI"],
        "IRREG",
        table("programy", _("Dotační programy")),
    ),
    Dataset(
        "prijemci-dotaci",
        _("Přidělené dotace"),
        _(
            "Příjemci dotací z programů odboru s IČO, názvem projektu, "
            "požadovanou a přidělenou částkou, usnesením a smlouvou."
        ),
        ["dotace", "příjemci dotací", "veřejné výdaje"],
        ["GOVE", "ECON"],
        "IRREG",
        table("prijemci", _("Přidělené dotace")),
        # Natural persons are named with their municipality (§ 10d zákona
        # č. 250/2000 Sb.).
        personal_data=True,
    ),
    Dataset(
        "dokumenty",
        _("Dokumenty odboru"),
        _(
            "Strategie, analýzy, zprávy a metodiky: údaje o dokumentech a "
            "odkazy na jejich soubory."
        ),
        ["strategie", "metodika", "zpráva o stavu menšiny"],
        ["GOVE", "SOCI"],
        "IRREG",
        [Distribution("json", _("Dokumenty v JSON"), "opendata:documents", "JSON", "application/json")],
    ),
    Dataset(
        "aktuality",
        _("Aktuality odboru"),
        _("Aktuality odboru sociálních věcí podle OFN Aktuality."),
        ["aktuality", "zprávy"],
        ["GOVE"],
        "IRREG",
        [
            Distribution(
                "jsonld",
                _("Aktuality v JSON-LD"),
                "opendata:news",
                "JSON_LD",
                JSONLD,
                schema="https://ofn.gov.cz/aktuality/2020-07-01/schémata/aktuality.json",
            )
        ],
        specification=(
            "https://ofn.gov.cz/aktuality/2020-07-01/",
            "https://ofn.gov.cz/aktuality/",
        ),
    ),
    Dataset(
        "projekty-eu",
        _("Projekty EU"),
        _(
            "Projekty odboru spolufinancované z fondů EU: registrační číslo, "
            "operační program, období, rozpočet a podíl EU."
        ),
        ["projekty EU", "evropské fondy"],
        ["REGI", "SOCI"],
        "IRREG",
        [Distribution("json", _("Projekty v JSON"), "opendata:projects", "JSON", "application/json")],
    ),
]  # fmt: skip

BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def provider_iri(site):
    """The authority in the register of public bodies (RPP), by the IČO
    from the site settings, which for a region is its OVM identifier."""
    return f"{OVM}{site.ico}" if site.ico else None


def contact_point(site):
    point = {"typ": "Organizace", "jméno": {"cs": site.department_name}}
    if site.email:
        point["e-mail"] = f"mailto:{site.email}"
    return point


def terms(personal_data):
    return {
        "typ": "Specifikace podmínek užití",
        "autorské_dílo": f"{TERMS}neobsahuje-autorská-díla/",
        "databáze_jako_autorské_dílo": f"{TERMS}není-autorskoprávně-chráněnou-databází/",
        "databáze_chráněná_zvláštními_právy": (
            f"{TERMS}není-chráněna-zvláštním-právem-pořizovatele-databáze/"
        ),
        "osobní_údaje": f"{TERMS}obsahuje-osobní-údaje/"
        if personal_data
        else f"{TERMS}neobsahuje-osobní-údaje/",
    }


def record(request, dataset, site=None):
    """A dataset's DCAT-AP-CZ record."""
    site = site or SiteSettings.load()
    iri = request.build_absolute_uri(dataset.get_absolute_url())
    result = {
        "@context": CONTEXT,
        "iri": iri,
        "typ": "Datová sada",
        "název": {"cs": str(dataset.title)},
        "popis": {"cs": str(dataset.description)},
        "poskytovatel": provider_iri(site),
        "téma": [f"{EU}data-theme/{theme}" for theme in dataset.themes],
        "periodicita_aktualizace": f"{EU}frequency/{dataset.periodicity}",
        "klíčové_slovo": {"cs": list(dataset.keywords)},
        "prvek_rúian": [settings.PORTAL_RUIAN],
        "kontaktní_bod": contact_point(site),
        "dokumentace": request.build_absolute_uri(reverse("opendata:index")),
        "distribuce": [],
    }
    if result["poskytovatel"] is None:
        del result["poskytovatel"]  # shown as missing on the open-data page
    if dataset.specification:
        result["specifikace"] = list(dataset.specification)
    for distribution in dataset.distributions:
        url = request.build_absolute_uri(distribution.url())
        item = {
            "iri": f"{iri}/distribuce/{distribution.key}",
            "typ": "Distribuce",
            "název": {"cs": str(distribution.title)},
            # DCAT-AP 3.0.0 recommends both; the addresses stay (stable).
            "popis": {"cs": str(dataset.description)},
            "dcatap:availability": {"@id": f"{EU}planned-availability/STABLE"},
            "podmínky_užití": terms(dataset.personal_data),
            "přístupové_url": url,
            "soubor_ke_stažení": url,
            "formát": f"{EU}file-type/{distribution.file_type}",
            "typ_média": f"{IANA}{distribution.media_type}",
        }
        if distribution.schema:
            schema = distribution.schema
            if not schema.startswith("https://"):
                schema = request.build_absolute_uri(
                    reverse(schema, args=distribution.args)
                )
            item["schéma"] = schema
        result["distribuce"].append(item)
    return result


def catalogue(request):
    site = SiteSettings.load()
    result = {
        "@context": CONTEXT,
        "typ": "Katalog",
        "iri": request.build_absolute_uri(reverse("opendata:catalogue")),
        "název": {"cs": f"Otevřená data: {site.department_name}"},
        "popis": {
            "cs": (
                f"Lokální katalog otevřených dat: {site.department_name}, "
                f"{site.authority_name}."
            )
        },
        "poskytovatel": provider_iri(site),
        "kontaktní_bod": contact_point(site),
        "domovská_stránka": request.build_absolute_uri(reverse("opendata:index")),
        "datová_sada": [
            request.build_absolute_uri(dataset.get_absolute_url())
            for dataset in DATASETS
        ],
    }
    if result["poskytovatel"] is None:
        del result["poskytovatel"]
    return result
