import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from grants import services
from grants.models import AllocationChange, Award
from tests.factories import make_programme

HEADER = "Příjemce;IČO;Obec;Název projektu;Požadováno;Přiděleno;Číslo smlouvy;Registr smluv\n"
GOOD = HEADER + (
    "Spolek Romano;00064581;;Doučování dětí;60 000;55 000,00;OLP/1/2020;https://smlouvy.gov.cz/smlouva/1\n"
    "Jana Nováková;;Liberec;Kurz češtiny;15000;12 500;;\n"
)


def upload(text, name="dotace.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding))


@pytest.fixture
def programme(db):
    programme = make_programme()
    AllocationChange.objects.create(
        programme=programme, date="2020-05-19", new_amount=Decimal("500000")
    )
    return programme


def test_a_valid_file_imports_every_row(programme):
    created = services.import_awards(
        programme=programme, rows=services.read_rows(upload(GOOD))
    )
    assert [(a.recipient_name, a.awarded) for a in created] == [
        ("Spolek Romano", Decimal("55000")),
        ("Jana Nováková (Liberec)", Decimal("12500")),
    ]
    assert created[0].organisation.ico == "00064581"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "Spolek;12345678;;Projekt;1000;1000;;",
            "Řádek 4: IČO: IČO 12345678 nemá platný kontrolní součet",
        ),
        (
            "Spolek;;;Projekt;1000;-5;;",
            "Řádek 4: Obec: U fyzické osoby vyplňte obec; "
            "Přiděleno: „-5“ není kladná částka.",
        ),
        (
            "Spolek;;;Projekt;tisíc;1000;;",
            "Řádek 4: Obec: U fyzické osoby vyplňte obec; "
            "Požadováno: „tisíc“ není kladná částka.",
        ),
        (
            "Jan Novák;;;Projekt;1000;1000;;",
            "Řádek 4: Obec: U fyzické osoby vyplňte obec.",
        ),
        (
            ";00006947;;;;;;",
            "Řádek 4: Příjemce: chybí; Název projektu: chybí; Přiděleno: chybí.",
        ),
        (
            ";;;Projekt;1000;1000;;",
            "Řádek 4: Příjemce: Vyberte organizaci, nebo vyplňte jméno fyzické "
            "osoby (jedno z toho).",
        ),
        (
            "Spolek;00064581;;Projekt;100;1000;;",
            "Řádek 4: Přiděleno nemůže být víc, než kolik žadatel požadoval.",
        ),
        (
            "Spolek;00064581;;Projekt;1000;1000;1;javascript:alert(1)",
            "Řádek 4: Registr smluv: Zadejte platnou adresu URL.",
        ),
    ],
)
def test_a_broken_row_is_named_and_nothing_is_saved(programme, line, message):
    rows = services.read_rows(upload(GOOD + line + "\n"))
    with pytest.raises(ValidationError) as error:
        services.import_awards(programme=programme, rows=rows)
    assert any(message in text for text in error.value.messages), error.value.messages
    assert not Award.objects.exists()


def test_total_above_the_allocation_is_refused(programme):
    rows = services.read_rows(
        upload(HEADER + "Spolek;00064581;;Projekt;600000;600000;;\n")
    )
    with pytest.raises(ValidationError, match="překročil alokaci"):
        services.import_awards(programme=programme, rows=rows)
    assert not Award.objects.exists()


def test_award_above_the_maximum_subsidy_is_refused_with_its_row(programme):
    """A row over the programme's maximum subsidy is named; nothing saved."""
    programme.max_subsidy = Decimal("50000")
    programme.save()
    rows = services.read_rows(upload(GOOD))
    with pytest.raises(ValidationError) as error:
        services.import_awards(programme=programme, rows=rows)
    assert any(
        "Řádek 2: Přiděleno: Dotace 55\u00a0000\u00a0Kč překračuje nejvyšší "
        "dotaci programu 50\u00a0000\u00a0Kč." in text
        for text in error.value.messages
    ), error.value.messages
    assert not Award.objects.exists()


def test_wrong_encoding_and_missing_columns_get_czech_messages(programme):
    with pytest.raises(services.ImportError, match="není v kódování UTF-8"):
        services.read_rows(upload(GOOD, encoding="cp1250"))
    with pytest.raises(services.ImportError, match="chybí sloupce: přiděleno"):
        services.read_rows(upload("Příjemce;Název projektu\nSpolek;Projekt\n"))
    with pytest.raises(services.ImportError, match="CSV nebo XLSX"):
        services.read_rows(upload(GOOD, name="dotace.pdf"))
    with pytest.raises(services.ImportError, match="XLSX se nepodařilo přečíst"):
        services.read_rows(upload("nic", name="dotace.xlsx"))


def test_xlsx_files_import_too(programme):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Příjemce", "IČO", "Obec", "Název projektu", "Požadováno", "Přiděleno"]
    )
    sheet.append(["Spolek Romano", "00064581", "", "Doučování", 60000, 55000])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = services.read_rows(SimpleUploadedFile("dotace.xlsx", buffer.getvalue()))
    created = services.import_awards(programme=programme, rows=rows)
    assert created[0].awarded == Decimal("55000")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("50 000", 50000),
        ("50.000,- Kč", 50000),
        ("1234,5", Decimal("1234.5")),
        ("", None),
    ],
)
def test_amounts_are_read_the_czech_way(text, amount):
    assert services.parse_amount(text) == amount


def test_admin_import_previews_then_saves_on_confirmation(admin_client, programme):
    url = reverse("admin:grants_programme_import", args=[programme.pk])
    preview = admin_client.post(url, {"file": upload(GOOD)})
    html = preview.content.decode()
    assert "Náhled: 2 řádky" in html and not Award.objects.exists()
    assert "<td>00064581</td>" in html and "<td>Liberec</td>" in html
    token = html.split('name="confirm" value="', 1)[1].split('"', 1)[0]
    admin_client.post(url, {"confirm": token})
    assert Award.objects.count() == 2
    broken = admin_client.post(url, {"file": upload(GOOD + "Spolek;1;;P;1;1;;\n")})
    assert "Řádek 4" in broken.content.decode()
    assert Award.objects.count() == 2
