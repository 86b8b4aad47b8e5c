from django.core.management.base import BaseCommand

from editorial.roles import setup_groups


class Command(BaseCommand):
    help = "Vytvoří nebo aktualizuje skupiny redaktorů: Redaktor, Dotace, Projekty, Správce."

    def handle(self, *args, **options):
        for name, count in setup_groups().items():
            self.stdout.write(f"{name}: {count} oprávnění")
