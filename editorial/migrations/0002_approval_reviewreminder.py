# Approval and ReviewReminder move from portal to editorial without touching
# the database: this creates them in editorial's state on portal's tables,
# portal 0020 drops them from portal's state, and 0003 renames the tables
# and relabels their content types.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('editorial', '0001_initial'),
        ('portal', '0018_topic_keywords'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Approval',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.CharField(max_length=64, verbose_name='položka')),
                        ('title', models.CharField(max_length=255, verbose_name='název')),
                        ('state', models.CharField(choices=[('pending', 'čeká na schválení'), ('approved', 'schváleno'), ('returned', 'vráceno autorovi')], default='pending', max_length=10, verbose_name='stav')),
                        ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='odesláno')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='rozhodnuto')),
                        ('comment', models.TextField(blank=True, verbose_name='komentář')),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='autor')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='druh obsahu')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='rozhodl(a)')),
                        ('edition', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='editorial.edition', verbose_name='změna')),
                    ],
                    options={
                        'verbose_name': 'schválení ke zveřejnění',
                        'verbose_name_plural': 'schvalování ke zveřejnění',
                        'ordering': ['-submitted_at'],
                        'permissions': [('publish_approval', 'Smí zveřejňovat bez schválení'), ('approve_approval', 'Smí schvalovat obsah ke zveřejnění')],
                        'indexes': [models.Index(fields=['state', 'submitted_at'], name='portal_appr_state_b9b75a_idx')],
                        'db_table': 'portal_approval',
                    },
                ),
                migrations.CreateModel(
                    name='ReviewReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('week', models.DateField(verbose_name='týden (pondělí)')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='odesláno')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='položek')),
                    ],
                    options={
                        'verbose_name': 'připomínka kontroly',
                        'verbose_name_plural': 'připomínky kontroly',
                        'constraints': [models.UniqueConstraint(fields=('email', 'week'), name='portal_review_reminder_once_a_week')],
                        'db_table': 'portal_reviewreminder',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
