from django import forms
from django.utils.translation import gettext_lazy as _

from portal.abuse import HoneypotForm
from portal.models import Topic


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Váš e-mail"),
        max_length=254,
        error_messages={
            "required": _("Vyplňte prosím e-mailovou adresu."),
            "invalid": _(
                "Zadejte platnou e-mailovou adresu, např. jana.novakova@example.cz."
            ),
            "max_length": _("E-mailová adresa může mít nejvýše 254 znaků."),
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Témata (nevyberete-li žádné, pošleme vše)"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["email", "topics", "website"]
