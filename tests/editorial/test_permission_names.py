"""The group and user forms name every permission in Czech (issue #40)."""

import re

from django.contrib.auth.models import Group

from editorial.roles import setup_groups


def permission_options(page):
    select = re.search(
        r'<select name="(?:user_)?permissions".*?</select>', page, re.DOTALL
    ).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_the_group_form_names_permissions_in_czech(admin_client):
    setup_groups()
    clerk = Group.objects.get(name="Úřední deska")
    page = admin_client.get(f"/admin/auth/group/{clerk.pk}/change/").content.decode()
    options = permission_options(page)
    assert len(options) > 50
    english = [
        option
        for option in options
        if re.search(
            r"\bCan (add|change|delete|view)\b|\b(device|token|revision)s?\b|Otp_",
            option,
        )
    ]
    assert english == []
    assert (
        "Úřední deska | oznámení na úřední desce | Smí přidávat: oznámení na "
        "úřední desce" in options
    )


def test_the_user_form_names_permissions_in_czech(admin_client, admin_user):
    page = admin_client.get(f"/admin/auth/user/{admin_user.pk}/change/")
    options = permission_options(page.content.decode())
    assert options
    assert not [o for o in options if "Can " in o]
