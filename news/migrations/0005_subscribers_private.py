from django.db import migrations


def forget_and_hide_addresses(apps, schema_editor):
    """Unsubscribing now deletes the address; do the same for those who
    unsubscribed before. setup_groups used to let Redaktor read the
    addresses; now only Správce (every permission) does. Groups the web
    admin made by hand are left as they are."""
    Subscriber = apps.get_model("news", "Subscriber")
    Subscriber.objects.filter(unsubscribed_at__isnull=False).delete()
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    hidden = Permission.objects.filter(
        content_type__app_label="news",
        content_type__model__in=["subscriber", "delivery"],
    )
    for group in Group.objects.filter(name="Redaktor"):
        group.permissions.remove(*hidden)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("news", "0004_translations"),
    ]

    operations = [
        migrations.RunPython(forget_and_hide_addresses, migrations.RunPython.noop),
    ]
