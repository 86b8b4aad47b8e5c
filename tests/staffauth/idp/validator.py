from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Claims as a directory-backed provider sends them, groups included."""

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        return {
            "preferred_username": user.username,
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }

    # prompt=none, which the portal's periodic re-check sends: the view has
    # already required a signed-in, active user (or answered
    # login_required), and the portal's client needs no consent screen.
    def validate_silent_login(self, request):
        return True

    def validate_silent_authorization(self, request):
        return True
