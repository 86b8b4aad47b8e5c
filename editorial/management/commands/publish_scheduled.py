from django.core.management.base import BaseCommand

from editorial import services


class Command(BaseCommand):
    help = "Zveřejní naplánované změny, jejichž čas nastal (spouští časovač)."

    def handle(self, *args, **options):
        count = services.publish_due()
        self.stdout.write(f"Zveřejněno naplánovaných změn: {count}")
