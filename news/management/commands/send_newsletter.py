from django.core.management.base import BaseCommand

from news.models import Subscriber
from news.newsletter import send_digest


class Command(BaseCommand):
    help = (
        "Pošle každému potvrzenému odběrateli jeden přehled aktualit zveřejněných "
        "od posledního přehledu. Bezpečné pro cron i opakované spuštění."
    )

    def handle(self, *args, **options):
        subscribers = sent = 0
        active = Subscriber.objects.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True
        ).values_list("pk", flat=True)
        for subscriber_id in active.iterator():
            count = send_digest(subscriber_id)
            if count:
                subscribers += 1
                sent += count
        self.stdout.write(f"Odesláno přehledů: {subscribers}, aktualit celkem: {sent}.")
