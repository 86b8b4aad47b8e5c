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
        manage(env, "migrate", "--noinput")
        manage(env, "migrate", "--check")
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
