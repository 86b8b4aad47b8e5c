# Approval and ReviewReminder now belong to editorial (its 0002 took them
# over in its state on the same tables): only portal's state forgets them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('editorial', '0002_approval_reviewreminder'),
        ('portal', '0019_search_term'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Approval'),
                migrations.DeleteModel(name='ReviewReminder'),
            ],
            database_operations=[],
        ),
    ]
