"""Approval before publishing: a Redaktor sends a draft, an approver
compares, returns it with a comment, then approves it; e-mails both ways
and every step in history."""

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from reversion.models import Version

from editorial.models import Approval
from editorial.roles import setup_groups
from news.models import NewsItem
from portal.models import Status
from tests.factories import admin_form_data, make_news_item


def test_editor_without_publish_permission_sends_news_for_approval(
    client, admin_client, admin_user, django_user_model
):
    setup_groups()
    admin_user.email = "schvalovatel@kraj.example"
    admin_user.save()
    editor = django_user_model.objects.create_user(
        "redaktorka", "redaktorka@kraj.example", is_staff=True, first_name="Eva"
    )
    editor.groups.add(Group.objects.get(name="Redaktor"))
    client.force_login(editor)

    add = reverse("admin:news_newsitem_add")
    form = client.get(add)
    html = form.content.decode()
    assert 'name="_submit_approval" value="Odeslat ke schválení"' in html
    assert 'name="status"' not in html  # may not publish
    data = admin_form_data(form)
    data.update(title="Nová poradna", lead="Otevíráme poradnu.", status="published")
    data["_submit_approval"] = "Odeslat ke schválení"
    assert client.post(add, data).status_code == 302
    item = NewsItem.objects.get(title="Nová poradna")
    assert item.status == Status.DRAFT
    request = Approval.objects.get()
    assert request.item == item and request.author == editor
    (to_approver,) = mail.outbox
    assert to_approver.to == ["schvalovatel@kraj.example"]
    assert "Nová poradna" in to_approver.subject

    dashboard = admin_client.get(reverse("admin:index")).content.decode()
    review_url = reverse("admin:editorial_approval_change", args=[request.pk])
    assert "Čeká na vaše schválení (1)" in dashboard and review_url in dashboard
    assert client.get(review_url).status_code == 403  # not for the author
    review = admin_client.get(review_url).content.decode()
    assert "Obsah (dosud nezveřejněno)" in review and "Otevíráme poradnu." in review

    admin_client.post(review_url, {"_return": "1", "comment": ""})
    assert Approval.objects.get().state == Approval.State.PENDING  # needs a why
    admin_client.post(review_url, {"_return": "1", "comment": "Doplňte adresu."})
    request.refresh_from_db()
    assert request.state == Approval.State.RETURNED
    assert "Doplňte adresu." in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["redaktorka@kraj.example"]

    change = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(client.get(change))
    data.update(lead="Otevíráme poradnu v Liberci, Masarykova 1.")
    data["_submit_approval"] = "1"
    client.post(change, data)
    second = Approval.objects.get(state=Approval.State.PENDING)
    second_url = reverse("admin:editorial_approval_change", args=[second.pk])
    seen = admin_client.get(second_url).context["seen"]
    admin_client.post(second_url, {"_approve": "1", "comment": "Díky.", "seen": seen})
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.is_live
    assert "schváleno" in mail.outbox[-1].subject
    comments = [v.revision.get_comment() for v in Version.objects.get_for_object(item)]
    assert comments[0].startswith("Schváleno a zveřejněno. Díky.")
    assert any(c.startswith("Vráceno autorovi: Doplňte adresu.") for c in comments)
    assert sum(c.startswith("Odesláno ke schválení.") for c in comments) == 2
    assert client.get(item.get_absolute_url()).status_code == 200


def test_an_editor_who_needs_approval_changes_a_live_item_through_a_draft(
    admin_client, login_as
):
    """A Redaktor's save of a published item keeps a draft of the change:
    the public row stays as it was, deleting it is still refused; Správce's
    save goes through the same draft, published at once."""
    public = make_news_item(title="Zveřejněná aktualita", status=Status.PUBLISHED)
    url = reverse("admin:news_newsitem_change", args=[public.pk])
    editor = login_as("Redaktor")
    form = editor.get(url)
    page = form.content.decode()
    assert 'name="_save"' in page and "Na webu platí zveřejněná verze" in page
    assert (
        editor.post(url, {**admin_form_data(form), "title": "Oprava"}).status_code
        == 302
    )
    public.refresh_from_db()
    assert public.title == "Zveřejněná aktualita"
    assert editor.get(url).context["adminform"].form["title"].value() == "Oprava"
    delete = reverse("admin:news_newsitem_delete", args=[public.pk])
    assert editor.post(delete, {"post": "yes"}).status_code == 403

    data = admin_form_data(admin_client.get(url))
    assert data["title"] == "Oprava"  # Správce sees the draft too
    assert admin_client.post(url, {**data, "title": "Opraveno"}).status_code == 302
