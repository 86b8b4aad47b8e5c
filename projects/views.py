import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.abuse import client_ip, hit
from portal.czech import format_datetime, format_number
from portal.models import SiteSettings
from portal.views import FilteredListView, PublishableDetailView
from projects.filters import ProjectFilter
from projects.forms import ContactForm
from projects.models import ContactMessage, Project

BOTS = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|curl|wget|python-|"
    r"httpclient|headless|monitor|preview|scanner|^$",
    re.IGNORECASE,
)
REVISIT_WINDOW = 30 * 60  # reloads within half an hour count once
# A revisit, which does not count, shows the count Django's cache last saw,
# up to this many seconds old: a revisit of a cached project page then
# costs no query besides the page cache's own.
SHOWN_COUNT_SECONDS = 10


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"

    def get_queryset(self):
        return Project.objects.published().for_listing()


def count_visit(request, pk):
    """Count a visit like seed 001's "Počet návštěv": no cookies, bots and
    quick reloads from the same client not counted, one atomic UPDATE.
    Returns the new count, or None when the visit was not counted."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    if BOTS.search(agent):
        return None
    visitor = hashlib.sha256(f"{client_ip(request)}|{agent}".encode()).hexdigest()[:32]
    if not cache.add(f"project-visit:{pk}:{visitor}", 1, REVISIT_WINDOW):
        return None
    return _visit_count(
        pk,
        "UPDATE {table} SET visit_count = visit_count + 1 "
        "WHERE id = %s RETURNING visit_count",
    )


def _visit_count(pk, sql):
    # Raw SQL: this runs on every cached view of a project page, where one
    # round trip with RETURNING beats the ORM's UPDATE and SELECT.
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Project._meta.db_table)
        cursor.execute(sql.format(table=table), [pk])
        row = cursor.fetchone()
    return row[0] if row else 0


def visit_count(request, pk):
    """The page cache's "project_visit_count" hole: this visit counted and
    the current count shown, on every view of a project page, whether it
    was rendered or came from the cache (one small query instead of a
    render)."""
    count = count_visit(request, pk)
    shown = f"project-visits-shown:{pk}"
    if count is None:
        count = cache.get_or_set(
            shown,
            lambda: _visit_count(pk, "SELECT visit_count FROM {table} WHERE id = %s"),
            SHOWN_COUNT_SECONDS,
        )
    else:
        cache.set(shown, count, SHOWN_COUNT_SECONDS)
    return format_number(count)


class ProjectDetailView(PublishableDetailView):
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("programme", "contact")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = [(_("Projekty"), reverse("projects:list"))]
        return context


class ProjectContactView(ProjectDetailView):
    """The form for a message to the project's contact person, on a page of
    its own: the project page then sets no cookie, and only a visitor who
    means to write gets the form's CSRF token."""

    template_name = "projects/project_contact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"].append(
            (self.object.title, self.object.get_absolute_url())
        )
        context["contact_form"] = kwargs.get("contact_form") or ContactForm()
        return context

    def post(self, request, *args, **kwargs):
        """A message to the project's contact person: stored, e-mailed, and
        protected like the newsletter form."""
        self.object = project = self.get_object()
        if not project.is_live:
            raise Http404
        form = ContactForm(request.POST)
        status = 400
        if form.is_valid():
            allowed = hit(
                "project-contact-client", client_ip(request), limit=5, window=3600
            )
            email = form.cleaned_data["email"]
            allowed = (
                hit("project-contact-address", email, limit=3, window=3600) and allowed
            )
            if allowed:
                self.send_message(project, form.cleaned_data)
                messages.success(
                    request, _("Děkujeme, zprávu jsme přijali. Odpovíme vám e-mailem.")
                )
                return redirect(project.get_absolute_url() + "#kontakt")
            form.add_error(
                None,
                _(
                    "Příliš mnoho zpráv za krátkou dobu. Zkuste to prosím znovu za hodinu."
                ),
            )
            status = 429
        context = self.get_context_data(object=project, contact_form=form)
        return self.render_to_response(context, status=status)

    @staticmethod
    def send_message(project, data):
        message = ContactMessage.objects.create(
            project=project,
            name=data["name"],
            email=data["email"],
            message=data["message"],
        )
        recipient = (
            project.contact and project.contact.email
        ) or SiteSettings.load().email
        # A message to the office is a record it must file (zákon
        # č. 499/2004 Sb.): the filing office (podatelna) gets it too, and
        # its copy is the record; the portal's copy is deleted after
        # PORTAL_RETAIN_MESSAGES_MONTHS.
        recipients = list(
            dict.fromkeys(filter(None, [recipient, settings.PORTAL_FILING_EMAIL]))
        )
        if recipients:
            # To the office's staff, so in Czech whatever the visitor's language.
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Zpráva z webu k projektu %(project)s") % {
                    "project": project.title
                }
                received = _("Přijato %(when)s přes kontaktní formulář na %(url)s") % {
                    "when": format_datetime(message.created_at),
                    "url": settings.PORTAL_BASE_URL.rstrip("/")
                    + project.get_absolute_url(),
                }
            sender = f"{message.name} <{message.email}>"
            EmailMessage(
                subject,
                f"{sender}:\n\n{message.message}\n\n-- \n{received}\n",
                to=recipients,
                reply_to=[message.email],
            ).send()
            ContactMessage.objects.filter(pk=message.pk).update(emailed=True)
