"""A revision per item: load_demo used to record the initial versions of
all demo content in one revision, and restoring one item wrote the whole
revision back. Each item (with its rows) now gets a revision of its own,
with the same date, author and comment."""

from django.db import migrations
from django.db.models import Count


def split_revisions(apps, schema_editor):
    # The live models: which rows belong to which item is reversion's
    # registration (the admin's inlines), which historical models lack.
    from reversion.errors import RevertError
    from reversion.models import Revision, Version

    from editorial.history import item_versions

    shared = Revision.objects.annotate(count=Count("version")).filter(count__gt=1)
    for revision in shared.iterator():
        versions = list(revision.version_set.all())
        try:
            items = {v.pk: item_versions(v, versions) for v in versions}
        except RevertError:
            continue  # a version this schema cannot read stays where it is
        rows = {row.pk for held in items.values() for row in held[1:]}
        for root in [v for v in versions if v.pk not in rows][1:]:
            own = Revision.objects.create(
                date_created=revision.date_created,
                user_id=revision.user_id,
                comment=revision.comment,
            )
            Version.objects.filter(pk__in=[v.pk for v in items[root.pk]]).update(
                revision=own
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0014_unguessable_image_names"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(split_revisions, migrations.RunPython.noop)]
