"""The newsletter: double opt-in, signed links, and a digest that never
sends an item twice."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import Delivery, NewsItem, Subscriber
from portal.models import Topic

SALT = "news.newsletter"


def confirm_max_age():
    """A confirmation link works as long as the unconfirmed subscription is
    kept (PORTAL_RETAIN_UNCONFIRMED_DAYS), in seconds."""
    return settings.PORTAL_RETAIN_UNCONFIRMED_DAYS * 24 * 60 * 60


class BadToken(Exception):
    pass


def make_token(subscriber, action, **extra):
    # The e-mail is signed too: a token of a deleted and re-created
    # subscription, or of another address, does not match.
    return signing.dumps(
        {"id": subscriber.pk, "email": subscriber.email, "a": action, **extra},
        salt=SALT,
    )


def _token_data(token, action, max_age=None):
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(
            _("Platnost odkazu vypršela. Přihlaste se k odběru prosím znovu.")
        ) from error
    except signing.BadSignature as error:
        raise BadToken(_("Odkaz je neplatný nebo poškozený.")) from error
    if not isinstance(data, dict) or data.get("a") != action:
        raise BadToken(_("Odkaz je neplatný nebo poškozený."))
    subscriber = Subscriber.objects.filter(
        pk=data.get("id"), email=data.get("email")
    ).first()
    if subscriber is None:
        raise BadToken(_("Tento odběr už neexistuje."))
    return subscriber, data


def read_token(token, action, max_age=None):
    """The subscriber a link names, without acting on it; BadToken with a
    Czech reason when the link is not valid."""
    return _token_data(token, action, max_age)[0]


def subscriber_to_confirm(token):
    """The subscriber a confirmation link names, for the page that asks
    before confirming."""
    return read_token(token, "confirm", max_age=confirm_max_age())


def absolute(path):
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def unsubscribe_url(subscriber):
    return absolute(
        reverse("news:unsubscribe", args=[make_token(subscriber, "unsubscribe")])
    )


def _send(subscriber, subject, template, context):
    link = unsubscribe_url(subscriber)
    body = render_to_string(template, {**context, "unsubscribe_url": link})
    message = EmailMessage(
        subject,
        body,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


def subscribe(email, topics):
    """Record the wish and mail a confirmation link. The caller answers the
    same whatever happened here, and so does the work here: the same three
    queries and one e-mail for a new, a pending and an active address, so
    that neither the page nor its timing tells who subscribes.

    An active subscription stays as it is (a stranger may type anyone's
    address); its owner gets a link that sets the newly chosen topics. The
    topics travel in the signed link and are set on confirmation."""
    email = email.lower()
    now = timezone.now()
    # Insert-or-nothing and a conditional update: one query each whether the
    # address is new or known, active or not.
    Subscriber.objects.bulk_create([Subscriber(email=email)], ignore_conflicts=True)
    Subscriber.objects.filter(email=email).exclude(
        confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).update(consented_at=now, confirmed_at=None, unsubscribed_at=None)
    subscriber = Subscriber.objects.get(email=email)
    token = make_token(subscriber, "confirm", topics=[topic.pk for topic in topics])
    _send(
        subscriber,
        _("Potvrďte prosím odběr novinek"),
        "news/email/confirm.txt",
        {
            "confirm_url": absolute(reverse("news:confirm", args=[token])),
            "already_active": subscriber.is_active,
        },
    )
    return subscriber


def confirm(token):
    """Confirm the subscription (and set the topics chosen when subscribing,
    if the link carries them)."""
    subscriber, data = _token_data(token, "confirm", max_age=confirm_max_age())
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    # An old link clicked after unsubscribing changes nothing.
    if "topics" in data and subscriber.is_active:
        subscriber.topics.set(Topic.objects.filter(pk__in=data["topics"]))
    return subscriber


def unsubscribe(token):
    """Delete the subscription: the address was kept only to send the
    newsletter. The deleted instance still carries the address, for the
    page that confirms it."""
    subscriber = read_token(token, "unsubscribe")
    subscriber.delete()  # its topics and deliveries go with it
    return subscriber


def pending_items(subscriber):
    """Published news since the subscription was confirmed, on the chosen
    topics, not yet sent to this subscriber."""
    items = NewsItem.objects.published().filter(publish_at__gte=subscriber.confirmed_at)
    topic_ids = list(subscriber.topics.values_list("pk", flat=True))
    if topic_ids:
        items = items.filter(topics__in=topic_ids).distinct()
    sent = Delivery.objects.filter(subscriber=subscriber).values("news_item")
    return items.exclude(pk__in=sent).order_by("publish_at")


def send_digest(subscriber_id):
    """Send one subscriber their digest; returns the number of items sent.

    The deliveries are recorded in the same transaction that sends the
    e-mail, under a row lock: if sending fails nothing is recorded and a
    re-run tries again; two cron runs at once don't both send. Only a crash
    in the instant between the SMTP hand-over and the commit could repeat
    one digest, never lose one.
    """
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update(skip_locked=True)
            .filter(
                pk=subscriber_id,
                confirmed_at__isnull=False,
                unsubscribed_at__isnull=True,
            )
            .first()
        )
        if subscriber is None:
            return 0
        items = list(pending_items(subscriber))
        if not items:
            return 0
        Delivery.objects.bulk_create(
            Delivery(subscriber=subscriber, news_item=item) for item in items
        )
        _send(
            subscriber,
            _("Novinky odboru sociálních věcí"),
            "news/email/digest.txt",
            {"items": [(item, absolute(item.get_absolute_url())) for item in items]},
        )
    return len(items)
