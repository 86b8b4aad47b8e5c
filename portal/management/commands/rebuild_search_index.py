from django.core.management.base import BaseCommand

from portal import search


class Command(BaseCommand):
    help = "Znovu sestaví index vyhledávání ze všech zveřejněných položek."

    def handle(self, *args, **options):
        self.stdout.write(f"V indexu je {search.rebuild()} položek.")
