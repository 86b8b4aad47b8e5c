from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderAccount(models.Model):
    """The identity provider's account behind a user. The provider's
    subject never changes, unlike a name or an e-mail address, so an
    account here is never taken over by a new one there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_account",
        verbose_name=_("uživatel"),
    )
    subject = models.CharField(_("identifikátor u poskytovatele"), max_length=255)

    class Meta:
        verbose_name = _("účet u poskytovatele identity")
        verbose_name_plural = _("účty u poskytovatele identity")
        constraints = [
            models.UniqueConstraint(
                fields=["subject"], name="provider_account_subject_unique"
            )
        ]

    def __str__(self):
        return self.subject
