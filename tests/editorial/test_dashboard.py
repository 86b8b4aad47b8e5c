from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from portal.models import Page, Status
from tests.factories import (
    make_award,
    make_document,
    make_news_item,
    make_page,
    make_person,
    make_programme,
)


def dashboard_html(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    return html.split('id="dashboard"', 1)[1].split("</div>", 1)[0]


def test_dashboard_lists_drafts_and_scheduled_items(admin_client, db):
    make_news_item(title="Rozepsaná aktualita", status=Status.DRAFT)
    make_document(
        title="Zpráva na zítra", publish_at=timezone.now() + timedelta(days=1)
    )
    make_page(title="Hotová stránka")
    html = dashboard_html(admin_client)
    assert "Rozepsaná aktualita" in html
    assert "Zpráva na zítra" in html
    assert "Hotová stránka" not in html


def test_dashboard_lists_stale_pages_with_the_person_responsible(admin_client, db):
    person = make_person(name="Mgr. Pavel Vaculík")
    old = make_page(title="Náplň činnosti koordinátora", responsible=person)
    Page.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timedelta(days=3000)
    )
    make_page(title="Ke kontrole", review_at=date.today() - timedelta(days=1))
    make_page(title="Čerstvá stránka")
    html = dashboard_html(admin_client)
    assert (
        "Náplň činnosti koordinátora" in html and "odpovídá Mgr. Pavel Vaculík" in html
    )
    assert "Ke kontrole" in html
    assert "Čerstvá stránka" not in html


def test_dashboard_warns_about_grants_deadlines_and_the_contract_register(
    admin_client, db
):
    today = timezone.localdate()
    make_programme(
        title="Otevírá se brzy",
        window_start=today + timedelta(days=5),
        window_end=today + timedelta(days=35),
    )
    make_programme(
        title="Až za měsíc",
        window_start=today + timedelta(days=40),
        window_end=today + timedelta(days=70),
    )
    programme = make_programme(title="Rozhodnutý")
    make_award(programme, project_title="Velký projekt", awarded=Decimal("80000"))
    make_award(programme, project_title="Malý projekt", awarded=Decimal("20000"))
    make_award(
        programme,
        project_title="Zapsaný projekt",
        awarded=Decimal("90000"),
        contract_register_url="https://smlouvy.gov.cz/smlouva/1",
    )
    html = dashboard_html(admin_client)
    assert "Otevírá se brzy" in html and "Až za měsíc" not in html
    assert "80\u00a0000\u00a0Kč" in html  # the award missing from the register
    assert "20\u00a0000\u00a0Kč" not in html and "90\u00a0000\u00a0Kč" not in html


def test_dashboard_lists_inaccessible_pdfs(admin_client, db):
    from tests.documents.test_extraction import blank_pdf
    from tests.factories import make_document_file

    make_document_file(
        make_document(title="Sken"), content=blank_pdf(), name="sken.pdf"
    )
    assertContains(admin_client.get(reverse("admin:index")), "sken.pdf")
