"""Document files leave the public media folder for the private storage,
under unguessable names; the files and their history point at them."""

import json

from django.core.files.storage import default_storage
from django.db import migrations, transaction

import documents.storage
from documents.storage import document_storage, unguessable_name

PUBLIC_FOLDER = "documents"


def stored_names(storage, folder):
    """Every file under ``folder``; nothing if the folder does not exist."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for subfolder in folders:
        yield from stored_names(storage, f"{folder}/{subfolder}")


def move_to_private_storage(apps, schema_editor):
    """Copy every file of the public ``documents/`` folder to the private
    storage under a new name, point the files and their saved versions
    (which history may restore) at it, and delete the public copy once the
    transaction commits. Rows whose file is missing stay as they are."""
    DocumentFile = apps.get_model("documents", "DocumentFile")
    renamed = {}
    for name in stored_names(default_storage, PUBLIC_FOLDER):
        with default_storage.open(name, "rb") as handle:
            directory, _, filename = name.rpartition("/")
            renamed[name] = document_storage.save(
                unguessable_name(directory, filename), handle
            )
    for old, new in renamed.items():
        DocumentFile.objects.filter(file=old).update(file=new)
    rename_in_history(apps, renamed)

    def delete_public_copies():
        for name in renamed:
            default_storage.delete(name)

    # Only a committed move may remove the public copies.
    transaction.on_commit(delete_public_copies)


def rename_in_history(apps, renamed):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(
        app_label="documents", model="documentfile"
    ).first()
    if content_type is None or not renamed:
        return
    versions = Version.objects.filter(content_type=content_type, format="json")
    for version in versions.iterator():
        objects = json.loads(version.serialized_data)
        changed = False
        for item in objects:
            name = item["fields"].get("file")
            if name in renamed:
                item["fields"]["file"] = renamed[name]
                changed = True
        if changed:
            Version.objects.filter(pk=version.pk).update(
                serialized_data=json.dumps(objects, ensure_ascii=False)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0004_filter_indexes"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AlterField(
            model_name="documentfile",
            name="file",
            field=documents.storage.DocumentFileField(
                blank=True,
                storage=documents.storage.private_storage,
                upload_to=documents.storage.upload_to,
                verbose_name="soubor",
            ),
        ),
        # Backwards the files stay private: putting them back in public
        # would reopen the hole.
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]
