"""Weekly e-mail to each responsible person whose items are due for review
(their review date has passed or comes within a week). One e-mail a person
a week: a re-run in the same week sends nothing."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.dashboard import admin_url, publishable_models
from editorial.models import ReviewReminder
from portal.czech import format_date

AHEAD = timedelta(days=7)


def due_items(today):
    """{responsible's e-mail (lower case): [(kind, item)]}."""
    result = {}
    for model in publishable_models():
        items = (
            model.objects.filter(review_at__lte=today + AHEAD)
            .exclude(responsible__email="")
            .select_related("responsible")
            .order_by("review_at")
        )
        for item in items:
            email = item.responsible.email.lower()
            result.setdefault(email, []).append((model._meta.verbose_name, item))
    return result


def send_reminders(base_url=""):
    """Returns the number of e-mails sent."""
    today = timezone.localdate()
    week = today - timedelta(days=today.weekday())
    sent = 0
    for email, items in due_items(today).items():
        try:
            # The row is the lock: a second run (or a second server) in the
            # same week finds it and sends nothing.
            with transaction.atomic():
                ReviewReminder.objects.create(email=email, week=week, count=len(items))
        except IntegrityError:
            continue
        lines = [
            f"- {kind}: {item} (zkontrolovat do {format_date(item.review_at)})\n"
            f"  {base_url}{admin_url(item)}"
            for kind, item in items
        ]
        send_mail(
            _("Obsah webu ke kontrole: %(count)s") % {"count": len(items)},
            _(
                "Dobrý den,\n\nza tyto položky na webu odpovídáte a blíží se nebo "
                "už prošlo datum jejich kontroly:\n\n%(items)s\n\n"
                "Zkontrolujte je a posuňte datum kontroly.\n"
            )
            % {"items": "\n".join(lines)},
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        sent += 1
    return sent
