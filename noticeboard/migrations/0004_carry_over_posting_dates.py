"""Existing notices get the moments the system now records: a published
notice went up at its publish-at time or the start of its posting day,
whichever was later, and came down (if it has) at its archive time or the
midnight after its last relevant day, whichever was first. Each gets the
events the certificate of posting and removal reads, marked as carried
over."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone

NOTE = "převzato z údajů před zavedením záznamů o vyvěšení"


def carry_over(apps, schema_editor):
    Notice = apps.get_model("noticeboard", "Notice")
    NoticeEvent = apps.get_model("noticeboard", "NoticeEvent")
    zone = ZoneInfo(settings.TIME_ZONE)
    now = timezone.now()

    def midnight(day):
        return datetime.combine(day, time.min, tzinfo=zone)

    for notice in Notice.objects.filter(status="published", posted_at__isnull=True):
        notice.posted_at = max(notice.publish_at, midnight(notice.posted_on))
        notice.posted_on = notice.posted_at.astimezone(zone).date()
        moments = [notice.archived_at]
        if notice.relevant_until:
            moments.append(midnight(notice.relevant_until + timedelta(days=1)))
        due = min((moment for moment in moments if moment), default=None)
        if due is not None and due <= now and notice.posted_at <= now:
            notice.removed_at = max(due, notice.posted_at)
        # relevant_until may now come before the posting day of a notice
        # published late; it came down the moment it went up.
        if notice.relevant_until and notice.relevant_until < notice.posted_on:
            notice.relevant_until = notice.posted_on
        notice.save(
            update_fields=["posted_at", "posted_on", "removed_at", "relevant_until"]
        )
        NoticeEvent.objects.create(
            notice=notice, kind="posted", at=notice.posted_at, note=NOTE
        )
        if notice.removed_at:
            NoticeEvent.objects.create(
                notice=notice, kind="removed", at=notice.removed_at, note=NOTE
            )


class Migration(migrations.Migration):
    dependencies = [
        ("noticeboard", "0003_notice_events"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop, elidable=False),
    ]
