import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from portal.dbops import AddIndexOnPostgres, RemoveIndexOnPostgres


def fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    apps.get_model("portal", "SearchEntry").objects.update(
        vector=SearchVector("text", config="simple")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0003_content_version"),
    ]

    operations = [
        RemoveIndexOnPostgres(
            model_name="searchentry",
            name="search_entry_text_gin",
        ),
        migrations.AddField(
            model_name="searchentry",
            name="vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
        AddIndexOnPostgres(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["vector"], name="search_entry_vector_gin"
            ),
        ),
    ]
