"""Personal data is kept only as long as it is needed (GDPR art. 5(1)(e)).

Each kind has its period in settings (PORTAL_RETAIN_*); the rule that finds
what is past it lives with the data (a queryset's ``expired()``), and each
app names its kinds through its Section, so portal imports no app's models.
``manage.py apply_retention`` runs them daily; the privacy page states the
same periods.
"""

import calendar
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The privacy page (a page of the tree, in the demo content and linked from
# every page's footer) lists the periods below its text.
PRIVACY_PAGE_PATH = "ochrana-osobnich-udaju"


def periods():
    """What the privacy page states, read from the same settings the
    retention job uses."""
    return {
        "messages_months": settings.PORTAL_RETAIN_MESSAGES_MONTHS,
        "unconfirmed_days": settings.PORTAL_RETAIN_UNCONFIRMED_DAYS,
        "logins_days": settings.PORTAL_RETAIN_LOGINS_DAYS,
        "filed": bool(settings.PORTAL_FILING_EMAIL),
    }


def months_before(moment, months):
    """The same day and time ``months`` calendar months earlier (the last
    day of that month when it is shorter: 31 March → 28 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expired_login_records(now):
    """django-axes' records of sign-ins to the back office (user name,
    address, browser): PORTAL_RETAIN_LOGINS_DAYS after the attempt. A
    lockout lasts an hour (AXES_COOLOFF_TIME), far inside the period."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = now - timedelta(days=settings.PORTAL_RETAIN_LOGINS_DAYS)
    return [
        (
            _("záznamy o přihlášení do redakce"),
            model.objects.filter(attempt_time__lt=cutoff),
        )
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    ]


def expired_personal_data(now):
    """[(label, queryset of rows past their period)] of every kind."""
    from portal.sections import sections

    kinds = []
    for section in sections():
        kinds.extend(section.expired_personal_data(now))
    kinds.extend(expired_login_records(now))
    return kinds


def apply_retention(now=None):
    """Delete everything past its period; {label: rows deleted}, every kind
    listed, nought included. Running it again deletes nothing more."""
    now = now or timezone.now()
    removed = {}
    with transaction.atomic():
        for label, queryset in expired_personal_data(now):
            # The rows of the kind itself, not the cascade's (topics and
            # deliveries of a subscription go with it).
            count = queryset.delete()[1].get(queryset.model._meta.label, 0)
            removed[str(label)] = removed.get(str(label), 0) + count
    return removed
