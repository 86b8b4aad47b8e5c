"""Editor roles as Django groups. Each role gets the permissions of whole
models, so a re-run of `setup_groups` covers models added later.

Portal grants its own models here; each app adds what its roles need
through its Section's ``group_permissions``, so portal names none of the
apps' models."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from editorial.models import Approval
from portal.models import (
    Link,
    LinkGroup,
    Organisation,
    Page,
    Person,
    Resolution,
    Topic,
)

ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)

EDITOR = "Redaktor"
ADMINISTRATOR = "Správce"
# Roles whose drafts an approver publishes (editorial.approval); every other
# role publishes directly. Správce has every permission, approving too.
NEEDS_APPROVAL = {EDITOR}
PUBLISH = ("publish",)


# What a role whose changes need approval may do with shared rows that
# appear on live pages without an approval of their own: choose them, and
# add those nobody sees until an approved item names them. Changing them
# is for roles that publish.
PICK = ("view",)
PICK_OR_ADD = ("add", "view")


def portal_permissions():
    return {
        EDITOR: {
            Page: ALL,
            # A live page's link groups are its own rows: the link group
            # admin refuses them to those who may not publish.
            LinkGroup: ALL,
            Link: ALL,
            # Topics have public pages; people with show_on_contacts
            # appear on /kontakty/ as soon as they are saved.
            Topic: PICK,
            Person: PICK,
            Organisation: PICK_OR_ADD,
            Resolution: PICK_OR_ADD,
        },
    }


def roles():
    """{group name: {model: actions}}: portal's own grants and every
    section's, merged (a model granted twice gets the union of actions)."""
    from portal.sections import sections

    result = {}
    for grants in [portal_permissions()] + [s.group_permissions for s in sections()]:
        for group, models in grants.items():
            for model, actions in models.items():
                known = result.setdefault(group, {}).setdefault(model, ())
                result[group][model] = known + tuple(
                    action for action in actions if action not in known
                )
    for group, grants in result.items():
        if group not in NEEDS_APPROVAL:
            grants[Approval] = PUBLISH
    return result


def setup_groups():
    """Create or update the groups; returns {name: number of permissions}."""
    result = {}
    for name, grants in roles().items():
        query = Q(pk__in=[])
        for model, actions in grants.items():
            content_type = ContentType.objects.get_for_model(model)
            query |= Q(
                content_type=content_type,
                codename__in=[
                    f"{action}_{model._meta.model_name}" for action in actions
                ],
            )
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(query))
        result[name] = group.permissions.count()
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.all())
    result[ADMINISTRATOR] = administrator.permissions.count()
    return result
