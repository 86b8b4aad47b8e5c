from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from PIL import Image
from reversion.models import Revision, Version

from documents.pdf import build_pdf
from news.models import NewsItem
from portal.models import Page, Status

pytestmark = pytest.mark.browser

PASSWORD = "Redakce-Heslo-2026"
WORD_PASTE = (
    '<h1 class="MsoTitle">Vyšla brožura</h1><h2 style="color:red">Pro koho</h2>'
    '<p class="MsoNormal"><b>Tučně</b> a <i>kurzívou</i> <a href="javascript:alert(1)">zlý odkaz</a></p>'
    "<ul><li>zaměstnání</li><li>bydlení</li></ul><script>alert(1)</script>"
)


@pytest.fixture
def editor(demo_site, page, django_user_model):
    django_user_model.objects.create_superuser("redaktorka", password=PASSWORD)
    page.goto(demo_site.url + "/admin/")
    page.locator("#id_username").fill("redaktorka")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Přihlášení").click()
    page.wait_for_selector("#dashboard")
    return page


def png(tmp_path):
    path = tmp_path / "akce.png"
    Image.new("RGB", (1600, 900), "teal").save(path)
    return path


def test_editor_writes_and_schedules_news_with_pasted_text_and_an_image(
    editor, demo_site, tmp_path
):
    page = editor
    page.goto(demo_site.url + "/admin/news/newsitem/add/")
    page.locator("#id_title").fill("Vyšla brožura pro cizince")
    page.locator("#id_lead").fill("Krátký perex.")
    body = page.locator(".ck-editor__editable").first
    body.click()
    body.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'Vyšla brožura');
            element.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD_PASTE,
    )
    page.locator("#id_image").set_input_files(png(tmp_path))
    page.locator("#id_image_alt").fill("Titulní strana brožury")
    page.locator("#id_status").select_option("published")
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.locator("#id_publish_at_0").fill(tomorrow.strftime("%d.%m.%Y"))
    page.locator("#id_publish_at_1").fill("10:00:00")
    page.locator("input[name=_save]").first.click()
    assert page.url.endswith("/admin/news/newsitem/")  # saved, back at the list

    item = NewsItem.objects.get(title="Vyšla brožura pro cizince")
    # Structure survives (the editor turns <b> into <strong>), styling and
    # scripts don't.
    assert "<h2>Pro koho</h2>" in item.body and "<strong>Tučně</strong>" in item.body
    assert "<li>bydlení</li>" in item.body
    for danger in ("<script", "javascript:", "style=", "class="):
        assert danger not in item.body
    assert item.image_list and item.image_alt == "Titulní strana brožury"
    assert item.is_scheduled
    # Scheduled: the public doesn't see it yet, the editor previews it.
    anonymous = page.context.browser.new_context()
    assert (
        anonymous.new_page().goto(demo_site.url + item.get_absolute_url()).status == 404
    )
    anonymous.close()
    page.goto(demo_site.url + item.get_absolute_url())
    assert "Náhled" in page.inner_text("body")


def test_editor_publishes_a_document_with_two_files(editor, demo_site, tmp_path):
    page = editor
    first, second = tmp_path / "Metodika.pdf", tmp_path / "Methodology.pdf"
    first.write_bytes(build_pdf("Metodika pro obce", ["Obsah"]))
    second.write_bytes(build_pdf("Methodology", ["Content"], lang="en"))
    page.goto(demo_site.url + "/admin/documents/document/add/")
    page.locator("#id_title").fill("Metodika pro obce 2026")
    page.locator("#id_category").select_option(label="Metodiky a příručky")
    page.locator("#id_status").select_option("published")
    for index, path in enumerate([first, second]):
        page.locator(".add-row a").click()
        page.locator(f"#id_files-{index}-file").set_input_files(path)
    page.locator("#id_files-1-language").select_option("en")
    page.locator("input[name=_save]").first.click()
    page.goto(demo_site.url + "/dokumenty/?q=Metodika+pro+obce+2026")
    text = page.inner_text("main")
    assert "Metodika pro obce 2026" in text
    assert "čeština" in text and "angličtina" in text


def test_editor_restores_yesterdays_version_of_a_page(editor, demo_site):
    page = editor
    coordinator = Page.objects.get(
        path="krajsky-urad/odbory-ku/napln-cinnosti-koordinatora"
    )
    with reversion.create_revision():
        coordinator.save()
    Revision.objects.update(date_created=timezone.now() - timedelta(days=1))
    original = coordinator.body
    page.goto(demo_site.url + f"/admin/portal/page/{coordinator.pk}/change/")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Omylem smazaný text")
    page.locator("input[name=_save]").first.click()
    coordinator.refresh_from_db()
    assert "Omylem smazaný text" in coordinator.body

    page.goto(demo_site.url + f"/admin/portal/page/{coordinator.pk}/history/")
    yesterday = (
        Version.objects.get_for_object(coordinator)
        .order_by("revision__date_created")
        .first()
    )
    page.locator(f"a[href$='/history/{yesterday.pk}/']").click()
    page.locator("input[name=_save]").first.click()
    coordinator.refresh_from_db()
    assert coordinator.body == original


def test_editor_recovers_a_deleted_news_item(editor, demo_site):
    page = editor
    item = NewsItem.objects.get(slug="poradenske-hodiny-cic-jablonec-nad-nisou")
    with reversion.create_revision():
        item.save()
    page.goto(demo_site.url + f"/admin/news/newsitem/{item.pk}/delete/")
    page.locator("input[type=submit]").first.click()
    assert not NewsItem.objects.filter(pk=item.pk).exists()
    page.goto(demo_site.url + "/admin/news/newsitem/recover/")
    page.locator("tr", has_text="Centrum pro integraci cizinců").get_by_role(
        "link"
    ).first.click()
    page.locator("input[name=_save]").first.click()
    recovered = NewsItem.objects.get(slug="poradenske-hodiny-cic-jablonec-nad-nisou")
    assert recovered.status == Status.PUBLISHED
    assert (
        "Jablonec nad Nisou"
        in page.goto(demo_site.url + recovered.get_absolute_url()).text()
    )


def test_no_admin_change_form_scrolls_sideways_at_1280_px(editor, demo_site):
    from django.contrib import admin

    page = editor
    too_wide = []
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        opts = model._meta
        page.goto(
            demo_site.url + f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 1280:
            too_wide.append(f"{opts.label}: {width} px")
    assert not too_wide
