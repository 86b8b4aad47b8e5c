from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Category, Document, DocumentFile
from editorial import roles
from noticeboard.models import Notice, NoticeAttachment, record_removals
from noticeboard.sitemaps import NoticeSitemap
from portal.models import Topic
from portal.sections import Section, register

# The role of the staff who post on the board (podatelna, secretariat):
# notices and the documents they attach, nothing else.
CLERK = "Úřední deska"


class NoticeboardSection(Section):
    key = "noticeboard"
    title = _("Úřední deska")
    list_url_name = "noticeboard:list"
    order = 35
    items_template = "noticeboard/includes/section_items.html"
    more_label = _("Celá úřední deska")
    search_label = _("Oznámení na úřední desce")
    search_model = Notice
    group_permissions = {
        CLERK: {
            Notice: roles.ALL,
            NoticeAttachment: roles.ALL,
            # A notice's attachments are documents the clerk adds; other
            # sections' documents, and their files, are not the clerk's.
            Document: roles.PICK_OR_ADD,
            DocumentFile: roles.PICK_OR_ADD,
            Category: roles.VIEW,
            Topic: roles.VIEW,
        },
        roles.EDITOR: {Notice: roles.ALL, NoticeAttachment: roles.ALL},
    }

    def listing(self):
        # The home and topic pages list titles and dates, no files.
        return Notice.objects.on_board().order_by("-posted_on", "-pk")

    def run_due(self, now):
        # Notices past their last relevant day came down at its midnight.
        return record_removals(now)

    def search_text(self, obj):
        return "\n".join(
            part
            for part in (obj.reference_number, obj.file_number, obj.description)
            if part
        )

    def search_publish_at(self, obj):
        # Found from the posting day, as the board shows it.
        posted = timezone.make_aware(datetime.combine(obj.posted_on, time.min))
        return max(obj.publish_at, posted)

    def feeds(self):
        return [(_("Nově vyvěšená oznámení"), reverse("noticeboard:feed"), "Atom")]

    def sitemaps(self):
        return {"noticeboard": NoticeSitemap}


register(NoticeboardSection())
