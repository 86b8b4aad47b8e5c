from django.core.management.base import BaseCommand

from portal.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Smaže osobní údaje, jejichž doba uchování uplynula (PORTAL_RETAIN_*), "
        "a vypíše, kolik čeho smazal. Spouští se denně; opakované spuštění "
        "nic dalšího nesmaže."
    )

    def handle(self, *args, **options):
        for label, count in apply_retention().items():
            self.stdout.write(f"{label}: {count}")
