from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from editorial import roles
from portal.models import Organisation, Person, Topic
from portal.sections import Section, register
from projects.models import (
    ContactMessage,
    KeyActivity,
    OperationalProgramme,
    Partnership,
    Photo,
    Project,
)
from projects.sitemaps import ProjectSitemap


def projects_of(organisation):
    return Project.objects.filter(partnerships__organisation=organisation).values_list(
        "pk", flat=True
    )


class ProjectsSection(Section):
    key = "projects"
    title = _("Projekty")
    list_url_name = "projects:list"
    order = 40
    items_template = "projects/includes/section_items.html"
    more_label = _("Všechny projekty")
    search_label = _("Projekt")
    search_model = Project
    search_related = {
        KeyActivity: lambda activity: [activity.project_id],
        Partnership: lambda partnership: [partnership.project_id],
        Photo: lambda photo: [photo.project_id],
        Organisation: projects_of,  # partners are shown by name
    }
    group_permissions = {
        "Projekty": {
            Project: roles.ALL,
            KeyActivity: roles.ALL,
            Partnership: roles.ALL,
            Photo: roles.ALL,
            OperationalProgramme: roles.EDIT,
            ContactMessage: ("change", "view"),  # to mark them answered
            Organisation: roles.EDIT,
            Person: roles.VIEW,
            Topic: roles.VIEW,
            Document: roles.VIEW,
        },
    }

    def listing(self):
        return Project.objects.published().for_listing()

    def expired_personal_data(self, now):
        return [
            (_("zprávy z kontaktního formuláře"), ContactMessage.objects.expired(now))
        ]

    def personal_dashboard(self, user):
        if not user.email:
            return []
        unanswered = ContactMessage.objects.filter(
            answered_at__isnull=True, project__contact__email__iexact=user.email
        ).select_related("project")
        return [
            (
                _("Nezodpovězené zprávy k mým projektům"),
                list(unanswered.order_by("created_at")[:10]),
            )
        ]

    def searchable(self):
        return (
            super()
            .searchable()
            .prefetch_related(
                "activities",
                "photos",
                Prefetch(
                    "partnerships",
                    queryset=Partnership.objects.select_related("organisation"),
                ),
            )
        )

    def search_text(self, obj):
        activities = [
            f"{a.title} {a.description} {a.results}" for a in obj.activities.all()
        ]
        partners = [
            partnership.organisation.name for partnership in obj.partnerships.all()
        ]
        photos = [photo.alt for photo in obj.photos.all()]
        parts = [
            obj.registration_number,
            obj.aims,
            obj.target_groups,
            strip_tags(obj.description),
        ]
        return "\n".join(parts + activities + partners + photos)

    def sitemaps(self):
        return {"projects": ProjectSitemap}


register(ProjectsSection())
