from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from documents.pdf import build_pdf
from news.models import NewsItem
from portal.models import Page, Status
from tests.signin import give_app, unused_code

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
    log_in(page, demo_site.url, "redaktorka")
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
    page.wait_for_url("**/admin/news/newsitem/")  # saved, back at the list

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


def test_first_edit_of_a_seed_page_is_compared_and_restored(editor, demo_site):
    """load_demo recorded the demo version: the editor's first edit can be
    compared with it and undone."""
    page = editor
    coordinator = Page.objects.get(
        path="krajsky-urad/odbory-ku/napln-cinnosti-koordinatora"
    )
    original = coordinator.body
    page.goto(demo_site.url + f"/admin/portal/page/{coordinator.pk}/change/")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Omylem smazaný text")
    page.locator("input[name=_save]").first.click()
    coordinator.refresh_from_db()
    assert "Omylem smazaný text" in coordinator.body

    page.goto(demo_site.url + f"/admin/portal/page/{coordinator.pk}/history/")
    assert "Výchozí obsah webu" in page.inner_text("#change-history")
    page.get_by_role("button", name="Porovnat vybrané verze").click()
    diff = page.inner_text(".version-diff")
    assert "Text stránky" in diff and "Omylem smazaný text" in diff
    assert page.locator(".version-diff ins", has_text="Omylem").count() == 1
    page.get_by_role("link", name="Obnovit starší verzi").click()
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
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        opts = model._meta
        page.goto(
            demo_site.url
            + f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 1280:
            too_wide.append(f"{opts.label}: {width} px")
    assert not too_wide


def log_in(page, url, username):
    """The password, then the code from the user's authenticator app."""
    from django.contrib.auth import get_user_model

    device = give_app(get_user_model().objects.get(username=username))
    page.goto(url + "/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Přihlášení").click()
    page.locator("#id_code").fill(unused_code(device))
    page.get_by_role("button", name="Ověřit").click()
    page.wait_for_selector("#dashboard")


def test_redaktor_sends_news_with_an_image_for_approval_and_it_goes_live(
    demo_site, browser, page, django_user_model, tmp_path
):
    from django.contrib.auth.models import Group

    from editorial.roles import setup_groups

    setup_groups()
    author = django_user_model.objects.create_user(
        "redaktorka", password=PASSWORD, is_staff=True
    )
    author.groups.add(Group.objects.get(name="Redaktor"))
    django_user_model.objects.create_superuser("schvalovatel", password=PASSWORD)

    log_in(page, demo_site.url, "redaktorka")
    page.goto(demo_site.url + "/admin/news/newsitem/add/")
    page.locator("#id_title").fill("Nová poradna pro cizince")
    page.locator("#id_lead").fill("Otevíráme poradnu v Liberci.")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("Poradna sídlí v budově kraje.")
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
        png(tmp_path)
    )
    page.wait_for_selector(".ck-editor__editable img[src*='/media/editor/']")
    page.locator("input[name=_submit_approval]").click()
    # The server refuses an image without alternative text ...
    assert "Obrázek v textu nemá alternativní text" in page.inner_text(".errorlist")
    # ... and the editor adds it through the image's own toolbar.
    page.locator(".ck-editor__editable img").first.click()
    page.locator("button[data-cke-tooltip-text*='alternativní']").first.click()
    page.locator(".ck-text-alternative-form input").fill("Budova krajského úřadu")
    page.keyboard.press("Enter")
    page.locator("input[name=_submit_approval]").click()
    assert "odeslali ke schválení" in page.inner_text(".messagelist")
    item = NewsItem.objects.get(title="Nová poradna pro cizince")
    assert item.status == Status.DRAFT
    assert 'alt="Budova krajského úřadu"' in item.body

    approver = browser.new_context(
        locale="cs-CZ", viewport={"width": 1280, "height": 900}
    ).new_page()
    log_in(approver, demo_site.url, "schvalovatel")
    approver.get_by_role("link", name="Nová poradna pro cizince").first.click()
    assert "Otevíráme poradnu v Liberci." in approver.inner_text(".version-diff")
    approver.get_by_role("button", name="Schválit a zveřejnit").click()
    assert "schváleno a zveřejněno" in approver.inner_text(".messagelist")
    approver.context.close()

    public = browser.new_context().new_page()
    response = public.goto(demo_site.url + item.get_absolute_url())
    assert response.status == 200
    assert public.locator("img[alt='Budova krajského úřadu']").count() == 1
    public.context.close()


def test_redaktor_corrects_a_published_page_and_the_approver_publishes_it(
    demo_site, browser, page, django_user_model
):
    """The page stays online with its old text while the correction waits;
    the approver sees the corrected words highlighted and publishes them."""
    from django.contrib.auth.models import Group

    from editorial.roles import setup_groups

    setup_groups()
    author = django_user_model.objects.create_user(
        "redaktorka", password=PASSWORD, is_staff=True
    )
    author.groups.add(Group.objects.get(name="Redaktor"))
    django_user_model.objects.create_superuser("schvalovatel", password=PASSWORD)
    coordinator = Page.objects.get(
        path="krajsky-urad/odbory-ku/napln-cinnosti-koordinatora"
    )
    public = browser.new_context().new_page()
    public_url = demo_site.url + coordinator.get_absolute_url()

    log_in(page, demo_site.url, "redaktorka")
    page.goto(demo_site.url + f"/admin/portal/page/{coordinator.pk}/change/")
    page.locator("#id_lead").fill("Opravený úvod stránky koordinátora.")
    page.locator("input[name=_submit_approval]").click()
    assert "odeslali ke schválení" in page.inner_text(".messagelist")
    response = public.goto(public_url)
    assert response.status == 200
    assert "Opravený úvod" not in public.inner_text("main")

    approver = browser.new_context(
        locale="cs-CZ", viewport={"width": 1280, "height": 900}
    ).new_page()
    log_in(approver, demo_site.url, "schvalovatel")
    approver.get_by_role("link", name=coordinator.title).first.click()
    # The click starts a navigation; expect() waits for the approval page.
    expect(approver.locator(".version-diff ins", has_text="Opravený")).to_have_count(1)
    approver.get_by_role("button", name="Schválit a zveřejnit").click()
    assert "schváleno a zveřejněno" in approver.inner_text(".messagelist")
    approver.context.close()

    public.goto(public_url)
    assert "Opravený úvod stránky koordinátora." in public.inner_text("main")
    public.context.close()
