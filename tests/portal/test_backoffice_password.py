"""An editor who forgot the password resets it by e-mail, in Czech."""

import re

from django.core import mail
from django.urls import reverse


def test_forgotten_password_is_reset_by_email(client, django_user_model):
    django_user_model.objects.create_user(
        "jana", "jana@kraj.example", "Stare-heslo-2026", is_staff=True
    )
    login = client.get(reverse("admin:login")).content.decode()
    reset_url = reverse("admin_password_reset")
    assert f'href="{reset_url}">Zapomněli jste heslo' in login

    form = client.get(reset_url).content.decode()
    assert "Správa portálu odboru sociálních věcí" in form
    assert "Zapomněli jste heslo" in form
    response = client.post(reset_url, {"email": "jana@kraj.example"}, follow=True)
    assert "Zpráva s obnovením hesla byla odeslána" in response.content.decode()
    (message,) = mail.outbox
    assert message.subject.startswith("Nové heslo do správy portálu")
    assert "Vaše uživatelské jméno: jana" in message.body

    link = re.search(r"https?://\S+/admin/reset/\S+/", message.body).group(0)
    confirm = client.get(link, follow=True)
    assert "Zadejte nové heslo" in confirm.content.decode()
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "Nove-Heslo-2026", "new_password2": "Nove-Heslo-2026"},
        follow=True,
    )
    assert "Vaše heslo bylo nastaveno" in done.content.decode()
    client.logout()
    logged_in = client.post(
        reverse("admin:login"), {"username": "jana", "password": "Nove-Heslo-2026"}
    )
    assert logged_in.status_code == 302
