"""deploy/backup.sh and deploy/restore.sh, run as the IT department runs
them: a backup of a site with history and uploaded files restores into a
new database and new folders as the same site."""

import shutil
import subprocess
from pathlib import Path

from tests.sites import (
    ROOT,
    database,
    environment,
    manage,
    postgresql_only,
    run,
    snapshot,
)

BACKUP = ROOT / "deploy" / "backup.sh"
RESTORE = ROOT / "deploy" / "restore.sh"

# An editor's change with history, and a document uploaded in the back
# office, on top of the demo content.
EDITS = """
import reversion
from django.core.files.base import ContentFile
from documents.models import Document, DocumentFile
from documents.pdf import build_pdf
from news.models import NewsItem

item = NewsItem.objects.published().first()
with reversion.create_revision():
    reversion.set_comment("Oprava perexu před zálohou")
    item.lead = "Perex opravený před zálohou."
    item.save()
document = Document.objects.published().first()
with reversion.create_revision():
    upload = DocumentFile(document=document, language="en")
    upload.file = ContentFile(build_pdf("Backup", ["Restored?"]), name="backup.pdf")
    upload.save()
"""


def test_a_backup_restores_into_a_new_database_as_the_same_site(tmp_path):
    """Every public page answers the same, every download has the same
    bytes, the history is whole; a damaged backup or a database that is
    not empty is refused."""
    postgresql_only()
    backups = tmp_path / "backups"
    with database("osv_backup") as url:
        env = environment(url, tmp_path / "site")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "shell", "-c", EDITS)
        backup = Path(run(env, BACKUP, backups).strip())
        # After the backup, so that both sites start from the same counts.
        before = snapshot(env)

    assert sorted(path.name for path in backup.iterdir()) == [
        "MANIFEST.sha256",
        "database.dump",
        "media.tar",
        "private.tar",
    ]
    with database("osv_restored") as url:
        env = environment(url, tmp_path / "restored")
        run(env, RESTORE, backup)
        manage(env, "migrate", "--check")
        after = snapshot(env)

        # Restoring over a site would mix two sites: refused, nothing done.
        again = subprocess.run(
            [RESTORE, backup], env=env, capture_output=True, text=True
        )
        assert again.returncode != 0
        assert "restore into an empty one" in again.stderr

        # A damaged backup is refused before anything is touched.
        damaged = tmp_path / "damaged"
        shutil.copytree(backup, damaged)
        with open(damaged / "private.tar", "ab") as archive:
            archive.write(b"\0")
        env = environment(url, tmp_path / "elsewhere")
        result = subprocess.run(
            [RESTORE, damaged], env=env, capture_output=True, text=True
        )
        assert result.returncode != 0
        assert "does not match its manifest" in result.stderr
        assert not (tmp_path / "elsewhere" / "private").exists()

    assert after["pages"] == before["pages"]
    assert all(status == 200 for status, _digest in after["pages"].values())
    assert after["downloads"] == before["downloads"]
    # The demo's files and the one uploaded before the backup.
    assert len(after["downloads"]) > 10
    assert all(status == 200 for status, _digest in after["downloads"].values())
    assert after["items"] == before["items"]
    assert after["versions"] == before["versions"]
    comments = {version[2] for version in after["versions"].values()}
    assert "Oprava perexu před zálohou" in comments
