"""The notice board by the open formal norm Úřední desky 2021-07-20
(https://ofn.gov.cz/úřední-desky/2021-07-20/)."""

from django.urls import reverse

from noticeboard.models import Notice
from portal.opendata import moment, provider, text

CONTEXT = "https://ofn.gov.cz/úřední-desky/2021-07-20/kontexty/úřední-deska.jsonld"
SCHEMA = "https://ofn.gov.cz/úřední-desky/2021-07-20/schémata/úřední-deska.json"
SPECIFICATION = "https://ofn.gov.cz/úřední-desky/2021-07-20/"


def documents(request, notice):
    """The notice's own files and every file of every live document it
    links to, as OFN digital objects."""
    objects = [
        {
            "typ": "Digitální objekt",
            "název": text(str(file)),
            "url": request.build_absolute_uri(file.get_absolute_url()),
        }
        for file in notice.own_files()
    ]
    for document in notice.attachment_list():
        for file in document.files.all():
            objects.append(
                {
                    "typ": "Digitální objekt",
                    "název": text(file.label or document.title),
                    "url": request.build_absolute_uri(file.get_absolute_url()),
                }
            )
    return objects


def information(request, notice):
    url = request.build_absolute_uri(notice.get_absolute_url())
    item = {
        "typ": ["Digitální objekt", "Informace na úřední desce"],
        "iri": url,
        "url": url,
        "název": text(notice.title),
        "vyvěšení": moment(notice.posted_on),
        "relevantní_do": moment(notice.relevant_until),
        "agenda": [{"typ": "Agenda", "název": text(notice.get_agenda_display())}],
    }
    if notice.description:
        item["popis"] = text(notice.description)
    if notice.reference_number:
        item["číslo_jednací"] = notice.reference_number
    if notice.file_number:
        item["spisová_značka"] = notice.file_number
    files = documents(request, notice)
    if files:
        item["dokument"] = files
    return item


def notice_board(request, archive=False):
    """The whole board: every notice on it today with its documents; or
    the archive, the notices taken down."""
    notices = Notice.objects.taken_down() if archive else Notice.objects.on_board()
    notices = notices.with_attachments().order_by("-posted_on", "-pk")
    board = {
        "@context": CONTEXT,
        "typ": "Úřední deska",
        "iri": request.build_absolute_uri(
            reverse("noticeboard:archive_jsonld" if archive else "noticeboard:jsonld")
        ),
        "stránka": request.build_absolute_uri(
            reverse("noticeboard:archive" if archive else "noticeboard:list")
        ),
        "provozovatel": provider(),
        "informace": [information(request, notice) for notice in notices],
    }
    if board["provozovatel"] is None:
        # Without the IČO in the site settings the board cannot say whose
        # it is; the key stays out so that the missing part is obvious.
        del board["provozovatel"]
    return board
