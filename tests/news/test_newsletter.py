import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from news import newsletter
from news.models import Delivery, Subscriber
from tests.factories import make_news_item, make_topic

SUBSCRIBE = reverse("news:subscribe")


def link(message, name):
    match = re.search(rf"https?://\S+/odber/{name}/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def fresh(title):
    """A news item published now, after the subscription was confirmed."""
    return make_news_item(title=title, publish_at=timezone.now())


def send():
    out = StringIO()
    call_command("send_newsletter", stdout=out)
    return out.getvalue()


def subscribe(client, email="jana@example.cz", **extra):
    return client.post(SUBSCRIBE, {"email": email, **extra}, follow=True)


def test_whole_newsletter_flow(client, db):
    make_news_item(title="Stará zpráva před přihlášením")
    response = subscribe(client)
    # A page that says what happens next, not the empty form again.
    assert response.redirect_chain == [("/aktuality/odber/odeslano/", 302)]
    assertContains(response, "<h1>Zkontrolujte svůj e-mail</h1>", html=False)
    assertContains(response, "poslali jsme na ni e-mail")
    assertNotContains(response, 'name="email"')
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["jana@example.cz"]

    # Nothing goes to an unconfirmed address.
    fresh("Zpráva před potvrzením")
    send()
    assert len(mail.outbox) == 1

    assertContains(client.post(link(confirmation, "potvrzeni")), "odběr je potvrzený")
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is not None and subscriber.consented_at is not None

    fresh("Program 5.1 vyhlášen")
    assert "Odesláno přehledů: 1" in send()
    digest = mail.outbox[-1]
    assert "Program 5.1 vyhlášen" in digest.body
    assert "Stará zpráva" not in digest.body
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")

    # A re-run sends nothing new; a new item goes out alone.
    send()
    assert len(mail.outbox) == 2
    fresh("Další aktualita")
    send()
    assert len(mail.outbox) == 3
    assert "Další aktualita" in mail.outbox[-1].body
    assert "Program 5.1 vyhlášen" not in mail.outbox[-1].body

    # One button, no login.
    assertContains(client.post(link(mail.outbox[-1], "odhlaseni")), "jsme zrušili")
    fresh("Po odhlášení")
    send()
    assert len(mail.outbox) == 3


def test_topics_narrow_the_digest(client, db):
    topic = make_topic(name="Integrace cizinců")
    subscribe(client, topics=[topic.pk])
    client.post(link(mail.outbox[0], "potvrzeni"))
    fresh("Bez tématu")
    fresh("O cizincích").topics.add(topic)
    send()
    assert "O cizincích" in mail.outbox[-1].body
    assert "Bez tématu" not in mail.outbox[-1].body


def test_same_answer_whether_or_not_the_address_is_subscribed(client, db):
    first = subscribe(client, "petr@example.cz").content.decode()
    client.post(link(mail.outbox[0], "potvrzeni"))
    second = subscribe(client, "petr@example.cz").content.decode()
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(first) == strip(second)
    # A confirmed address is told it already subscribes, and stays so.
    assert len(mail.outbox) == 2
    assert "už novinky odebírá" in mail.outbox[1].body
    assert Subscriber.objects.get().is_active


def test_failed_sending_records_nothing_and_a_rerun_delivers_once(client, db, settings):
    subscribe(client)
    client.post(link(mail.outbox[0], "potvrzeni"))
    fresh("Zpráva k odeslání")
    # A real SMTP backend pointed at a closed port: the send fails midway.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(OSError):
        send()
    assert not Delivery.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send()
    send()
    digests = [
        message for message in mail.outbox if "Zpráva k odeslání" in message.body
    ]
    assert len(digests) == 1


@pytest.mark.parametrize("email", ["", "ne-e-mail", "a@b", "x" * 300 + "@example.cz"])
def test_invalid_email_gets_a_czech_message(client, db, email):
    response = client.post(SUBSCRIBE, {"email": email})
    assert response.status_code == 200
    assert re.search(
        "Vyplňte prosím|Zadejte platnou|nejvýše 254", response.content.decode()
    )
    assert not Subscriber.objects.exists()


def test_honeypot_stops_bots(client, db):
    response = client.post(
        SUBSCRIBE, {"email": "bot@example.cz", "website": "http://spam"}
    )
    assertContains(response, "Formulář se nepodařilo odeslat.")
    assert mail.outbox == [] and not Subscriber.objects.exists()


def test_repeated_subscriptions_are_rate_limited(client, db):
    for _attempt in range(3):
        subscribe(client, "opakovane@example.cz")
    response = client.post(SUBSCRIBE, {"email": "opakovane@example.cz"})
    assertContains(response, "Příliš mnoho pokusů", status_code=429)
    for number in range(10):
        client.post(SUBSCRIBE, {"email": f"jiny{number}@example.cz"})
    response = client.post(SUBSCRIBE, {"email": "uplne-novy@example.cz"})
    assert response.status_code == 429
    # 3 per address; 10 attempts per client in the hour, blocked ones included.
    assert len(mail.outbox) == 3 + 6


@pytest.mark.parametrize("token", ["xyz", "a" * 500, "eyJpZCI6MX0:abc:def"])
def test_tampered_tokens_get_a_czech_message(client, db, token):
    for name in ("confirm", "unsubscribe"):
        response = client.get(reverse(f"news:{name}", args=[token]))
        assertContains(response, "neplatný nebo poškozený", status_code=400)


def test_expired_confirmation_is_refused(db):
    subscriber = Subscriber.objects.create(email="stary@example.cz")
    token = newsletter.make_token(subscriber, "confirm")
    with pytest.raises(newsletter.BadToken, match="vypršela"):
        newsletter.read_token(token, "confirm", max_age=-1)


def test_a_token_never_touches_another_subscriber(client, db):
    jana = Subscriber.objects.create(email="jana@example.cz")
    petr = Subscriber.objects.create(email="petr@example.cz")
    confirm_jana = newsletter.make_token(jana, "confirm")
    # A confirmation token is not an unsubscribe token, and it names Jana only.
    assert (
        client.get(reverse("news:unsubscribe", args=[confirm_jana])).status_code == 400
    )
    response = client.get(reverse("news:confirm", args=[confirm_jana]))
    assertContains(response, "jana@example.cz")
    assert "petr@example.cz" not in response.content.decode()
    petr.refresh_from_db()
    assert petr.confirmed_at is None
    # A subscription deleted and created again does not accept old tokens.
    jana.delete()
    Subscriber.objects.create(email="jiny@example.cz")
    assert client.get(reverse("news:confirm", args=[confirm_jana])).status_code == 400


def test_one_click_unsubscribe_by_post_from_a_mail_client(client, db):
    subscriber = Subscriber.objects.create(email="jana@example.cz")
    token = newsletter.make_token(subscriber, "unsubscribe")
    response = client.post(
        reverse("news:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
