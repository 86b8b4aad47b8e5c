"""Awards and programmes as open data by the Czech conventions: RFC 4180
CSV with W3C CSVW metadata, JSON, and XLSX for people, of all awards and
of one programme's. The XLSX replaced a semicolon CSV "pro Excel", which a
Czech spreadsheet read with amounts as text (decimal dot) and IČO as
numbers (leading zeros lost); its addresses redirect here (grants/urls.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.models import Phase, Programme
from grants.views import award_records, awards_for
from portal.opendata import (
    CSVW,
    Column,
    csv_response,
    csvw_metadata,
    json_response,
    json_table,
    open_data,
    xlsx_response,
)

AWARD_COLUMNS = [
    Column("program", _("Program")),
    Column("rok", _("Rok"), "integer"),
    Column("prijemce", _("Příjemce")),
    Column("ico", _("IČO")),
    Column("nazev_projektu", _("Název projektu")),
    Column("pozadovano", _("Požadováno (Kč)"), "decimal"),
    Column("prideleno", _("Přiděleno (Kč)"), "decimal"),
    Column("usneseni", _("Usnesení")),
    Column("cislo_smlouvy", _("Číslo smlouvy")),
    Column("registr_smluv", _("Registr smluv"), "anyURI"),
]

PROGRAMME_COLUMNS = [
    Column("kod", _("Číslo programu")),
    Column("nazev", _("Název")),
    Column("rok", _("Rok"), "integer"),
    Column("fond", _("Dotační fond")),
    Column("alokace", _("Alokace (Kč)"), "decimal"),
    Column("nejnizsi_dotace", _("Nejnižší dotace (Kč)"), "decimal"),
    Column("nejvyssi_dotace", _("Nejvyšší dotace (Kč)"), "decimal"),
    Column("nejvyssi_podil", _("Nejvyšší podíl na nákladech (%)"), "integer"),
    Column("vyveseno", _("Zveřejněno na úřední desce"), "date"),
    Column("prijem_od", _("Příjem žádostí od"), "date"),
    Column("prijem_do", _("Příjem žádostí do"), "date"),
    Column("vyhlaseno", _("Vyhlášeno usnesením")),
    Column("rozhodnuto", _("Rozhodnuto usnesením")),
    Column("stav", _("Stav")),
    Column("odkaz", _("Stránka programu"), "anyURI"),
]

TABLES = {
    "prijemci": (
        AWARD_COLUMNS,
        _("Přidělené dotace"),
        _("Příjemci dotací z programů odboru, částky, usnesení a smlouvy."),
    ),
    "programy": (
        PROGRAMME_COLUMNS,
        _("Dotační programy"),
        _("Dotační programy odboru: alokace, limity, termíny a usnesení."),
    ),
}


def programme_records(request):
    today = timezone.localdate()
    programmes = (
        Programme.objects.published()
        .for_listing()
        .with_phase(today)
        .order_by("year", "code", "pk")
    )
    for programme in programmes:
        yield {
            "kod": programme.code,
            "nazev": programme.title,
            "rok": programme.year,
            "fond": programme.fund,
            "alokace": programme.current_allocation(),
            "nejnizsi_dotace": programme.min_subsidy,
            "nejvyssi_dotace": programme.max_subsidy,
            "nejvyssi_podil": programme.max_share,
            "vyveseno": programme.notice_board_date,
            "prijem_od": programme.window_start,
            "prijem_do": programme.window_end,
            "vyhlaseno": programme.announcing_resolution.reference
            if programme.announcing_resolution
            else "",
            "rozhodnuto": programme.decision_resolution.reference
            if programme.decision_resolution
            else "",
            "stav": str(Phase(programme.phase(today)).label),
            "odkaz": request.build_absolute_uri(programme.get_absolute_url()),
        }


def rows(request, table):
    if table == "prijemci":
        return list(award_records(awards_for()))
    return list(programme_records(request))


@open_data
def table_csv(request, table):
    return csv_response(TABLES[table][0], rows(request, table), f"{table}.csv")


@open_data
def table_csvw(request, table):
    columns, title, description = TABLES[table]
    url = request.build_absolute_uri(reverse("grants:open_csv", args=[table]))
    return json_response(csvw_metadata(columns, url, title, description), CSVW)


@open_data
def table_json(request, table):
    return json_response(json_table(TABLES[table][0], rows(request, table)))


@open_data
def table_xlsx(request, table):
    columns, title, _description = TABLES[table]
    return xlsx_response(columns, rows(request, table), f"{table}.xlsx", title)


@open_data
def awards_xlsx(request, slug=None):
    """Awards, of one programme or all, as the workbook people open."""
    name = f"dotace-{slug}.xlsx" if slug else "dotace-prijemci.xlsx"
    records = award_records(awards_for(slug))
    return xlsx_response(AWARD_COLUMNS, records, name, _("Přidělené dotace"))
