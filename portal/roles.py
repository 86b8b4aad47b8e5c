"""Editor roles as Django groups. Each role gets the permissions of whole
models, so a re-run of `setup_groups` covers models added later."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)

ROLES = {
    "Redaktor": {
        ("portal", "page"): ALL,
        ("portal", "linkgroup"): ALL,
        ("portal", "link"): ALL,
        ("portal", "topic"): ALL,
        ("portal", "organisation"): EDIT,
        ("portal", "person"): EDIT,
        ("portal", "resolution"): EDIT,
        ("documents", "document"): ALL,
        ("documents", "documentfile"): ALL,
        ("documents", "category"): ALL,
        ("news", "newsitem"): ALL,
        ("news", "subscriber"): VIEW,
        ("news", "delivery"): VIEW,
    },
    "Dotace": {
        ("grants", "programme"): ALL,
        ("grants", "allocationchange"): ALL,
        ("grants", "award"): ALL,
        ("portal", "organisation"): EDIT,
        ("portal", "resolution"): EDIT,
        ("portal", "person"): VIEW,
        ("portal", "topic"): VIEW,
        ("documents", "document"): VIEW,
    },
    "Projekty": {
        ("projects", "project"): ALL,
        ("projects", "keyactivity"): ALL,
        ("projects", "partnership"): ALL,
        ("projects", "photo"): ALL,
        ("projects", "operationalprogramme"): EDIT,
        ("projects", "contactmessage"): VIEW,
        ("portal", "organisation"): EDIT,
        ("portal", "person"): VIEW,
        ("portal", "topic"): VIEW,
        ("documents", "document"): VIEW,
    },
}
ADMINISTRATOR = "Správce"


def setup_groups():
    """Create or update the groups; returns {name: number of permissions}."""
    result = {}
    for name, grants in ROLES.items():
        query = Q(pk__in=[])
        for (app_label, model), actions in grants.items():
            query |= Q(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(query))
        result[name] = group.permissions.count()
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.all())
    result[ADMINISTRATOR] = administrator.permissions.count()
    return result
