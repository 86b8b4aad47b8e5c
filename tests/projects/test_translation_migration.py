"""Migration projects/0005: a project's English title and summary become
its English translation (issue #21)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0004_contact_message_answered")]
AFTER = [("projects", "0005_translations")]


@pytest.fixture
def migrated_back():
    """The schema of BEFORE for the test, the latest one again afterwards
    (whatever the test's outcome: later tests need it)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_back")
def test_the_english_summary_becomes_the_english_description():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("projects", "Project").objects.create(
        title="Platforma pro zlepšení integrace Romů",
        slug="platforma",
        title_en="Platform for Roma integration",
        summary_en="The project aims high.\n\nIt <b>houses</b> people.",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    project = new.get_model("projects", "Project").objects.get()
    assert project.title_en == "Platform for Roma integration"
    assert project.description_en == (
        "<p>The project aims high.</p>\n\n<p>It &lt;b&gt;houses&lt;/b&gt; people.</p>"
    )
    assert set(project.translation_state) == {"en"}
    # Back and forth: the summary comes back as plain text.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps
    assert back.get_model("projects", "Project").objects.get().summary_en == (
        "The project aims high.\n\nIt <b>houses</b> people."
    )
