"""deploy/systemd/: the units an IT department installs, rendered as
deploy/render.sh renders them and checked by systemd itself."""

import getpass
import os
import re
import shutil
import subprocess

import pytest

from tests.services import missing
from tests.sites import ROOT

UNITS = sorted((ROOT / "deploy" / "systemd").iterdir())
JOBS = {
    "portal-newsletter": ("manage.py send_newsletter", "*-*-* 07:00:00"),
    "portal-review-reminders": ("manage.py send_review_reminders", "Mon *-*-*"),
    "portal-retention": ("manage.py apply_retention", "*-*-* 03:30:00"),
    "portal-clearsessions": ("manage.py clearsessions", "*-*-* 03:00:00"),
    "portal-backup": ("deploy/backup.sh", "*-*-* 02:00:00"),
    "portal-publish-scheduled": ("manage.py publish_scheduled", "*-*-* *:*:00"),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The units with this checkout's paths, which exist here, so systemd
    can check that every ExecStart names an executable."""
    folder = tmp_path_factory.mktemp("units")
    env_file = folder / "portal.env"
    env_file.write_text("DJANGO_SECRET_KEY=test\n")
    env = {
        **os.environ,
        "PORTAL_ROOT": str(ROOT),
        "PORTAL_USER": getpass.getuser(),
        "PORTAL_ENV_FILE": str(env_file),
    }
    for unit in UNITS:
        result = subprocess.run(
            [ROOT / "deploy" / "render.sh", unit],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        (folder / unit.name).write_text(result.stdout)
    return folder


def test_every_job_has_a_service_and_a_timer_with_its_schedule(rendered):
    names = {unit.name for unit in UNITS}
    assert "portal.service" in names
    for job, (command, calendar) in JOBS.items():
        service = (rendered / f"{job}.service").read_text()
        timer = (rendered / f"{job}.timer").read_text()
        assert f"ExecStart={ROOT}/" in service and command in service
        assert f"EnvironmentFile={rendered / 'portal.env'}" in service
        assert re.search(rf"^OnCalendar={re.escape(calendar)}", timer, re.M)
    assert names == {"portal.service"} | {
        f"{job}.{kind}" for job in JOBS for kind in ("service", "timer")
    }


def test_systemd_accepts_every_unit(rendered):
    """`systemd-analyze verify` loads each unit as systemd would: unknown
    keys, bad calendars and missing executables are reported."""
    binary = shutil.which("systemd-analyze")
    if not binary:
        missing("systemd-analyze chybí; nainstalujte ho: apt-get install -y systemd")
    units = sorted(str(path) for path in rendered.iterdir() if path.suffix != ".env")
    result = subprocess.run(
        [binary, "verify", *units], capture_output=True, text=True, cwd=rendered
    )
    output = result.stdout + result.stderr
    # Lines about the host (no running systemd in a container) name none of
    # our units; every finding about ours names its file.
    ours = [line for line in output.splitlines() if "portal" in line]
    assert (result.returncode, ours) == (0, []), output


def test_systemd_reports_a_unit_whose_program_is_missing(rendered, tmp_path):
    """The check above can fail: a unit naming a program that is not there."""
    binary = shutil.which("systemd-analyze")
    if not binary:
        missing("systemd-analyze chybí; nainstalujte ho: apt-get install -y systemd")
    unit = tmp_path / "portal-broken.service"
    unit.write_text(
        (rendered / "portal-newsletter.service")
        .read_text()
        .replace("/.venv/bin/python ", "/.venv/bin/no-such-python ")
    )
    result = subprocess.run([binary, "verify", unit], capture_output=True, text=True)
    assert result.returncode != 0
    assert "no-such-python is not executable" in result.stderr
