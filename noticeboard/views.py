from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from documents.storage import send_file
from noticeboard.filters import NoticeFilter
from noticeboard.models import Notice, NoticeAttachment
from noticeboard.ofn import notice_board
from portal.opendata import jsonld_response, open_data
from portal.publishing import staff_may_view
from portal.views import FilteredListView, PublishableDetailView


class NoticeListView(FilteredListView):
    """The notices on the board today, newest posting first."""

    filterset_class = NoticeFilter
    # The notice board shows every notice, however old (a short list).
    max_pages = None
    template_name = "noticeboard/notice_list.html"
    heading = _("Úřední deska")
    archive = False

    def get_queryset(self):
        notices = (
            Notice.objects.taken_down() if self.archive else Notice.objects.on_board()
        )
        return notices.with_attachments().order_by("-posted_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading,
            archive=self.archive,
            board_trail=[(_("Úřední deska"), reverse("noticeboard:list"))],
        )
        return context


class NoticeArchiveView(NoticeListView):
    heading = _("Archiv úřední desky")
    archive = True


class NoticeDetailView(PublishableDetailView):
    model = Notice
    template_name = "noticeboard/notice_detail.html"

    def get_queryset(self):
        # Staff preview drafts; the public sees a notice from its posting day.
        if staff_may_view(self.request.user, Notice):
            return Notice.objects.with_attachments()
        return Notice.objects.posted().with_attachments()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = [(_("Úřední deska"), reverse("noticeboard:list"))]
        if self.object.is_taken_down:
            context["breadcrumb"].append((_("Archiv"), reverse("noticeboard:archive")))
        return context


@require_safe
def attachment(request, slug, pk):
    """Send one of a notice's own files: while the notice is on the board
    or in its archive (staff also see drafts), never from the library."""
    notices = Notice.objects.all()
    if not staff_may_view(request.user, Notice):
        notices = notices.posted()
    file = get_object_or_404(
        NoticeAttachment.objects.filter(notice__in=notices, notice__slug=slug), pk=pk
    )
    return send_file(
        file.file,
        filename=file.original_name or file.file.name.rsplit("/", 1)[-1],
        content_type=file.content_type,
        as_attachment=not file.is_pdf,
    )


@open_data
def notice_board_jsonld(request):
    """The board by the OFN Úřední desky 2021-07-20."""
    return jsonld_response(notice_board(request))


@open_data
def archive_jsonld(request):
    return jsonld_response(notice_board(request, archive=True))
