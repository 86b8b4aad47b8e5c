"""App code knows three names of the page cache and one template tag."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import engines

import pagecache

ROOT = Path(settings.BASE_DIR)
PUBLIC = {"watch_app", "register_hole", "bump"}


def app_modules():
    """Every Python module of the project's apps but the cache itself."""
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(ROOT) or config.name == "pagecache":
            continue
        for module in path.rglob("*.py"):
            if "migrations" not in module.parts:
                yield module


def uses_of_the_cache(tree):
    """What a module takes from the cache: ``(kind, name)`` pairs."""
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "pagecache":
                    aliases.add(alias.asname or "pagecache")
                elif alias.name.startswith("pagecache."):
                    yield "import", alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "pagecache":
                for alias in node.names:
                    yield "from", alias.name
            elif node.module.startswith("pagecache."):
                yield "import", node.module
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            yield "attribute", node.attr


def test_app_modules_use_only_the_three_public_names():
    found = {}
    for module in app_modules():
        for kind, name in uses_of_the_cache(ast.parse(module.read_text())):
            if kind == "import" or name not in PUBLIC:
                found.setdefault(str(module.relative_to(ROOT)), []).append(name)
    assert not found
    offered = {
        name
        for name, value in vars(pagecache).items()
        if getattr(value, "__module__", None) == "pagecache" and name[0] != "_"
    }
    assert offered == PUBLIC


def test_the_check_finds_a_module_reaching_inside():
    """The walk above sees each way of reaching past the public names."""
    source = (
        "import pagecache\nfrom pagecache.state import read_state\n"
        "from pagecache import holes, bump\npagecache.middleware\npagecache.bump()\n"
    )
    assert set(uses_of_the_cache(ast.parse(source))) == {
        ("import", "pagecache.state"),
        ("from", "holes"),
        ("from", "bump"),
        ("attribute", "middleware"),
        ("attribute", "bump"),
    }


LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")


def test_templates_load_the_cache_only_for_its_hole():
    """The tag library that templates load has nothing but {% hole %}, and
    no template loads anything else of the cache."""
    library = engines["django"].engine.template_libraries["pagecache"]
    assert set(library.tags) == {"hole"} and not library.filters
    modules = {
        name: module
        for name, module in engines["django"].engine.libraries.items()
        if module.startswith("pagecache.")
    }
    assert modules == {"pagecache": "pagecache.templatetags.pagecache"}
    for template in (ROOT / "templates").rglob("*.html"):
        for load in LOAD.findall(template.read_text()):
            words = load.split()
            if "from" in words:  # {% load hole from pagecache %}
                assert words[-1] != "pagecache" or words[:-2] == ["hole"], template
