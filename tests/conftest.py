import pytest


def pytest_configure(config):
    from django.conf import settings

    # The hashed static manifest is a deploy-time artefact made by
    # collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    # The test client speaks plain HTTP; HSTS and secure cookies stay as in
    # production.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to a fresh folder on disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Document files of each test go to a fresh private folder, beside (not
    inside) the media folder, as in production."""
    settings.PORTAL_PRIVATE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "documents.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": settings.PORTAL_PRIVATE_ROOT},
        },
    }
    return settings.PORTAL_PRIVATE_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    from pagecache.middleware import forget_near

    cache.clear()
    forget_near()
    yield
    cache.clear()
    forget_near()


@pytest.fixture
def client():
    """The test client; signing a member of staff in with force_login()
    also gives their second factor, through the verification page
    (tests/signin.py). Sign-in tests use django.test.Client itself."""
    from tests.signin import SignedInClient

    return SignedInClient()


@pytest.fixture
def admin_client(db, admin_user):
    """A client of its own (not ``client``), as in pytest-django, so that a
    test can be the admin and an editor at once."""
    from tests.signin import SignedInClient

    client = SignedInClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def languages(settings):
    """The site in Czech, English and Ukrainian (/en/, /uk/), whatever
    PORTAL_LANGUAGES says; the active language is Czech again afterwards."""
    from django.utils import translation

    settings.LANGUAGES = [("cs", "čeština"), ("en", "English"), ("uk", "українська")]
    yield ["cs", "en", "uk"]
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def no_page_cache(settings):
    """For tests that count the queries of rendering a page: the page cache
    would answer a repeated request with a single query."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def login_as(client, django_user_model, db):
    """Log the test client in as a staff user of one editor group."""
    from django.contrib.auth.models import Group

    from editorial.roles import setup_groups

    setup_groups()

    def login(group):
        user = django_user_model.objects.create_user(f"user-{group}", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return login
