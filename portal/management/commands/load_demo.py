from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Naplní databázi ukázkovým obsahem z předloh (shared/seeds). "
        "Opakované spuštění nic nezmění."
    )

    def handle(self, *args, **options):
        # Each app keeps its part of the seeds in <app>/demo.py with a load()
        # function; apps load in INSTALLED_APPS order, which is their
        # dependency order.
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                summary = import_module(module_name).load()
                self.stdout.write(f"{config.verbose_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("Ukázkový obsah je nahraný."))
