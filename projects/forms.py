from django import forms
from django.utils.translation import gettext_lazy as _

from portal.abuse import HoneypotForm


class ContactForm(HoneypotForm):
    name = forms.CharField(
        label=_("Jméno a příjmení"),
        max_length=150,
        error_messages={"required": _("Vyplňte prosím své jméno.")},
    )
    email = forms.EmailField(
        label=_("E-mail pro odpověď"),
        max_length=254,
        error_messages={
            "required": _("Vyplňte prosím e-mail, na který vám odpovíme."),
            "invalid": _("Zadejte platnou e-mailovou adresu."),
        },
    )
    message = forms.CharField(
        label=_("Zpráva"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Napište prosím zprávu."),
            "max_length": _("Zpráva může mít nejvýše 5 000 znaků."),
        },
    )
    field_order = ["name", "email", "message", "website"]
