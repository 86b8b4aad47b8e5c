"""Migration operations that only mean something on PostgreSQL."""

from django.db import migrations


class OnPostgres:
    """A schema operation that only PostgreSQL carries out: the model state
    changes everywhere, the database only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgres(OnPostgres, migrations.AddIndex):
    """A PostgreSQL index (GIN, full text) that SQLite cannot build."""


class RemoveIndexOnPostgres(OnPostgres, migrations.RemoveIndex):
    pass
