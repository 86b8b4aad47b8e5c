import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from news import newsletter
from news.models import Subscriber
from tests.factories import make_topic

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

    assertContains(client.post(url), "Odběr pro jana@example.cz jsme zrušili")
    assert not Subscriber.objects.filter(email="jana@example.cz").exists()


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
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_opening_the_confirmation_link_only_asks(client, db):
    """The same for the double opt-in: opening the link confirms nothing."""
    client.post(SUBSCRIBE, {"email": "petr@example.cz"})
    url = mailed_link(mail.outbox[-1], "potvrzeni")

    page = client.get(url)
    assertContains(page, "Potvrdit odběr</button>")
    assert Subscriber.objects.get().confirmed_at is None

    assertContains(client.post(url), "odběr je potvrzený")
    assert Subscriber.objects.get().is_active


def subscribe_and_measure(client, email, topics=()):
    sent = len(mail.outbox)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            SUBSCRIBE, {"email": email, "topics": [t.pk for t in topics]}, follow=True
        )
    html = re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
    )
    return html, len(queries), len(mail.outbox) - sent


@pytest.mark.parametrize("state", ["active", "pending", "unsubscribed"])
def test_a_known_address_gets_the_same_answer_and_work_as_an_unknown_one(
    client, db, state
):
    """Nobody learns from the page, the queries or the time (one e-mail is
    sent either way) whether an address subscribes."""
    topic = make_topic()
    now = timezone.now()
    Subscriber.objects.create(
        email="znama@example.cz",
        confirmed_at=None if state == "pending" else now,
        unsubscribed_at=now if state == "unsubscribed" else None,
    )
    # The site's own first-visit caches, out of the count.
    client.get(SUBSCRIBE)
    client.get(reverse("news:subscribe_sent"))
    known = subscribe_and_measure(client, "znama@example.cz", [topic])
    unknown = subscribe_and_measure(client, "neznama@example.cz", [topic])
    assert known == unknown
    assert known[2] == 1  # one e-mail each


def test_a_stranger_cannot_change_or_end_an_active_subscription(client, db):
    """Subscribing someone else's address again leaves their subscription
    and topics as they were; the owner may change the topics by the link
    mailed to them."""
    mine, theirs = make_topic(name="Romská menšina"), make_topic(name="Cizinci")
    subscriber = active_subscriber()
    subscriber.topics.set([mine])

    client.post(SUBSCRIBE, {"email": "jana@example.cz", "topics": [theirs.pk]})
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert list(subscriber.topics.all()) == [mine]

    assert "už novinky odebírá" in mail.outbox[-1].body
    client.post(mailed_link(mail.outbox[-1], "potvrzeni"))
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert list(subscriber.topics.all()) == [theirs]


def test_unsubscribing_deletes_the_address_topics_and_deliveries(client, db):
    """Nothing of the subscription stays behind; a second click on the link
    says the subscription no longer exists."""
    from news.models import Delivery
    from tests.factories import make_news_item

    subscriber = active_subscriber()
    subscriber.topics.add(make_topic())
    Delivery.objects.create(subscriber=subscriber, news_item=make_news_item())
    other = active_subscriber(email="petr@example.cz")
    url = unsubscribe_path(subscriber)

    client.post(url)

    assert list(Subscriber.objects.all()) == [other]
    assert not Delivery.objects.exists()
    assert not Subscriber.topics.through.objects.filter(
        subscriber_id=subscriber.pk
    ).exists()
    assertContains(client.post(url), "Tento odběr už neexistuje", status_code=400)


@pytest.mark.parametrize("group", ["Redaktor", "Dotace", "Projekty", "Úřední deska"])
def test_only_the_newsletter_sender_sees_subscribers_addresses(login_as, group):
    active_subscriber()
    client = login_as(group)
    for name in ("subscriber", "delivery"):
        url = reverse(f"admin:news_{name}_changelist")
        assert client.get(url).status_code == 403


def test_the_administrator_sees_subscribers_addresses(client, login_as):
    active_subscriber()
    response = login_as("Správce").get(reverse("admin:news_subscriber_changelist"))
    assertContains(response, "jana@example.cz")
