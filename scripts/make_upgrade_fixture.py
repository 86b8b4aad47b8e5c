"""Made tests/upgrade/: a site as an older release left it, for the upgrade
test (tests/upgrade/test_upgrade.py) to restore and migrate.

The committed files come from the schema of the day they were made (see
tests/upgrade/README.md) and must NOT be remade when the schema changes:
the test exists so that later migrations meet yesterday's data. Remake them
only to add a newer starting point beside this one, in a folder of its own.

    .venv/bin/python scripts/make_upgrade_fixture.py [target folder]

Needs PostgreSQL on 127.0.0.1:5432 (PORTAL_TEST_POSTGRES) and pg_dump. The
site is the demo content plus what years of editing leave behind: a news
item edited twice (with history), one scheduled for the future, a document
whose file was replaced (the old file stays for history), and English and
Ukrainian translations. It writes

- portal.dump: `pg_dump -Fc --no-owner --no-privileges` of the database;
- files.tar.gz: the private (document files) and media folders;
- expected.json: what the site showed (scripts/site_snapshot.py) and the
  addresses of the edits, which the test compares after `migrate`.
"""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import PY, ROOT, manage, site  # noqa: E402

SCHEDULED_TITLE = "Krajská konference o integraci cizinců 2099"
EDITED_LEAD = "Perex upravený redakcí po zveřejnění (druhá verze)."


def edit():
    """Run inside Django (a second process with the site's environment)."""
    from datetime import UTC, datetime

    import django

    django.setup()
    import reversion
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.translation import override

    from documents.models import DocumentFile
    from documents.pdf import build_pdf
    from news.models import NewsItem
    from portal.models import Status

    facts = {}
    news = list(NewsItem.objects.published().order_by("-publish_at")[:2])

    edited = news[0]
    with reversion.create_revision():
        reversion.set_comment("Oprava perexu")
        edited.lead = EDITED_LEAD
        edited.save()
    facts["edited_news"] = edited.get_absolute_url()
    facts["edited_lead"] = EDITED_LEAD

    translated = news[1]
    with reversion.create_revision():
        reversion.set_comment("Překlad do angličtiny a ukrajinštiny")
        translated.title_en = "Summer activities: Czech lessons for foreigners"
        translated.lead_en = "Children and parents learn Czech during the summer."
        translated.body_en = "<p>Where and when the lessons take place.</p>"
        translated.title_uk = "Літні заходи: уроки чеської для іноземців"
        translated.lead_uk = "Діти та батьки вивчають чеську мову влітку."
        translated.body_uk = "<p>Де і коли проходять уроки.</p>"
        translated.save()
    facts["translated_news"] = translated.get_absolute_url()
    with override("en"):
        facts["translated_news_en"] = translated.get_absolute_url()
    facts["translated_title_en"] = translated.title_en

    with reversion.create_revision():
        reversion.set_comment("Naplánováno")
        scheduled = NewsItem.objects.create(
            title=SCHEDULED_TITLE,
            lead="Zveřejní se až v roce 2099.",
            body="<p>Program konference.</p>",
            status=Status.PUBLISHED,
            publish_at=datetime(2099, 1, 5, 9, 0, tzinfo=UTC),
        )
    facts["scheduled_news"] = scheduled.get_absolute_url()
    facts["scheduled_pk"] = scheduled.pk

    replaced = (
        DocumentFile.objects.exclude(file="")
        .filter(document__status=Status.PUBLISHED)
        .order_by("pk")
        .first()
    )
    old_name = replaced.file.name
    with reversion.create_revision():
        reversion.set_comment("Nová verze souboru")
        replaced.file = ContentFile(
            build_pdf("Nová verze", ["Aktualizováno " + str(timezone.now().date())]),
            name="nova-verze.pdf",
        )
        replaced.save()
    facts["replaced_download"] = replaced.get_absolute_url()
    facts["replaced_old_file"] = old_name
    facts["replaced_new_file"] = replaced.file.name
    facts["made_at"] = timezone.now().isoformat()
    print(json.dumps(facts))


def main():
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "tests" / "upgrade")
    target.mkdir(parents=True, exist_ok=True)
    with site("osv_upgrade_fixture") as env:
        env = {**env, "LOG_LEVEL": "WARNING"}
        facts = json.loads(
            subprocess.run(
                [PY, __file__, "--edit"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        manage(env, "clearsessions")
        subprocess.run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(target / "portal.dump"),
                env["DATABASE_URL"],
            ],
            check=True,
        )
        with tarfile.open(target / "files.tar.gz", "w:gz") as archive:
            for folder in ("private", "media"):
                root = Path(env[f"DJANGO_{folder.upper()}_ROOT"])
                if root.exists():
                    archive.add(root, arcname=folder)
        snapshot = json.loads(
            subprocess.run(
                [PY, str(ROOT / "scripts" / "site_snapshot.py")],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        migrations = subprocess.run(
            [PY, "manage.py", "showmigrations", "--plan"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    expected = {
        "schema_commit": commit,
        "migrations": [line[5:] for line in migrations.splitlines()],
        "facts": facts,
        **snapshot,
    }
    (target / "expected.json").write_text(
        json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    )
    for name in ("portal.dump", "files.tar.gz", "expected.json"):
        print(f"{target / name}: {(target / name).stat().st_size} B")


if __name__ == "__main__":
    if sys.argv[1:] == ["--edit"]:
        os.chdir(ROOT)
        sys.path.insert(0, str(ROOT))
        edit()
    else:
        main()
