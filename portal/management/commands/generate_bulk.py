import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

import pagecache
from portal.bulk import Bulk
from portal.models import SearchEntry

SIZES = {
    "documents": 50_000,
    "news": 20_000,
    "programmes": 500,
    "awards": 20_000,
    "projects": 500,
    "organisations": 2_000,
    "notices": 2_000,
}

# Detail pages for the benchmark, printed at the end.
PAGES = (
    ("Program se 100 dotacemi", "programme"),
    ("Dokument", "document"),
    ("Aktualita", "news"),
    ("Projekt", "project"),
)


class Command(BaseCommand):
    help = (
        "Vytvoří velké množství vymyšleného obsahu pro měření výkonu "
        "(make bench). Vše je označeno jako ukázková data."
    )

    def add_arguments(self, parser):
        for name, default in SIZES.items():
            parser.add_argument(
                f"--{name}",
                type=int,
                default=default,
                help=f"Kolik vytvořit (výchozí {default}).",
            )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Semínko generátoru: stejné semínko dá stejná data.",
        )

    def handle(self, *args, **options):
        sizes = {name: options[name] for name in SIZES}
        if any(size < 0 for size in sizes.values()):
            raise CommandError("Počty nesmějí být záporné.")
        if sizes["organisations"] < 4 and (sizes["awards"] or sizes["projects"]):
            raise CommandError("Dotace a projekty potřebují aspoň 4 organizace.")
        if SearchEntry.objects.filter(url__endswith="-h0/").exists():
            raise CommandError(
                "Hromadná data už v databázi jsou; pro nové měření použijte "
                "čistou databázi."
            )
        started = time.monotonic()
        indexed = SearchEntry.objects.count()
        bulk = Bulk(sizes, seed=options["seed"])
        # Each app keeps its part in <app>/bulk.py, run in INSTALLED_APPS
        # (dependency) order, as load_demo does with demo.py.
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.bulk"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).generate(bulk)
            # Bulk inserts send no signals: one bump for all of it.
            pagecache.bump()
        # Fresh statistics, or the planner takes the new tables for empty
        # until autovacuum comes by (and picks nested loops over 50 000 rows);
        # on PostgreSQL also the visibility map that lets counts read only
        # the indexes, as on a database autovacuum looks after.
        # VACUUM cannot run inside a transaction (as under a test).
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
        for name, count in bulk.summary:
            self.stdout.write(f"{name}: {count}")
        indexed = SearchEntry.objects.count() - indexed
        self.stdout.write(f"záznamy vyhledávání: {indexed}")
        for label, key in PAGES:
            if item := bulk.pages.get(key):
                self.stdout.write(f"{label}: {item.get_absolute_url()}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Hromadná data vytvořena za {time.monotonic() - started:.0f} s."
            )
        )
