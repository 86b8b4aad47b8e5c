"""Create the project's virtual environment with pip in it.

Debian and Ubuntu ship python3 without ensurepip unless python3-venv is
installed. Then the venv is created without pip and pip is bootstrapped from
its wheel on PyPI, so that `make run` needs nothing but python3 and make.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path


def bootstrap_pip(target):
    python = Path(target) / "bin" / "python"
    with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as reply:
        release = json.load(reply)
    wheel = next(item for item in release["urls"] if item["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        urllib.request.urlretrieve(wheel["url"], path)
        # A pip wheel can run itself: python pip.whl/pip install pip.whl
        subprocess.run(
            [str(python), f"{path}/pip", "install", "-q", str(path)], check=True
        )


def main(target):
    try:
        venv.create(target, with_pip=True)
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"ensurepip is missing ({error}); fetching pip from PyPI.")
        venv.create(target, with_pip=False, clear=True)
        bootstrap_pip(target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".venv")
