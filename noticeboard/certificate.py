"""The certificate of posting and removal (osvědčení o vyvěšení a sejmutí,
§ 25 and § 26 správního řádu): what was posted, under which reference, and
when it went up and came down, as the system recorded it (NoticeEvent)."""

from django.utils import timezone

from documents.pdf import build_pdf
from noticeboard.models import NoticeEvent, record_removals
from portal.czech import format_datetime
from portal.models import SiteSettings


def build(notice, request):
    """The certificate as PDF bytes. A notice that came down by itself in
    the last minute gets its removal recorded first."""
    if notice.removed_at is None:
        record_removals()
        notice.refresh_from_db()
    settings = SiteSettings.load()
    authority = " – ".join(
        part for part in (settings.authority_name, settings.department_name) if part
    )
    events = list(notice.events.select_related("recorded_by"))
    posted = next((e for e in events if e.kind == NoticeEvent.Kind.POSTED), None)
    removed = next((e for e in events if e.kind == NoticeEvent.Kind.REMOVED), None)
    lines = [
        f"Oznámení: {notice.title}",
        f"Číslo jednací: {notice.reference_number or 'neuvedeno'}",
        f"Spisová značka: {notice.file_number or 'neuvedena'}",
        f"Agenda: {notice.get_agenda_display()}",
    ]
    if notice.department:
        lines.append(f"Vyvěsil: {notice.department}")
    if notice.corrects_id:
        lines.append(f"Opravuje oznámení: {notice.corrects}")
    lines += [
        "Vyvěšeno dne: " + (format_datetime(posted.at) if posted else "nevyvěšeno"),
        "Sejmuto dne: "
        + (format_datetime(removed.at) if removed else "dosud vyvěšeno"),
        "Zveřejněno na elektronické úřední desce (umožňující dálkový přístup): "
        + request.build_absolute_uri(notice.get_absolute_url()),
        "Záznamy systému:",
    ]
    for event in events:
        who = (
            event.recorded_by.get_full_name() or event.recorded_by.get_username()
            if event.recorded_by
            else "systém"
        )
        note = f" ({event.note})" if event.note else ""
        lines.append(
            f"– {event.get_kind_display()} {format_datetime(event.at)}, "
            f"zapsal(a): {who}{note}"
        )
    lines.append(f"Osvědčení vystaveno {format_datetime(timezone.now())}.")
    if authority:
        lines.append(authority)
    # The PDF's font has no non-breaking space.
    lines = [line.replace("\xa0", " ") for line in lines]
    return build_pdf("Osvědčení o vyvěšení a sejmutí oznámení", lines)
