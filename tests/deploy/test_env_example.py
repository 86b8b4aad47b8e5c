"""deploy/portal.env.example names every variable the README's
configuration table documents, so that an administrator filling it in
misses none, and it loads in a shell as the README says."""

import re
import subprocess

from tests.sites import ROOT

EXAMPLE = ROOT / "deploy" / "portal.env.example"


def documented_variables():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in table.splitlines():
        if row.startswith("|"):
            # Names have an underscore; values such as `INFO` do not.
            names |= set(re.findall(r"`([A-Z][A-Z0-9]*_[A-Z0-9_]+)(?=[`=])", row))
    return names


def test_every_variable_of_the_readme_is_in_the_environment_file():
    names = documented_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "EMAIL_HOST_PASSWORD"} <= names
    example = EXAMPLE.read_text()
    absent = sorted(
        name for name in names if not re.search(rf"^(# )?{name}=", example, re.M)
    )
    assert absent == []


def test_the_environment_file_loads_in_a_shell():
    """backup.sh, restore.sh and render.sh get it with `set -a; . file`."""
    result = subprocess.run(
        ["bash", "-c", f'set -eua; . "{EXAMPLE}"; echo "$DATABASE_URL"'],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "postgres://portal:CHANGE-ME@127.0.0.1:5432/portal\n"
