from django.core.management.base import BaseCommand
from django.utils import timezone

from editorial import services
from portal.sections import sections


class Command(BaseCommand):
    help = (
        "Zveřejní naplánované změny, jejichž čas nastal, a zapíše, co nastalo "
        "(sejmutí oznámení); spouští časovač."
    )

    def handle(self, *args, **options):
        count = services.publish_due()
        self.stdout.write(f"Zveřejněno naplánovaných změn: {count}")
        now = timezone.now()
        recorded = sum(section.run_due(now) for section in sections())
        self.stdout.write(f"Zapsáno událostí, které nastaly: {recorded}")
