import django.contrib.postgres.indexes
from django.db import migrations, models

from portal.dbops import AddIndexOnPostgres, RemoveIndexOnPostgres


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0020_approval_reviewreminder_to_editorial"),
    ]

    operations = [
        RemoveIndexOnPostgres(
            model_name="searchentry",
            name="search_entry_vector_gin",
        ),
        *(
            AddIndexOnPostgres(
                model_name="searchentry",
                index=django.contrib.postgres.indexes.GinIndex(
                    condition=models.Q(("language", language)),
                    fields=["vector"],
                    name=f"search_entry_vector_{language}",
                ),
            )
            for language in ("cs", "en", "uk")
        ),
    ]
