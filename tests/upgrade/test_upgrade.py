"""An installation made by an older release, upgraded the way the README
says: restore its database and files, `migrate`, and nothing is lost.

tests/upgrade/ holds that installation (scripts/make_upgrade_fixture.py made
it; see README.md there). It is never remade for a new schema: every later
migration has to carry this data forward.
"""

import json
import tarfile
from collections import Counter
from pathlib import Path

from tests.sites import database, environment, manage, postgresql_only, run, snapshot

FIXTURE = Path(__file__).resolve().parent
EXPECTED = json.loads((FIXTURE / "expected.json").read_text())
FACTS = EXPECTED["facts"]
CONTENT_TYPES = {
    "portal.Page",
    "documents.Document",
    "news.NewsItem",
    "grants.Programme",
    "projects.Project",
    "noticeboard.Notice",
}

# What the older release kept in the tables that later moved from portal to
# editorial, written in its schema (the dump has none of it): an approver
# with the permissions through her group and her own, a pending approval
# with the admin's log entry of it, a review reminder.
WORK = """
INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,
    email, is_staff, is_active, date_joined)
VALUES ('!', false, 'schvalovatelka', 'Jana', 'Nováková', 'jana@example.cz',
    true, true, now()),
    ('!', false, 'redaktor', 'Petr', 'Svoboda', 'petr@example.cz',
    true, true, now());
INSERT INTO auth_group (name) VALUES ('Správce'), ('Redaktor');
INSERT INTO auth_group_permissions (group_id, permission_id)
SELECT g.id, p.id FROM auth_group g, auth_permission p
JOIN django_content_type c ON c.id = p.content_type_id
WHERE c.app_label = 'portal' AND c.model = 'approval'
    AND (g.name = 'Správce' OR p.codename = 'view_approval');
INSERT INTO auth_user_groups (user_id, group_id)
SELECT u.id, g.id FROM auth_user u, auth_group g
WHERE (u.username, g.name) IN (('schvalovatelka', 'Správce'),
    ('redaktor', 'Redaktor'));
INSERT INTO auth_user_user_permissions (user_id, permission_id)
SELECT u.id, p.id FROM auth_user u, auth_permission p
JOIN django_content_type c ON c.id = p.content_type_id
WHERE u.username = 'redaktor' AND c.app_label = 'portal'
    AND c.model = 'reviewreminder' AND p.codename = 'view_reviewreminder';
INSERT INTO portal_approval (object_id, title, state, submitted_at, comment,
    author_id, content_type_id)
SELECT n.id::text, n.title, 'pending', now(), '', u.id, c.id
FROM news_newsitem n, auth_user u, django_content_type c
WHERE n.id = 8 AND u.username = 'redaktor'
    AND c.app_label = 'news' AND c.model = 'newsitem';
INSERT INTO django_admin_log (action_time, object_id, object_repr, action_flag,
    change_message, content_type_id, user_id)
SELECT now(), a.id::text, a.title, 2, 'Vráceno k úpravě', c.id, u.id
FROM portal_approval a, django_content_type c, auth_user u
WHERE c.app_label = 'portal' AND c.model = 'approval'
    AND u.username = 'schvalovatelka';
INSERT INTO portal_reviewreminder (email, week, sent_at, count)
VALUES ('jana@example.cz', '2026-11-30', now(), 3);
"""

