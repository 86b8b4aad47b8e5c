import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from news import newsletter
from news.models import Subscriber

SUBSCRIBE = reverse("news:subscribe")


def active_subscriber(email="jana@example.cz", **fields):
    return Subscriber.objects.create(email=email, confirmed_at=timezone.now(), **fields)


def unsubscribe_path(subscriber):
    return reverse(
        "news:unsubscribe", args=[newsletter.make_token(subscriber, "unsubscribe")]
    )


def mailed_link(message, name):
    match = re.search(rf"https?://[^/\s]+(/\S*/odber/{name}/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_opening_the_unsubscribe_link_only_asks(client, db):
    """A mail scanner that opens the link unsubscribes nobody: the page asks
    with one button, and the button unsubscribes."""
    subscriber = active_subscriber()
    url = unsubscribe_path(subscriber)

    page = client.get(url)
    assertContains(page, "Opravdu chcete zrušit odběr")
    assertContains(page, 'method="post"')
    assertContains(page, "Zrušit odběr</button>")
    subscriber.refresh_from_db()
    assert subscriber.is_active

    assertContains(client.post(url), "jsme zrušili")
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_one_click_unsubscribe_from_a_mail_client_still_works(client, db):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the URL
    of the List-Unsubscribe header, with no cookie and no CSRF token."""
    subscriber = active_subscriber()
    newsletter._send(subscriber, "Novinky", "news/email/digest.txt", {"items": []})
    headers = mail.outbox[-1].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.sub(r"^https?://[^/]+", "", headers["List-Unsubscribe"].strip("<>"))

    response = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_opening_the_confirmation_link_only_asks(client, db):
    """The same for the double opt-in: opening the link confirms nothing."""
    client.post(SUBSCRIBE, {"email": "petr@example.cz"})
    url = mailed_link(mail.outbox[-1], "potvrzeni")

    page = client.get(url)
    assertContains(page, "Potvrdit odběr</button>")
    assert Subscriber.objects.get().confirmed_at is None

    assertContains(client.post(url), "odběr je potvrzený")
    assert Subscriber.objects.get().is_active
