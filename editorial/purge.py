"""Removing a file for good (personal data in a file an editor replaced):
its bytes leave the storage and every stored version stops naming it, with
a record of who, when and why (FilePurge). A file some row still names is
not purged: replace it first."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from editorial import history
from editorial.models import Edition, FilePurge


def _file_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _fields_of(version):
    """The stored row's fields as serialised (reversion's JSON)."""
    try:
        return json.loads(version.serialized_data)[0]["fields"]
    except (ValueError, LookupError, TypeError):
        return {}


def _in_use(model, field, name):
    return model._default_manager.filter(**{field.name: name}).exists()


def replaced_files(obj):
    """The files ``obj``'s versions (the item's and its rows') name that no
    row names now: [(file name, model, field, [version ids])], oldest
    first."""
    found = {}
    # A file an open draft of a change names is the draft's, not replaced.
    drafted = set()
    open_drafts = set(
        Edition.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            state__in=Edition.OPEN,
        ).values_list("revision_id", flat=True)
    )
    versions = Version.objects.get_for_object(obj).select_related("revision")
    for version in versions.order_by("revision__date_created", "pk"):
        in_draft = version.revision_id in open_drafts
        for held in history.item_versions(version):
            model = held._model
            if model is None:
                continue
            fields = _fields_of(held)
            for field in _file_fields(model):
                name = fields.get(field.name)
                # Renditions leave with the image they were made from.
                if name and field.editable:
                    if in_draft:
                        drafted.add(name)
                    entry = found.setdefault(name, (model, field, []))
                    if held.pk not in entry[2]:
                        entry[2].append(held.pk)
    return [
        (name, model, field, ids)
        for name, (model, field, ids) in found.items()
        if not _in_use(model, field, name) and name not in drafted
    ]


@transaction.atomic
def purge_file(obj, name, *, user, reason):
    """Remove the replaced file ``name`` of ``obj``'s history from storage
    and from every version that names it; returns the FilePurge record."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Napište, proč soubor trvale odstraňujete."))
    match = next((entry for entry in replaced_files(obj) if entry[0] == name), None)
    if match is None:
        raise ValidationError(
            _(
                "Soubor „%(name)s“ v historii této položky není, nebo ho "
                "položka stále používá; nejdřív ho nahraďte jiným."
            )
            % {"name": name.rsplit("/", 1)[-1]}
        )
    model, field = match[1], match[2]
    content_type = ContentType.objects.get_for_model(model)
    # An image's renditions (fields nobody edits, made from it) go with it.
    names = {name: field}
    for version in _naming(content_type, name):
        for row in json.loads(version.serialized_data):
            fields = row.get("fields", {})
            if fields.get(field.name) != name:
                continue
            for other in _file_fields(model):
                value = fields.get(other.name)
                if not other.editable and value and not _in_use(model, other, value):
                    names[value] = other
    purged_ids = set()
    for purged, purged_field in names.items():
        purged_ids |= _blank(content_type, model, purged_field, purged)
    record = FilePurge.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        title=str(obj)[:255],
        file_name=name,
        reason=reason,
        purged_by=user,
        version_ids=sorted(purged_ids),
    )
    # Last: if the storage fails, the versions are rolled back with it.
    for purged, purged_field in names.items():
        purged_field.storage.delete(purged)
    return record


def _naming(content_type, name):
    """Every version in the store that names the file, whatever item's."""
    return Version.objects.filter(
        content_type=content_type,
        serialized_data__contains=json.dumps(name, ensure_ascii=False),
    )


def _blank(content_type, model, field, name):
    """Take ``name`` out of every version of ``model`` that holds it in
    ``field``; the ids of the versions changed."""
    changed_ids = set()
    for version in _naming(content_type, name):
        data = json.loads(version.serialized_data)
        changed = False
        for row in data:
            fields = row.get("fields", {})
            if fields.get(field.name) == name:
                fields[field.name] = ""
                forget = getattr(model, "forget_purged_file", None)
                if forget is not None:
                    forget(fields)
                changed = True
        if changed:
            version.serialized_data = json.dumps(data, ensure_ascii=False)
            version.save(update_fields=["serialized_data"])
            changed_ids.add(version.pk)
    return changed_ids


def purges_of(version):
    """The FilePurge records of files the restore of ``version`` would have
    brought back."""
    ids = {held.pk for held in history.item_versions(version)}
    item_type = version.content_type_id
    return [
        record
        for record in FilePurge.objects.filter(
            content_type_id=item_type, object_id=version.object_id
        ).select_related("purged_by")
        if ids & set(record.version_ids)
    ]