# The same, read through today's models after the upgrade.
READ_WORK = """
import json
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.db import connection
from editorial import approval
from editorial.models import Approval, ReviewReminder

approver = User.objects.get(username="schvalovatelka")
editor = User.objects.get(username="redaktor")
request = Approval.objects.get()
log = LogEntry.objects.get()
print(json.dumps({
    "approval": [request.state, request.author.username, request.item.pk,
                 request.item._meta.label, request.title == request.item.title],
    "pending_for_item": approval.pending_for(request.item) == request,
    "log_names_approval": log.get_edited_object() == request,
    "reminders": list(ReviewReminder.objects.values_list("email", "count")),
    "groups": {
        group.name: sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.all()
        )
        for group in Group.objects.all()
    },
    "approver_may": [approver.has_perm(approval.APPROVE),
                     approver.has_perm(approval.PUBLISH)],
    "editor_may": [editor.has_perm(approval.APPROVE),
                   editor.has_perm(approval.PUBLISH),
                   editor.has_perm("editorial.view_reviewreminder")],
    "old_tables": sorted(
        name for name in connection.introspection.table_names()
        if name in ("portal_approval", "portal_reviewreminder")
    ),
}))
"""


def test_an_older_installation_upgrades_without_losing_anything(tmp_path):
    postgresql_only()
    with database("osv_upgrade") as url:
        env = environment(url, tmp_path)
        run(
            env,
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "-d",
            url,
            FIXTURE / "portal.dump",
        )
        with tarfile.open(FIXTURE / "files.tar.gz") as archive:
            archive.extractall(tmp_path, filter="data")
        run(env, "psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-c", WORK)
        manage(env, "migrate", "--noinput")
        manage(env, "migrate", "--check")
        work = json.loads(manage(env, "shell", "-c", READ_WORK).splitlines()[-1])
        now = snapshot(
            env,
            FACTS["edited_news"],
            FACTS["translated_news_en"],
            FACTS["scheduled_news"],
        )

    # Every public address still answers.
    broken = {
        path: now["pages"].get(path, ["not in the sitemap"])[0]
        for path in EXPECTED["pages"]
        if now["pages"].get(path, [None])[0] != 200
    }
    assert not broken
    # Every file: the same bytes through the download view.
    assert {
        url: now["downloads"].get(url) for url in EXPECTED["downloads"]
    } == EXPECTED["downloads"]
    # Every item of every content type with history.
    for label, items in EXPECTED["items"].items():
        assert set(items) <= set(now["items"][label]), label
    # Every version still loads into today's models (site_snapshot reads
    # each one's field_dict) and still belongs to its object and revision.
    for pk, (label, object_id, comment, _fields) in EXPECTED["versions"].items():
        assert now["versions"][pk][:3] == [label, object_id, comment]
    # The older release recorded all demo content in one revision, so a
    # restore of one item wrote back every other; each item now has its own.
    items_per_revision = Counter(
        revision
        for label, _id, _comment, _fields, revision in now["versions"].values()
        if label in CONTENT_TYPES
    )
    assert max(items_per_revision.values()) == 1

    status, page = now["shown"][FACTS["edited_news"]]
    assert status == 200 and FACTS["edited_lead"] in page
    status, page = now["shown"][FACTS["translated_news_en"]]
    assert status == 200 and FACTS["translated_title_en"] in page
    # The scheduled item is kept, and still waits for its day.
    status, _page = now["shown"][FACTS["scheduled_news"]]
    assert status == 404
    assert str(FACTS["scheduled_pk"]) in now["items"]["news.NewsItem"]
    # The replaced file's older version stays for history's restore.
    assert (tmp_path / "private" / FACTS["replaced_old_file"]).is_file()

    # Approvals, reminders and the permissions to approve moved from portal
    # to editorial with what pointed at them.
    assert work["approval"] == [
        "pending",
        "redaktor",
        FACTS["scheduled_pk"],
        "news.NewsItem",
        True,
    ]
    assert work["pending_for_item"] and work["log_names_approval"]
    assert work["reminders"] == [["jana@example.cz", 3]]
    assert work["groups"] == {
        "Správce": [
            "editorial.add_approval",
            "editorial.approve_approval",
            "editorial.change_approval",
            "editorial.delete_approval",
            "editorial.publish_approval",
            "editorial.view_approval",
        ],
        "Redaktor": ["editorial.view_approval"],
    }
    assert work["approver_may"] == [True, True]
    assert work["editor_may"] == [False, False, True]
    assert work["old_tables"] == []
