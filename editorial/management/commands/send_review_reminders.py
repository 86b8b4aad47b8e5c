from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Pošle odpovědným osobám jednou týdně přehled obsahu, jehož datum "
        "kontroly prošlo nebo nastane do týdne. Bezpečné pro cron i opakované "
        "spuštění."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=settings.PORTAL_BASE_URL,
            help="Adresa webu pro odkazy do správy (výchozí PORTAL_BASE_URL).",
        )

    def handle(self, *args, **options):
        sent = send_reminders(options["url"].rstrip("/"))
        self.stdout.write(f"Odesláno připomínek: {sent}.")
