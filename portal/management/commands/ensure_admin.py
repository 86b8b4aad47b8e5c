import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Zajistí účet správce. Jméno a heslo bere z DJANGO_SUPERUSER_USERNAME a "
        "DJANGO_SUPERUSER_PASSWORD, jinak vytvoří náhodné heslo a jednou ho vypíše."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin"
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user is not None:
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
            self.stdout.write(
                f"Správce „{username}“ už existuje. Přihlášení: {url}"
                + ("" if password else " (heslo bylo vypsáno při jeho založení)")
            )
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Založen správce „{username}“."))
        self.stdout.write(f"Přihlášení: {url}")
        if generated:
            self.stdout.write(f"Heslo (vypisuje se jen teď, uložte si ho): {password}")
        if settings.PORTAL_REQUIRE_2FA:
            self.stdout.write(
                "Při prvním přihlášení si nastavíte druhý faktor: aplikaci pro "
                "ověřování v telefonu (např. FreeOTP), která načte QR kód."
            )
