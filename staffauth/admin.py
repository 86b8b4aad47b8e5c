"""A Správce resets another user's second factor from the user list; the
reset is recorded in the user's history (the admin's log)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.czech_admin import CzechPermissionsMixin
from staffauth import factors

User = get_user_model()

# Nobody needs to see or edit another user's key: a Správce only resets.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

RESET_RECORD = "Druhý faktor zrušen; při dalším přihlášení si uživatel nastaví nový."


@admin.action(
    description=_("Zrušit druhý faktor (nastaví si nový při přihlášení)"),
    permissions=["reset_factor"],
)
def reset_second_factor(modeladmin, request, queryset):
    done = 0
    for user in queryset:
        if factors.reset(user):
            modeladmin.log_change(request, user, RESET_RECORD)
            done += 1
    modeladmin.message_user(
        request,
        ngettext(
            "Druhý faktor zrušen %(count)d uživateli.",
            "Druhý faktor zrušen %(count)d uživatelům.",
            done,
        )
        % {"count": done},
        messages.SUCCESS,
    )


base = type(admin.site.get_model_admin(User))
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(CzechPermissionsMixin, base):
    actions = [*(base.actions or []), reset_second_factor]

    def has_reset_factor_permission(self, request):
        # Správce has every permission; a Redaktor has none of these.
        return request.user.has_perm("otp_totp.delete_totpdevice")
