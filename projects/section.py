from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from portal.publishing import Status
from portal.sections import Section, register
from projects.models import Project
from projects.sitemaps import ProjectSitemap


class ProjectsSection(Section):
    key = "projects"
    title = _("Projekty")
    list_url_name = "projects:list"
    order = 40
    items_template = "projects/includes/section_items.html"
    more_label = _("Všechny projekty")
    search_label = _("Projekt")
    search_models = (Project,)

    def published(self):
        return Project.objects.published().for_listing()

    def search_queryset(self):
        return Project.objects.filter(status=Status.PUBLISHED).prefetch_related(
            "activities"
        )

    def search_text(self, obj):
        activities = [
            f"{a.title} {a.description} {a.results}" for a in obj.activities.all()
        ]
        parts = [
            obj.registration_number,
            obj.aims,
            obj.target_groups,
            strip_tags(obj.description),
        ]
        return "\n".join(parts + [obj.title_en, obj.summary_en] + activities)

    def sitemaps(self):
        return {"projects": ProjectSitemap}


register(ProjectsSection())
