# The tables, their index and constraint take editorial's names, and the
# content types move to editorial: permissions (and the groups granted
# them), admin log entries and approvals point at content type rows by id,
# so relabelling the rows keeps all of them.

from django.db import migrations, models

MOVED = ['approval', 'reviewreminder']


def relabel(apps, app_from, app_to):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for model in MOVED:
        old = ContentType.objects.filter(app_label=app_from, model=model).first()
        if old is None:
            continue  # a fresh database: post_migrate creates the new row
        # A row under the new label can exist only if post_migrate ran
        # between the two halves of this move; it has nothing of its own.
        ContentType.objects.filter(app_label=app_to, model=model).delete()
        old.app_label = app_to
        old.save(update_fields=['app_label'])
    # The running process may have cached the old labels (post_migrate
    # reads them).
    from django.contrib.contenttypes.models import ContentType as Current

    Current.objects.clear_cache()


def forwards(apps, schema_editor):
    relabel(apps, 'portal', 'editorial')


def backwards(apps, schema_editor):
    relabel(apps, 'editorial', 'portal')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('editorial', '0002_approval_reviewreminder'),
        ('portal', '0020_approval_reviewreminder_to_editorial'),
    ]

    operations = [
        migrations.AlterModelTable(name='approval', table=None),
        migrations.AlterModelTable(name='reviewreminder', table=None),
        migrations.RenameIndex(
            model_name='approval',
            new_name='editorial_a_state_355a64_idx',
            old_name='portal_appr_state_b9b75a_idx',
        ),
        migrations.RemoveConstraint(
            model_name='reviewreminder',
            name='portal_review_reminder_once_a_week',
        ),
        migrations.AddConstraint(
            model_name='reviewreminder',
            constraint=models.UniqueConstraint(fields=('email', 'week'), name='editorial_review_reminder_once_a_week'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
